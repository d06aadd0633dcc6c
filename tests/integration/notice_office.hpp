#pragma once
// The department's side of the notice tests: a key pair, a publish tree with a province
// channel (one green picture), and `gatecast notice` on its alerts channel.
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/keygen.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

namespace gatecast::test {

// The province's slide: one green picture filling the 16:9 frame.
inline constexpr int province_r = 30, province_g = 200, province_b = 60;

struct Office {
  TempDir dir{"gatecast-alerts"};
  std::filesystem::path root = dir / "root";
  std::filesystem::path key = dir / "keys/gatecast.key";
  std::string pubkey;

  Office() {
    pubkey = gatecast::test::keygen_public_key(dir / "keys");
    // The province channel: one green picture.
    const std::filesystem::path src = dir / "province";
    std::filesystem::create_directories(src / "media");
    SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, 64, 36, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_FillRect(s, nullptr, SDL_MapRGBA(s->format, province_r, province_g, province_b, 255));
    IMG_SavePNG(s, (src / "media/green.png").c_str());
    SDL_FreeSurface(s);
    std::ofstream(src / "content.json") << R"({"expires": 30, "targets": ["*"],
      "assets": {"green": "media/green.png"},
      "layouts": {"full": {"size": [1920, 1080], "regions": {"p": {"rect": [0, 0, 1920, 1080]}}}},
      "playlists": {"day": {"slides": [{"layout": "full", "duration": 20,
                                        "content": {"p": {"type": "image", "asset": "green", "fit": "cover"}}}]}},
      "schedule": {"default": "day"}})";
    const gatecast::test::RunResult p =
        gatecast::test::gatecast({"pack", src.string(), "--out", root.string(), "--channel", "langson",
                                  "--version", "1", "--key", key.string()});
    INFO(p.err);
    REQUIRE(p.exit_code == 0);
  }

  gatecast::test::RunResult notice(std::vector<std::string> args) {
    std::vector<std::string> argv{"notice", root.string(), "--channel", "alerts", "--key", key.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return gatecast::test::gatecast(argv);
  }
};

inline const std::vector<std::string> gate_closed{
    "--id",      "gate-closed",
    "--targets", "langson/*",
    "--text",    "vi=Cửa khẩu Hữu Nghị tạm dừng thông quan đến 14:00.",
    "--text",    "zh=友谊关口岸暂停通关至14:00。",
    "--text",    "en=Huu Nghi border gate: clearance paused until 14:00."};

}  // namespace gatecast::test
