// `gatecast render` and `gatecast preview` as the office runs them: an authoring folder packed,
// signed and installed with the real commands, then pictures of what the screen shows; exit
// codes and named errors for what goes wrong.
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
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

void write_solid_png(const fs::path& file, int w, int h, Rgb c) {
  SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
  SDL_FillRect(s, nullptr, SDL_MapRGBA(s->format, Uint8(c.r), Uint8(c.g), Uint8(c.b), 255));
  IMG_SavePNG(s, file.string().c_str());
  SDL_FreeSurface(s);
}

Rgb pixel_of(const fs::path& png, int x, int y) {
  SDL_Surface* loaded = IMG_Load(png.string().c_str());
  REQUIRE(loaded);
  SDL_Surface* s = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
  SDL_FreeSurface(loaded);
  const Uint32 p = static_cast<const Uint32*>(s->pixels)[y * s->pitch / 4 + x];
  SDL_FreeSurface(s);
  return {int((p >> 16) & 0xff), int((p >> 8) & 0xff), int(p & 0xff)};
}

fs::path size_of(const fs::path& png, int& w, int& h) {
  SDL_Surface* s = IMG_Load(png.string().c_str());
  REQUIRE(s);
  w = s->w;
  h = s->h;
  SDL_FreeSurface(s);
  return png;
}

bool near(Rgb a, Rgb b, int tolerance = 10) {
  return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance &&
         std::abs(a.b - b.b) <= tolerance;
}

// Two slides: a red picture for 10 s, then a green one crossfading in over 2 s; on 06:00-22:00
// Hanoi time, dimmed to 50% from 20:00.
void write_authoring_folder(const fs::path& src) {
  fs::create_directories(src / "media");
  write_solid_png(src / "media/red.png", 64, 36, {255, 0, 0});
  write_solid_png(src / "media/green.png", 64, 36, {0, 255, 0});
  std::ofstream(src / "content.json") << R"({
  "expires": 3650,
  "targets": ["*"],
  "assets": {"red": "media/red.png", "green": "media/green.png"},
  "layouts": {"full": {"size": [1920, 1080], "background": "#0b2a4a",
                       "regions": {"picture": {"rect": [0, 0, 1920, 1080]}}}},
  "playlists": {"day": {"slides": [
    {"layout": "full", "duration": 10, "content": {"picture": {"type": "image", "asset": "red", "fit": "cover"}}},
    {"layout": "full", "duration": 10, "transition": {"type": "crossfade", "duration": 2},
     "content": {"picture": {"type": "image", "asset": "green", "fit": "cover"}}}
  ]}},
  "schedule": {"default": "day"},
  "screen": {"on": ["06:00", "22:00"], "dim": {"window": ["20:00", "06:00"], "level": 0.5}}
})";
}

struct Site {
  TempDir dir{"gatecast-render-cli"};
  fs::path src = dir / "src";
  fs::path root = dir / "root";
  fs::path config = dir / "player.json";

  void write_config(const std::string& pubkey_line, const std::string& extra = "") {
    std::ofstream(config) << R"({"screen": "langson/huunghi/1", "site_name": "Cửa khẩu Hữu Nghị",
      "timezone": "Asia/Ho_Chi_Minh", "data_dir": ")"
                          << (dir / "data").string() << R"(", "trusted_keys": [")" << pubkey_line
                          << R"("], "sources": [{"url": ")" << root.string() << R"(", "channel": "langson"}])"
                          << extra << "}";
  }

  // A fresh key pair in keys/; returns the public key's base64 line.
  std::string keygen() { return gatecast::test::keygen_public_key(dir / "keys"); }

  // keygen, pack (signed), install: the package is active in the store.
  void install() {
    write_authoring_folder(src);
    const std::string key = keygen();
    RunResult p =
        gatecast::test::gatecast({"pack", src.string(), "--out", root.string(), "--channel", "langson",
                                  "--version", "1", "--key", (dir / "keys/gatecast.key").string()});
    INFO(p.err);
    REQUIRE(p.exit_code == 0);
    write_config(key);
    RunResult i = gatecast::test::gatecast({"install", root.string(), "--config", config.string()});
    INFO(i.err);
    REQUIRE(i.exit_code == 0);
  }

  RunResult render(const std::string& at, const fs::path& out, const std::string& size = "192x108") {
    return gatecast::test::gatecast(
        {"render", "--config", config.string(), "--at", at, "--out", out.string(), "--size", size});
  }
};

}  // namespace

