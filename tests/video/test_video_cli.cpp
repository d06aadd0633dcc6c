// Video through the real commands, as the office and a screen run them: `pack` probes the clips
// into the manifest (checked against ffprobe) or refuses them with one line naming the file,
// `install` takes them into the store, `render --at` shows the very frame the screen shows at
// that instant, and `preview` a poster frame.
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "clips.hpp"
#include "player/surface/sdl_ptr.hpp"
#include "support/files.hpp"
#include "support/keygen.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using gatecast::test::ClipSpec;
using gatecast::test::RunResult;
namespace fs = std::filesystem;

namespace {

// A picture file read back as an ARGB8888 surface.
gatecast::player::SurfacePtr load_png(const fs::path& png) {
  SDL_Surface* loaded = IMG_Load(png.c_str());
  REQUIRE(loaded);
  gatecast::player::SurfacePtr s(SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0));
  SDL_FreeSurface(loaded);
  REQUIRE(s);
  return s;
}

struct VideoSite {
  gatecast::test::TempDir dir{"gatecast-video-cli"};
  fs::path src = dir / "src";
  fs::path root = dir / "root";
  fs::path config = dir / "player.json";

  // A documentary as long as itself (4 s at 30 frames/s), a still, then a 1.2 s clip (25
  // frames/s, WebM) looping for 3 s in a region beside a caption: 8 s a round, from midnight.
  void write_folder() {
    fs::create_directories(src / "media");
    gatecast::test::make_clip(src / "media/film.mp4", ClipSpec{320, 180, 30, 4.0});
    gatecast::test::make_clip(src / "media/clip.webm", ClipSpec{320, 180, 25, 1.2, "libvpx-vp9", 10});
    SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, 64, 36, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_FillRect(s, nullptr, SDL_MapRGBA(s->format, 255, 0, 0, 255));
    IMG_SavePNG(s, (src / "media/red.png").c_str());
    SDL_FreeSurface(s);
    std::ofstream(src / "content.json") << R"({
  "expires": 3650,
  "targets": ["*"],
  "assets": {"film": "media/film.mp4", "clip": "media/clip.webm", "red": "media/red.png"},
  "layouts": {
    "full": {"size": [1920, 1080], "background": "#0b2a4a", "regions": {"main": {"rect": [0, 0, 1920, 1080]}}},
    "side": {"size": [1920, 1080], "background": "#0b2a4a",
             "regions": {"video": {"rect": [0, 0, 1280, 720]}, "caption": {"rect": [1280, 0, 640, 720]}}}
  },
  "playlists": {"day": {"slides": [
    {"layout": "full", "duration": "video", "content": {"main": {"type": "video", "asset": "film"}}},
    {"layout": "full", "duration": 1, "content": {"main": {"type": "image", "asset": "red", "fit": "cover"}}},
    {"layout": "side", "duration": 3, "content": {"video": {"type": "video", "asset": "clip", "loop": true},
      "caption": {"type": "text", "text": {"vi": "Lạng Sơn", "en": "Lang Son"}}}}
  ]}},
  "schedule": {"default": "day"}
})";
  }

  std::string trusted_key;

  // The player config, with `output` (a JSON object's members) when given.
  void write_config(const std::string& output = {}) {
    std::ofstream(config, std::ios::trunc)
        << R"({"screen": "langson/huunghi/1", "timezone": "Asia/Ho_Chi_Minh", "data_dir": ")"
        << (dir / "data").string() << R"(", "trusted_keys": [")" << trusted_key
        << R"("], "sources": [{"url": ")" << root.string() << R"(", "channel": "langson"}])"
        << (output.empty() ? "" : R"(, "output": {)" + output + "}") << "}";
  }

  // What `status` says of video decoding.
  std::string decoding_line() {
    RunResult r = gatecast::test::gatecast({"status", "--config", config.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::size_t at = r.out.find("video decoding: ");
    REQUIRE(at != std::string::npos);
    return r.out.substr(at, r.out.find('\n', at) - at);
  }

  RunResult pack() {
    return gatecast::test::gatecast({"pack", src.string(), "--out", root.string(), "--channel", "langson",
                                     "--version", "1", "--key", (dir / "keys/gatecast.key").string()});
  }

  void install() {
    write_folder();
    const std::string key = gatecast::test::keygen_public_key(dir / "keys");
    RunResult p = pack();
    INFO(p.err);
    REQUIRE(p.exit_code == 0);
    trusted_key = key;
    write_config();
    RunResult i = gatecast::test::gatecast({"install", root.string(), "--config", config.string()});
    INFO(i.err);
    REQUIRE(i.exit_code == 0);
  }

  // The frame number `render --at` shows in `area` (on a 960x540 output).
  std::optional<int> frame_at(const std::string& at, SDL_Rect area) {
    const fs::path out = dir / "at.png";
    RunResult r = gatecast::test::gatecast(
        {"render", "--config", config.string(), "--at", at, "--out", out.string(), "--size", "960x540"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return gatecast::test::frame_number_in(load_png(out).get(), area);
  }
};

}  // namespace

TEST_CASE("video cli: pack writes what ffprobe finds into the manifest", "[video]") {
  VideoSite site;
  site.install();
  std::ifstream in(site.root / "channels/langson/manifest.json");
  const nlohmann::json manifest = nlohmann::json::parse(in);
  const nlohmann::json& film = manifest.at("assets").at("film");
  CHECK(film.at("type") == "video/mp4");
  CHECK(film.at("video").at("codec") == "h264");
  CHECK(film.at("video").at("width") == 320);
  CHECK(film.at("video").at("height") == 180);
  CHECK(film.at("video").at("frame_rate") == 30.0);
  CHECK(film.at("video").at("duration") == 4.0);
  CHECK(film.at("video").at("frames") == 120);
  const RunResult probe = gatecast::test::run(
      {"ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
       "stream=nb_read_frames,profile", "-of", "json", (site.src / "media/film.mp4").string()});
  REQUIRE(probe.exit_code == 0);
  const nlohmann::json oracle = nlohmann::json::parse(probe.out).at("streams").at(0);
  CHECK(film.at("video").at("frames") == std::stoi(oracle.at("nb_read_frames").get<std::string>()));
  CHECK(film.at("video").at("profile") == oracle.at("profile"));
  CHECK(manifest.at("assets").at("clip").at("type") == "video/webm");
  CHECK(manifest.at("assets").at("clip").at("video").at("codec") == "vp9");
  // The slide keeps "video" as its duration; the screen reads the length from the asset.
  CHECK(manifest.at("playlists").at("day").at("slides").at(0).at("duration") == "video");
}

TEST_CASE("video cli: render --at shows the exact frame of each instant", "[video]") {
  VideoSite site;
  site.install();
  const SDL_Rect full{0, 0, 960, 540};
  const SDL_Rect side{0, 0, 640, 360};  // the video region on a 960x540 output
  // The playlist starts at local midnight; the film is 4 s, the still 1 s, the clip loop 3 s.
  CHECK(site.frame_at("2026-11-23T00:00:00+07:00", full) == 0);
  CHECK(site.frame_at("2026-11-23T00:00:00.100+07:00", full) == 3);
  CHECK(site.frame_at("2026-11-23T00:00:02.345+07:00", full) == 70);
  CHECK(site.frame_at("2026-11-23T00:00:03.999+07:00", full) == 119);
  CHECK_FALSE(site.frame_at("2026-11-23T00:00:04.500+07:00", full));  // the still
  CHECK(site.frame_at("2026-11-23T00:00:05.000+07:00", side) == 0);
  CHECK(site.frame_at("2026-11-23T00:00:06.199+07:00", side) == 29);  // 1.199 s at 25 frames/s
  CHECK(site.frame_at("2026-11-23T00:00:06.200+07:00", side) == 0);   // looped
  CHECK(site.frame_at("2026-11-23T00:00:07.500+07:00", side) == 2);   // 2.5 s = 2 x 1.2 + 0.1
  // Hours later: 3 h 0 min 1.5 s = 1350 rounds of 8 s and 1.5 s into the film.
  CHECK(site.frame_at("2026-11-23T03:00:01.500+07:00", full) == 45);
}

TEST_CASE("video cli: preview shows a poster frame of each video slide", "[video]") {
  VideoSite site;
  site.write_folder();
  const fs::path sheet = site.dir / "sheet.png";
  RunResult r = gatecast::test::gatecast({"preview", site.src.string(), "--out", sheet.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(fs::file_size(sheet) > 0);
}

TEST_CASE("video cli: pack refuses clips the screens could not play, one line each", "[video]") {
  VideoSite site;
  site.write_folder();
  RunResult k = gatecast::test::gatecast({"keygen", "--out", (site.dir / "keys").string(), "--no-password"});
  REQUIRE(k.exit_code == 0);
  const auto refused = [&](const std::string& file, const std::string& words) {
    RunResult p = site.pack();
    INFO(p.err);
    CHECK(p.exit_code == 3);
    CHECK(std::count(p.err.begin(), p.err.end(), '\n') == 1);
    CHECK_THAT(p.err, Catch::StartsWith("gatecast: ") && Catch::Contains(file) && Catch::Contains(words));
    CHECK_FALSE(fs::exists(site.root / "channels/langson/manifest.json"));
  };
  SECTION("an extension that lies") {
    fs::rename(site.src / "media/clip.webm", site.src / "media/clip.mp4");
    std::string text = gatecast::test::read_whole(site.src / "content.json");
    text.replace(text.find("clip.webm"), 9, "clip.mp4");
    std::ofstream(site.src / "content.json", std::ios::trunc) << text;
    refused("clip.mp4", "holds video/webm");
  }
  SECTION("a codec the screens do not play") {
    gatecast::test::make_clip(site.src / "media/film.mp4", ClipSpec{320, 180, 30, 0.5, "mpeg4"});
    refused("media/film.mp4", "mpeg4");
  }
  SECTION("more than 60 frames per second") {
    gatecast::test::make_clip(site.src / "media/film.mp4", ClipSpec{160, 90, 120, 0.5});
    refused("media/film.mp4", "frames per second");
  }
  SECTION("a file cut short") {
    gatecast::test::make_clip(site.src / "media/film.mp4",
                              ClipSpec{320, 180, 30, 3.0, "libx264", 15, {"-movflags", "+faststart"}});
    const std::string bytes = gatecast::test::read_whole(site.src / "media/film.mp4");
    std::ofstream(site.src / "media/film.mp4", std::ios::trunc | std::ios::binary)
        << bytes.substr(0, bytes.size() / 2);
    refused("media/film.mp4", "");
  }
}

TEST_CASE("video cli: without a working GPU, videos decode in software and status says why", "[video]") {
  VideoSite site;
  site.install();
  const SDL_Rect full{0, 0, 960, 540};
  SECTION("the machine's own render nodes") {
    bool any_node = false;
    std::error_code ec;
    for (fs::directory_iterator it("/dev/dri", ec), end; !ec && it != end; it.increment(ec))
      any_node = any_node || it->path().filename().string().rfind("renderD", 0) == 0;
    if (!any_node) CHECK(site.decoding_line() == "video decoding: software (no /dev/dri render node)");
    if (any_node) CHECK_THAT(site.decoding_line(), Catch::StartsWith("video decoding: "));
  }
  SECTION("a render node that is not a GPU: VAAPI does not open, software plays every frame") {
    site.write_config(R"("render_node": "/dev/null")");
    CHECK_THAT(site.decoding_line(),
               Catch::StartsWith("video decoding: software (/dev/null: VAAPI does not open: "));
    CHECK(site.frame_at("2026-11-23T00:00:02.345+07:00", full) == 70);
    // The screen itself: one line saying the path, and numbered frames on screen.
    RunResult r = gatecast::test::gatecast({"play", "--headless", "--config", site.config.string(), "--size",
                                            "320x180", "--previews", (site.dir / "frames").string(),
                                            "--preview-every", "1", "--exit-after", "3"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') >= 1);
    const std::size_t said =
        r.err.find("gatecast: video decoding: software (/dev/null: VAAPI does not open: ");
    CHECK(said != std::string::npos);
    CHECK(r.err.find("video decoding:", r.err.find('\n', said)) == std::string::npos);  // said once
    // Whichever slide each written frame caught (film, still, clip beside its caption), the
    // videos' ones show numbered frames.
    const SDL_Rect full_area{0, 0, 320, 180}, side_area{0, 0, 213, 120};
    int numbered = 0;
    for (const auto& e : fs::directory_iterator(site.dir / "frames")) {
      if (e.path().filename().string().rfind("frame-", 0) != 0) continue;
      const auto picture = load_png(e.path());
      if (gatecast::test::frame_number_in(picture.get(), full_area) ||
          gatecast::test::frame_number_in(picture.get(), side_area))
        ++numbered;
    }
    CHECK(numbered >= 1);
  }
  SECTION("a render node that is missing") {
    site.write_config(R"("render_node": "/nonexistent/renderD128")");
    CHECK(site.decoding_line() == "video decoding: software (no render node at /nonexistent/renderD128)");
    CHECK(site.frame_at("2026-11-23T00:00:03.999+07:00", full) == 119);
  }
  SECTION("software asked for") {
    site.write_config(R"("video_decoding": "software", "render_node": "/dev/null")");
    CHECK(site.decoding_line() == "video decoding: software (output.video_decoding is \"software\")");
  }
  SECTION("settings written wrongly are refused") {
    for (const std::string& bad :
         {std::string(R"("video_decoding": "gpu")"), std::string(R"("video_decoding": true)"),
          std::string(R"("render_node": "dev/dri/renderD128")"), std::string(R"("render_node": "")")}) {
      INFO(bad);
      site.write_config(bad);
      RunResult r = gatecast::test::gatecast({"status", "--config", site.config.string()});
      CHECK(r.exit_code == 2);
      CHECK_THAT(r.err, Catch::Contains("output."));
    }
  }
}
