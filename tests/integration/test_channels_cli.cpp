// Two and three channels on one screen as the office sets them up: authoring folders packed,
// signed and installed with the real commands, then over a week of instants `gatecast status`
// names exactly the channel and slide `gatecast render` draws (and the picture is that slide's
// colour), and `gatecast schedule` prints the composed timeline with each line's channel.
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "support/files.hpp"
#include "support/keygen.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using gatecast::test::RunResult;
using gatecast::test::TempDir;
namespace fs = std::filesystem;

namespace {

struct Rgb {
  int r, g, b;
};

const std::map<std::string, Rgb>& colours() {
  static const std::map<std::string, Rgb> c{{"red", {220, 30, 30}},     {"green", {30, 200, 60}},
                                            {"blue", {30, 60, 220}},    {"yellow", {230, 210, 30}},
                                            {"white", {240, 240, 240}}, {"purple", {150, 40, 160}}};
  return c;
}

void write_solid_png(const fs::path& file, Rgb c) {
  SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, 64, 36, 32, SDL_PIXELFORMAT_ARGB8888);
  SDL_FillRect(s, nullptr, SDL_MapRGBA(s->format, Uint8(c.r), Uint8(c.g), Uint8(c.b), 255));
  IMG_SavePNG(s, file.string().c_str());
  SDL_FreeSurface(s);
}

Rgb centre_of(const fs::path& png) {
  SDL_Surface* loaded = IMG_Load(png.string().c_str());
  REQUIRE(loaded);
  SDL_Surface* s = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
  SDL_FreeSurface(loaded);
  const Uint32 p = static_cast<const Uint32*>(s->pixels)[(s->h / 2) * s->pitch / 4 + s->w / 2];
  SDL_FreeSurface(s);
  return {int((p >> 16) & 0xff), int((p >> 8) & 0xff), int(p & 0xff)};
}

bool near(Rgb a, Rgb b) {
  return std::abs(a.r - b.r) <= 8 && std::abs(a.g - b.g) <= 8 && std::abs(a.b - b.b) <= 8;
}

struct Channel {
  std::string name;
  int version;
  // playlist -> the colour of each slide (each slide lasts `seconds`)
  std::map<std::string, std::vector<std::string>> playlists;
  int seconds;
  std::string schedule;  // JSON
  std::string screen;    // JSON, or empty
};

const Channel province{
    "langson",
    12,
    {{"day", {"red", "green"}}, {"night", {"blue"}}},
    600,
    R"({"default": "day", "entries": [{"playlist": "night", "window": ["19:00", "05:30"], "priority": 10}]})",
    R"({"on": ["05:00", "23:00"]})"};
const Channel gate{"huunghi",
                   4,
                   {{"day", {"yellow", "white"}}, {"closed", {"purple"}}},
                   300,
                   R"({"entries": [
                     {"playlist": "day", "weekdays": ["mon", "tue", "wed", "thu", "fri"], "window": ["12:00", "13:00"], "priority": 5},
                     {"playlist": "closed", "starts": "2026-11-27 10:00", "ends": "2026-11-27 10:45", "priority": 100, "interrupt": true}]})",
                   R"({"on": ["09:00", "10:00"]})"};
const Channel alerts{
    "alerts",
    2,
    {{"notice", {"green", "purple"}}},
    60,
    R"({"entries": [{"playlist": "notice", "weekdays": ["wed", "fri"], "window": ["10:20", "12:30"], "priority": 1, "interrupt": true}]})",
    ""};

struct Site {
  TempDir dir{"gatecast-channels-cli"};
  fs::path root = dir / "root";
  fs::path config = dir / "player.json";

  std::string keygen() { return gatecast::test::keygen_public_key(dir / "keys"); }

  void pack(const Channel& c) {
    const fs::path src = dir / ("src-" + c.name);
    fs::create_directories(src / "media");
    nlohmann::json assets = nlohmann::json::object();
    for (const auto& [name, rgb] : colours()) {
      write_solid_png(src / "media" / (name + ".png"), rgb);
      assets[name] = "media/" + name + ".png";
    }
    nlohmann::json playlists = nlohmann::json::object();
    for (const auto& [name, slides] : c.playlists) {
      nlohmann::json list = nlohmann::json::array();
      for (const std::string& colour : slides) {
        list.push_back(
            {{"layout", "full"},
             {"duration", c.seconds},
             {"content", {{"picture", {{"type", "image"}, {"asset", colour}, {"fit", "cover"}}}}}});
      }
      playlists[name] = {{"slides", list}};
    }
    nlohmann::json content = {{"expires", 3650},
                              {"targets", {"*"}},
                              {"assets", assets},
                              {"layouts",
                               {{"full",
                                 {{"size", {1920, 1080}},
                                  {"background", "#000000"},
                                  {"regions", {{"picture", {{"rect", {0, 0, 1920, 1080}}}}}}}}}},
                              {"playlists", playlists},
                              {"schedule", nlohmann::json::parse(c.schedule)}};
    if (!c.screen.empty()) content["screen"] = nlohmann::json::parse(c.screen);
    std::ofstream(src / "content.json") << content.dump(2);
    RunResult p = gatecast::test::gatecast({"pack", src.string(), "--out", root.string(), "--channel", c.name,
                                            "--version", std::to_string(c.version), "--key",
                                            (dir / "keys/gatecast.key").string()});
    INFO(p.err);
    REQUIRE(p.exit_code == 0);
  }