TEST_CASE("gatecast render draws the slide, the transition, dimming and off at their instants",
          "[render_cli]") {
  Site site;
  site.install();
  // The playlist starts again at each local midnight and at each screen-on (06:00): at 08:00:05
  // it is 7200.005 s in, i.e. 360 cycles of 20 s plus 5 s: the red slide.
  RunResult r = site.render("2026-11-23T08:00:05+07:00", site.dir / "red.png");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("playlist 'day' slide 1"));
  int w = 0, h = 0;
  size_of(site.dir / "red.png", w, h);
  CHECK((w == 192 && h == 108));
  CHECK(near(pixel_of(site.dir / "red.png", 96, 54), {255, 0, 0}));

  // One second into the green slide's 2 s crossfade: half red, half green.
  r = site.render("2026-11-23T08:00:11+07:00", site.dir / "fade.png");
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("slide 2 (transition from slide 1)"));
  CHECK(near(pixel_of(site.dir / "fade.png", 96, 54), {128, 128, 0}, 3));

  r = site.render("2026-11-23T20:00:05+07:00", site.dir / "dim.png");
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("dimmed to 50%"));
  CHECK(near(pixel_of(site.dir / "dim.png", 96, 54), {128, 0, 0}, 3));

  r = site.render("2026-11-23T23:00:00+07:00", site.dir / "off.png");
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("screen off"));
  CHECK(near(pixel_of(site.dir / "off.png", 96, 54), {0, 0, 0}, 0));
}

