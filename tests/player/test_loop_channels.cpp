// Several channels on one screen, played by the real loop for a week on a stepped clock: the
// loop draws what screen_at() (the answer `render` and `status` give) says at every frame,
// the gate's and the alerts channel's entries take the screen by the composition rule, and
// the play log names the channel, version and slide of each stretch the screen showed.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "test_loop_fixture.hpp"

using namespace gatecast;
using namespace gatecast::test;
using namespace std::chrono_literals;

namespace {

// Monday 23 November 2026, 00:00 in the loop's zone (UTC).
const Instant monday = at_utc("2026-11-23T00:00:00Z");

LoopPackage province() {
  LoopPackage p;
  p.channel = "province";
  p.version = 4;
  p.playlists = {{"day", {{"slides", {picture_slide("red", 600), picture_slide("green", 900)}}}},
                 {"night", {{"slides", {picture_slide("blue", 1200)}}}}};
  p.schedule = nlohmann::json::parse(R"({"default": "day", "entries": [
      {"playlist": "night", "window": ["19:00", "05:30"], "priority": 10}]})");
  p.screen = nlohmann::json::parse(R"({"on": ["05:00", "23:00"]})");
  return p;
}

LoopPackage gate() {
  LoopPackage p;
  p.channel = "gate";
  p.version = 7;
  // Its own `day` playlist too: playlists are told apart per channel.
  p.playlists = {{"day", {{"slides", {picture_slide("yellow", 300), picture_slide("white", 300)}}}},
                 {"closed", {{"slides", {picture_slide("white", 120)}}}}};
  p.schedule = nlohmann::json::parse(R"({"entries": [
      {"playlist": "day", "weekdays": ["mon", "tue", "wed", "thu", "fri"], "window": ["12:00", "13:00"], "priority": 5},
      {"playlist": "closed", "starts": "2026-11-27 10:00", "ends": "2026-11-27 10:45", "priority": 100, "interrupt": true}]})");
  // Never kept: the province keeps the hours.
  p.screen = nlohmann::json::parse(R"({"on": ["09:00", "10:00"]})");
  return p;
}

LoopPackage alerts() {
  LoopPackage p;
  p.channel = "alerts";
  p.version = 2;
  p.playlists = {{"notice", {{"slides", {picture_slide("green", 60), picture_slide("blue", 60)}}}}};
  p.schedule = nlohmann::json::parse(R"({"entries": [
      {"playlist": "notice", "weekdays": ["wed", "fri"], "window": ["10:20", "12:30"], "priority": 1, "interrupt": true}]})");
  return p;
}

struct Shown {
  std::string channel, playlist;
  int slide = -1;
  bool operator==(const Shown&) const = default;
};
std::ostream& operator<<(std::ostream& out, const Shown& s) {
  return out << s.channel << "/" << s.playlist << "/" << s.slide;
}

Shown answer_at(const player::LoadedScreen& screen, Instant t) {
  const player::ScreenAt at = player::screen_at(&screen, t);
  if (!at.slide || at.screen_off()) return {};
  return {at.channel, at.slide->playlist, static_cast<int>(at.slide->index)};
}