  void install(const std::vector<Channel>& channels) {
    const std::string key = keygen();
    nlohmann::json sources = nlohmann::json::array();
    for (const Channel& c : channels) {
      pack(c);
      sources.push_back({{"url", root.string()}, {"channel", c.name}});
    }
    const nlohmann::json doc = {{"screen", "langson/huunghi/1"},
                                {"timezone", "Asia/Ho_Chi_Minh"},
                                {"data_dir", (dir / "data").string()},
                                {"trusted_keys", {key}},
                                {"sources", sources}};
    std::ofstream(config) << doc.dump(2);
    RunResult i = gatecast::test::gatecast({"install", root.string(), "--config", config.string()});
    INFO(i.err);
    REQUIRE(i.exit_code == 0);
  }
};

std::string colour_of(const std::vector<Channel>& channels, const nlohmann::json& showing) {
  for (const Channel& c : channels) {
    if (c.name != showing["channel"]) continue;
    return c.playlists.at(showing["playlist"].get<std::string>()).at(showing["slide"].get<std::size_t>() - 1);
  }
  FAIL("no channel " << showing["channel"]);
  return {};
}

// status --at and render --at agree at a week of instants; returns the channels seen on screen.
std::set<std::string> check_week(Site& site, const std::vector<Channel>& channels) {
  std::vector<std::string> instants;
  // Every 2 h 13 min 7 s from Monday 00:00 (+07:00), so every hour of the day comes round.
  for (long s = 0; s < 7 * 86400; s += 2 * 3600 + 13 * 60 + 7) {
    char at[64];
    std::snprintf(at, sizeof at, "2026-11-%02ldT%02ld:%02ld:%02ld+07:00", 23 + s / 86400, s % 86400 / 3600,
                  s % 3600 / 60, s % 60);
    instants.emplace_back(at);
  }
  // And the instants where the composition turns.
  for (const char* at :
       {"2026-11-23T12:00:00+07:00", "2026-11-23T12:59:59+07:00", "2026-11-25T10:20:00+07:00",
        "2026-11-25T12:10:00+07:00", "2026-11-27T10:30:00+07:00", "2026-11-27T10:50:00+07:00",
        "2026-11-27T12:45:00+07:00", "2026-11-28T12:30:00+07:00", "2026-11-23T23:30:00+07:00"}) {
    instants.emplace_back(at);
  }
  std::set<std::string> seen;
  for (const std::string& at : instants) {
    INFO(at);
    const RunResult status =
        gatecast::test::gatecast({"status", "--config", site.config.string(), "--json", "--at", at});
    INFO(status.err);
    REQUIRE(status.exit_code == 0);
    const nlohmann::json showing = nlohmann::json::parse(status.out)["showing"];
    const fs::path png = site.dir / "frame.png";
    const RunResult render = gatecast::test::gatecast(
        {"render", "--config", site.config.string(), "--at", at, "--out", png.string(), "--size", "192x108"});
    INFO(render.out << render.err);
    REQUIRE(render.exit_code == 0);
    CHECK_THAT(render.out, Catch::EndsWith(", " + showing["text"].get<std::string>() + "\n"));
    if (showing["screen"] == "off") {
      CHECK(near(centre_of(png), {0, 0, 0}));
      continue;
    }
    REQUIRE(showing["channel"].is_string());
    CHECK(near(centre_of(png), colours().at(colour_of(channels, showing))));
    seen.insert(showing["channel"].get<std::string>());
  }
  return seen;
}

std::string composed_at(Site& site, const std::string& at) {
  const RunResult status =
      gatecast::test::gatecast({"status", "--config", site.config.string(), "--json", "--at", at});
  REQUIRE(status.exit_code == 0);
  const nlohmann::json doc = nlohmann::json::parse(status.out);
  return doc["showing"]["channel"].is_string() ? doc["showing"]["channel"].get<std::string>() + "/" +
                                                     doc["showing"]["playlist"].get<std::string>()
                                               : std::string("-");
}

}  // namespace