TEST_CASE("gatecast render without an installed package draws the idle screen", "[render_cli]") {
  Site site;
  site.write_config(site.keygen(), R"(, "output": {"viewport": [0, 0, 960, 540]})");
  const fs::path out = site.dir / "idle.png";
  RunResult r = gatecast::test::gatecast({"render", "--config", site.config.string(), "--at",
                                          "2026-11-23T08:05:00+07:00", "--out", out.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("idle screen"));
  int w = 0, h = 0;
  size_of(out, w, h);
  CHECK((w == 1920 && h == 1080));                      // the HDMI frame
  CHECK(near(pixel_of(out, 10, 10), {11, 42, 74}));     // the idle screen in the viewport
  CHECK(near(pixel_of(out, 1500, 900), {0, 0, 0}, 0));  // black where the wall shows nothing
}

TEST_CASE("gatecast render names what is wrong and exits with the contract's codes", "[render_cli]") {
  Site site;
  site.write_config(site.keygen());
  RunResult missing_at =
      gatecast::test::gatecast({"render", "--config", site.config.string(), "--out", "x.png"});
  CHECK(missing_at.exit_code == 2);
  CHECK_THAT(missing_at.err, Catch::StartsWith("gatecast: --at: "));

  RunResult bad_at = site.render("yesterday", site.dir / "x.png");
  CHECK(bad_at.exit_code == 2);
  CHECK_THAT(bad_at.err, Catch::Contains("--at"));

  RunResult bad_size = site.render("2026-11-23T08:00:00+07:00", site.dir / "x.png", "0x100");
  CHECK(bad_size.exit_code == 2);
  CHECK_THAT(bad_size.err, Catch::StartsWith("gatecast: --size: "));
  CHECK(site.render("2026-11-23T08:00:00+07:00", site.dir / "x.png", "1920x99999").exit_code == 2);
  CHECK(site.render("2026-11-23T08:00:00+07:00", site.dir / "x.png", "-5x10").exit_code == 2);

  RunResult unwritable = site.render("2026-11-23T08:00:00+07:00", site.dir / "no/such/dir/x.png");
  CHECK(unwritable.exit_code == 1);
  CHECK_THAT(unwritable.err,
             Catch::StartsWith("gatecast: " + (site.dir / "no/such/dir/x.png").string() + ": "));

  RunResult no_config = gatecast::test::gatecast({"render", "--config", (site.dir / "none.json").string(),
                                                  "--at", "2026-11-23T08:00:00+07:00", "--out", "x.png"});
  CHECK(no_config.exit_code == 2);
  CHECK_THAT(no_config.err, Catch::Contains("none.json"));
  CHECK_FALSE(fs::exists(site.dir / "x.png"));
}

TEST_CASE("gatecast preview draws a contact sheet of an authoring folder and of a publish tree",
          "[render_cli]") {
  Site site;
  site.install();
  const fs::path sheet = site.dir / "sheet.png";
  RunResult r = gatecast::test::gatecast({"preview", site.src.string(), "--out", sheet.string(), "--size",
                                          "160x90", "--at", "2026-11-23T08:00:00+07:00"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("2 slides"));
  int w = 0, h = 0;
  size_of(sheet, w, h);
  CHECK((w == 16 + 2 * (160 + 16) && h == 16 + 90 + 28 + 16));
  CHECK(near(pixel_of(sheet, 16 + 80, 16 + 45), {255, 0, 0}));
  CHECK(near(pixel_of(sheet, 16 + 176 + 80, 16 + 45), {0, 255, 0}));  // shown after its crossfade

  const fs::path tree_sheet = site.dir / "tree.png";
  RunResult t = gatecast::test::gatecast({"preview", site.root.string(), "--out", tree_sheet.string(),
                                          "--size", "160x90", "--at", "2026-11-23T08:00:00+07:00"});
  INFO(t.err);
  REQUIRE(t.exit_code == 0);
  CHECK(near(pixel_of(tree_sheet, 16 + 80, 16 + 45), {255, 0, 0}));
}

TEST_CASE("gatecast preview marks a slide whose picture cannot play and exits 3", "[render_cli]") {
  Site site;
  write_authoring_folder(site.src);
  // A PNG with a sound header and garbled pixels: pack's type check passes, decoding fails.
  std::ifstream in(site.src / "media/green.png", std::ios::binary);
  std::string png((std::istreambuf_iterator<char>(in)), {});
  in.close();
  for (std::size_t i = 40; i < png.size(); i += 3) png[i] = char(png[i] ^ 0x5a);
  std::ofstream(site.src / "media/green.png", std::ios::binary) << png;
  const fs::path sheet = site.dir / "sheet.png";
  RunResult r = gatecast::test::gatecast({"preview", site.src.string(), "--out", sheet.string(), "--size",
                                          "160x90", "--at", "2026-11-23T08:00:00+07:00"});
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("gatecast: playlist 'day' slide 2: asset 'green': "));
  CHECK_THAT(r.err, Catch::Contains("gatecast: " + site.src.string() + ": "));
  CHECK(fs::exists(sheet));  // still drawn, for the office to see which

  RunResult not_a_source =
      gatecast::test::gatecast({"preview", site.dir.path().string(), "--out", sheet.string()});
  CHECK(not_a_source.exit_code == 2);
  CHECK_THAT(not_a_source.err, Catch::StartsWith("gatecast: " + site.dir.path().string() + ": "));
  RunResult no_src = gatecast::test::gatecast({"preview", "--out", sheet.string()});
  CHECK(no_src.exit_code == 2);
}

namespace {

// Three pictures (red 10 s, green 10 s crossfading in, blue 5 s), installed; then the green
// blob in the store garbled behind its header, same size: the package loads and the header
// probes fine, only decoding the picture shows it cannot play.
void install_with_undecodable_green(Site& site) {
  site.install();
  std::ofstream(site.src / "content.json") << R"({
  "expires": 3650,
  "targets": ["*"],
  "assets": {"red": "media/red.png", "green": "media/green.png", "blue": "media/blue.png"},
  "layouts": {"full": {"size": [1920, 1080], "background": "#0b2a4a",
                       "regions": {"picture": {"rect": [0, 0, 1920, 1080]}}}},
  "playlists": {"day": {"slides": [
    {"layout": "full", "duration": 10, "content": {"picture": {"type": "image", "asset": "red"}}},
    {"layout": "full", "duration": 10, "transition": {"type": "crossfade", "duration": 2},
     "content": {"picture": {"type": "image", "asset": "green"}}},
    {"layout": "full", "duration": 5, "transition": {"type": "crossfade", "duration": 2},
     "content": {"picture": {"type": "image", "asset": "blue"}}}
  ]}},
  "schedule": {"default": "day"}
})";
  write_solid_png(site.src / "media/blue.png", 64, 36, {0, 0, 255});
  RunResult p = gatecast::test::gatecast({"pack", site.src.string(), "--out", site.root.string(), "--channel",
                                          "langson", "--version", "2", "--key",
                                          (site.dir / "keys/gatecast.key").string()});
  INFO(p.err);
  REQUIRE(p.exit_code == 0);
  RunResult i = gatecast::test::gatecast({"install", site.root.string(), "--config", site.config.string()});
  INFO(i.err);
  REQUIRE(i.exit_code == 0);
  const std::string green = gatecast::test::read_whole(site.src / "media/green.png");
  int garbled = 0;
  for (const auto& blob : fs::directory_iterator(site.dir / "data/store/blobs")) {
    if (gatecast::test::read_whole(blob.path()) != green) continue;
    std::string bytes = green;
    for (std::size_t n = 40; n < bytes.size(); ++n) bytes[n] = '\x5a';
    fs::permissions(blob.path(), fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
    gatecast::test::write_file(blob.path(), bytes);
    ++garbled;
  }
  REQUIRE(garbled == 1);
}

// "playlist 'day' slide 3" out of render's summary line; 0 for the idle screen.
int rendered_slide(const std::string& out) {
  const std::size_t at = out.find("slide ");
  return at == std::string::npos || out.find("idle screen") != std::string::npos
             ? 0
             : std::stoi(out.substr(at + 6));
}

}  // namespace