void play_a_week(const std::vector<LoopPackage>& packages) {
  LoopScreen screen(monday);
  std::vector<std::string> channels;
  for (const LoopPackage& p : packages) channels.push_back(p.channel);
  screen.use_channels(channels);
  for (const LoopPackage& p : packages) REQUIRE(screen.install(p).changed);
  player::LoopOptions options;
  options.exit_after = std::chrono::hours(24 * 7);
  options.store_check_every = std::chrono::hours(24);
  screen.loop(options).run();
  const player::LoadedScreen* composed = screen.loop().screen();
  REQUIRE(composed);
  REQUIRE(composed->channel_count() == packages.size());

  // Every frame the loop drew shows what screen_at() says, the answer of `render` and `status`.
  const std::vector<player::ShownFrame>& frames = screen.loop().shown();
  REQUIRE(frames.size() > 100);
  std::set<std::string> channels_seen;
  for (const player::ShownFrame& f : frames) {
    INFO(content::format_rfc3339(f.at));
    const Shown drawn =
        f.slide && !f.screen_off ? Shown{f.channel, f.playlist, static_cast<int>(*f.slide)} : Shown{};
    CHECK(drawn == answer_at(*composed, f.at));
    if (!drawn.channel.empty()) channels_seen.insert(drawn.channel);
  }
  CHECK(channels_seen == std::set<std::string>(channels.begin(), channels.end()));

  // The rule, at instants that matter.
  auto at = [&](const std::string& utc) { return answer_at(*composed, at_utc(utc)); };
  CHECK(at("2026-11-23T09:00:00Z").channel == "province");                                      // the default
  CHECK(at("2026-11-23T12:30:00Z") == Shown{"gate", "day", at("2026-11-23T12:30:00Z").slide});  // 5 > -1
  CHECK(at("2026-11-23T20:00:00Z").playlist == "night");
  CHECK(at("2026-11-23T23:30:00Z") == Shown{});             // the province's hours: off
  CHECK(at("2026-11-28T12:30:00Z").channel == "province");  // Saturday: no gate entry
  CHECK(at("2026-11-27T10:10:00Z") == Shown{"gate", "closed", 0});
  if (packages.size() == 3) {
    // The alert interrupts the gate's day entry; the gate's own interrupt, at 100, beats it.
    CHECK(at("2026-11-25T12:10:00Z").channel == "alerts");
    CHECK(at("2026-11-27T10:30:00Z") == Shown{"gate", "closed", 0});
    CHECK(at("2026-11-27T10:50:00Z").channel == "alerts");
  }

  // The play log agrees: each record is one stretch of one slide of one channel's version,
  // what screen_at() gives inside it; records do not overlap.
  std::vector<content::LoggedPlay> plays = logged_plays(*screen.play_log);
  REQUIRE(plays.size() > 100);
  Instant last_end = monday;
  std::map<std::string, std::int64_t> version_of;
  for (const LoopPackage& p : packages) version_of[p.channel] = p.version;
  for (const content::LoggedPlay& logged : plays) {
    const content::PlayRecord& p = logged.play;
    if (p.kind != content::RecordKind::play) continue;
    INFO(content::format_rfc3339(p.start) << " .. " << content::format_rfc3339(p.end));
    CHECK(p.start >= last_end);
    CHECK(p.end > p.start);
    last_end = p.end;
    CHECK(p.version == version_of[p.channel]);
    const Instant middle = p.start + (p.end - p.start) / 2;
    CHECK(answer_at(*composed, middle) == Shown{p.channel, p.playlist, p.slide_index});
  }
}

}  // namespace

TEST_CASE("two channels: the loop, screen_at and the play log agree over a week", "[loop][channels]") {
  play_a_week({province(), gate()});
}

TEST_CASE("three channels: the alerts channel interrupts, the loop and the play log agree",
          "[loop][channels]") {
  play_a_week({province(), gate(), alerts()});
}

TEST_CASE("a channel installed while another plays joins the screen at the slide boundary",
          "[loop][channels]") {
  LoopScreen screen(at_utc("2026-11-23T12:10:00Z"));
  screen.use_channels({"province", "gate"});
  REQUIRE(screen.install(province()).changed);
  screen.turn_at(at_utc("2026-11-23T12:10:00Z"));
  REQUIRE(screen.loop().shown().back().channel == "province");
  REQUIRE(screen.install(gate()).changed);
  screen.wakeup.notify(player::wake_package_activated);
  screen.turn_at(at_utc("2026-11-23T12:10:01Z"));
  CHECK(screen.loop().shown().back().channel == "province");  // the slide on screen runs out
  // At the end of the province slide on screen, the gate's entry (priority 5) takes over.
  const Instant end = screen.loop().screen()->at(at_utc("2026-11-23T12:10:01Z")).slide_end;
  screen.turn_at(end + 1s);
  CHECK(screen.loop().shown().back().channel == "gate");
  REQUIRE(screen.loop().package(1));
  CHECK(screen.loop().package(1)->version() == 7);
  CHECK(screen.loop().package(0)->version() == 4);
}