TEST_CASE("two channels: status names what render draws over a week", "[channels_cli][status][render]") {
  Site site;
  site.install({province, gate});
  CHECK(check_week(site, {province, gate}) == std::set<std::string>{"langson", "huunghi"});
  CHECK(composed_at(site, "2026-11-23T09:00:00+07:00") == "langson/day");
  CHECK(composed_at(site, "2026-11-23T12:30:00+07:00") == "huunghi/day");     // 5 beats the default
  CHECK(composed_at(site, "2026-11-23T20:00:00+07:00") == "langson/night");   // 10 beats nothing else
  CHECK(composed_at(site, "2026-11-27T10:30:00+07:00") == "huunghi/closed");  // the interrupt
  CHECK(composed_at(site, "2026-11-23T23:30:00+07:00") == "-");               // langson's hours: off
  CHECK(composed_at(site, "2026-11-23T09:30:00+07:00") == "langson/day");     // not the gate's hours

  // Each channel's own wants are listed beside the composed answer.
  const RunResult text = gatecast::test::gatecast(
      {"status", "--config", site.config.string(), "--at", "2026-11-27T10:30:00+07:00"});
  CHECK_THAT(text.out, Catch::Contains("  now: huunghi: closed (urgent notice), screen on\n"));
  CHECK_THAT(text.out,
             Catch::Contains("  next: 2026-11-27 10:45 +07:00: langson: day (default), screen on\n"));
  CHECK_THAT(text.out, Catch::Contains("  wants now: day (default), screen on\n"));
  CHECK_THAT(text.out, Catch::Contains("channel langson (its screen hours):\n"));
}

TEST_CASE("three channels: the alerts channel interrupts; status and render agree",
          "[channels_cli][status][render]") {
  Site site;
  site.install({province, gate, alerts});
  CHECK(check_week(site, {province, gate, alerts}) == std::set<std::string>{"langson", "huunghi", "alerts"});
  CHECK(composed_at(site, "2026-11-25T12:10:00+07:00") == "alerts/notice");   // interrupt beats priority 5
  CHECK(composed_at(site, "2026-11-27T10:30:00+07:00") == "huunghi/closed");  // interrupt at 100 beats 1
  CHECK(composed_at(site, "2026-11-27T10:50:00+07:00") == "alerts/notice");
  CHECK(composed_at(site, "2026-11-27T12:45:00+07:00") == "huunghi/day");
}

TEST_CASE("gatecast schedule prints the composed timeline with each line's channel",
          "[channels_cli][schedule_cli]") {
  Site site;
  site.install({province, gate, alerts});
  const RunResult r = gatecast::test::gatecast({"schedule", "--config", site.config.string(), "--from",
                                                "2026-11-27 00:00", "--to", "2026-11-28 00:00"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out ==
        "channel langson, version 12 (its screen hours)\n"
        "channel huunghi, version 4\n"
        "channel alerts, version 2\n"
        "time zone Asia/Ho_Chi_Minh\n"
        "from 2026-11-27 00:00 +07:00 to 2026-11-28 00:00 +07:00\n"
        "2026-11-27 00:00 +07:00  langson: night, screen off\n"
        "2026-11-27 05:00 +07:00  langson: night, screen on\n"
        "2026-11-27 05:30 +07:00  langson: day (default), screen on\n"
        "2026-11-27 10:00 +07:00  huunghi: closed (urgent notice), screen on\n"
        "2026-11-27 10:45 +07:00  alerts: notice (urgent notice), screen on\n"
        "2026-11-27 12:30 +07:00  huunghi: day, screen on\n"
        "2026-11-27 13:00 +07:00  langson: day (default), screen on\n"
        "2026-11-27 19:00 +07:00  langson: night, screen on\n"
        "2026-11-27 23:00 +07:00  langson: night, screen off\n");

  // A channel with nothing installed is named and plays no part.
  nlohmann::json doc = nlohmann::json::parse(gatecast::test::read_whole(site.config));
  doc["sources"].push_back({{"url", site.root.string()}, {"channel", "tanthanh"}});
  doc["screen_channel"] = "huunghi";
  std::ofstream(site.dir / "more.json") << doc.dump();
  const RunResult more = gatecast::test::gatecast({"schedule", "--config", (site.dir / "more.json").string(),
                                                   "--from", "2026-11-27 09:00", "--to", "2026-11-27 10:30"});
  INFO(more.err);
  REQUIRE(more.exit_code == 0);
  // The gate keeps the hours now: on 09:00-10:00 only.
  CHECK(more.out ==
        "channel langson, version 12\n"
        "channel huunghi, version 4 (its screen hours)\n"
        "channel alerts, version 2\n"
        "channel tanthanh: nothing installed\n"
        "time zone Asia/Ho_Chi_Minh\n"
        "from 2026-11-27 09:00 +07:00 to 2026-11-27 10:30 +07:00\n"
        "2026-11-27 09:00 +07:00  langson: day (default), screen on\n"
        "2026-11-27 10:00 +07:00  huunghi: closed (urgent notice), screen off\n");
  doc["screen_channel"] = "nowhere";
  std::ofstream(site.dir / "bad.json") << doc.dump();
  const RunResult bad = gatecast::test::gatecast({"schedule", "--config", (site.dir / "bad.json").string()});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err,
             Catch::Contains("screen_channel: 'nowhere' is not the channel of any of the config's sources"));
}