TEST_CASE("gatecast status names the slide gatecast render draws, at every instant", "[render_cli][status]") {
  Site site;
  install_with_undecodable_green(site);
  std::set<int> seen;
  // Every 7.3 s over two minutes: slide starts, crossfades and mid-slide instants alike.
  for (int tenths = 0; tenths <= 1200; tenths += 73) {
    char at[64];
    std::snprintf(at, sizeof at, "2026-11-23T08:%02d:%02d.%d+07:00", tenths / 600, tenths / 10 % 60,
                  tenths % 10);
    INFO(at);
    const RunResult status =
        gatecast::test::gatecast({"status", "--config", site.config.string(), "--json", "--at", at});
    INFO(status.err);
    REQUIRE(status.exit_code == 0);
    const nlohmann::json showing = nlohmann::json::parse(status.out)["showing"];
    const RunResult render = gatecast::test::gatecast(
        {"render", "--config", site.config.string(), "--at", at, "--out", (site.dir / "frame.png").string()});
    INFO(render.out);
    REQUIRE(render.exit_code == 0);
    const int drawn = rendered_slide(render.out);
    CHECK(showing["slide"] == (drawn == 0 ? nlohmann::json(nullptr) : nlohmann::json(drawn)));
    CHECK_THAT(render.out, Catch::Contains(showing["text"].get<std::string>()));
    // The undecodable green slide is benched by both, with the decoder's reason.
    REQUIRE(showing["benched"].size() == 1);
    CHECK(showing["benched"][0]["slide"] == 2);
    CHECK_THAT(showing["benched"][0]["reason"].get<std::string>(), Catch::Contains("does not decode"));
    seen.insert(drawn);
  }
  CHECK(seen == std::set<int>{1, 3});
}
