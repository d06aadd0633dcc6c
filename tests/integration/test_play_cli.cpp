// `gatecast play` through the binary: the bundled demo headless, an installed package, bad
// options, SIGTERM, and a real window under Xvfb.
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "content/install/install.hpp"
#include "content/sources/source.hpp"
#include "content/test_install_fixture.hpp"
#include "support/run.hpp"
#include "support/spawn.hpp"
#include "support/temp_dir.hpp"
#include "support/xvfb.hpp"

using namespace gatecast;
namespace fx = gatecast::test::fx;
using gatecast::test::spawn;
using gatecast::test::TempDir;
using gatecast::test::wait_exit;
using namespace std::chrono_literals;

namespace {

struct Picture {
  int w = 0, h = 0;
  double black_share = 1.0;
};

Picture read_picture(const std::filesystem::path& file) {
  Picture p;
  SDL_Surface* loaded = IMG_Load(file.c_str());
  if (!loaded) return p;
  SDL_Surface* s = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
  SDL_FreeSurface(loaded);
  p.w = s->w;
  p.h = s->h;
  std::size_t black = 0;
  for (int y = 0; y < s->h; ++y) {
    auto* row = reinterpret_cast<std::uint32_t*>(static_cast<std::uint8_t*>(s->pixels) + y * s->pitch);
    for (int x = 0; x < s->w; ++x) black += (row[x] & 0xffffffu) == 0;
  }
  p.black_share = static_cast<double>(black) / (static_cast<double>(s->w) * s->h);
  SDL_FreeSurface(s);
  return p;
}

}  // namespace

TEST_CASE("gatecast play --headless with no config plays the bundled demo and writes pictures",
          "[play_cli]") {
  TempDir dir;
  auto r = test::gatecast({"play", "--headless", "--exit-after", "3", "--preview-every", "1", "--size",
                           "960x540", "--previews", (dir / "previews").string()});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("bundled example"));
  CHECK_THAT(r.out, Catch::Contains((dir / "previews").string()));  // it says where
  CHECK_THAT(r.err, Catch::Contains("playing langson-cluster version"));
  Picture latest = read_picture(dir / "previews" / "latest.png");
  CHECK(latest.w == 960);
  CHECK(latest.h == 540);
  CHECK(latest.black_share < 0.2);
  CHECK(std::filesystem::exists(dir / "previews" / "frame-000002.png"));
}

TEST_CASE("gatecast play --config plays the installed package and survives unusable pictures", "[play_cli]") {
  fx::PublishTree tree;
  TempDir data, dir;
  fx::PackageSpec spec;
  spec.version = 4;
  spec.assets = {{"photo", fx::blob_bytes(5000, 3)}};  // declared PNG, not a picture at all
  tree.publish(spec);
  auto config_file = tree.write_config_file(data.path());
  auto install = test::gatecast({"install", tree.root().string(), "--config", config_file.string()});
  REQUIRE(install.exit_code == 0);

  auto r = test::gatecast({"play", "--config", config_file.string(), "--headless", "--exit-after", "2",
                           "--size", "640x360", "--previews", (dir / "p").string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("playing langson version 4"));
  CHECK_THAT(r.err, Catch::Contains("is skipped"));  // the broken slide, named in the journal
  Picture latest = read_picture(dir / "p" / "latest.png");
  CHECK(latest.w == 640);
  CHECK(latest.black_share < 0.5);  // the idle screen, lit
}

TEST_CASE("gatecast play refuses wrong options with exit code 2", "[play_cli]") {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"play", "--headless", "--windowed"},
                                               {"play", "--headless", "--size", "10x"},
                                               {"play", "--headless", "--size", "99999x10"},
                                               {"play", "--headless", "--exit-after", "-1"},
                                               {"play", "--headless", "--exit-after", "soon"},
                                               {"play", "--windowed", "--previews", "/tmp"},
                                               {"play", "stray"},
                                               {"play", "--no-such-option"},
                                               {"play", "--config", "/nonexistent/player.json"}}) {
    auto r = test::gatecast(args);
    INFO(args.back() << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::StartsWith("gatecast: "));
  }
}

TEST_CASE("gatecast play stops cleanly on SIGTERM", "[play_cli]") {
  TempDir dir;
  pid_t pid =
      spawn({GATECAST_BINARY, "play", "--headless", "--size", "320x180", "--previews", (dir / "p").string()},
            dir.path());
  // Wait for the first picture: the player is up and drawing.
  for (int i = 0; i < 300 && !std::filesystem::exists(dir / "p" / "latest.png"); ++i)
    std::this_thread::sleep_for(50ms);
  REQUIRE(std::filesystem::exists(dir / "p" / "latest.png"));
  ::kill(pid, SIGTERM);
  CHECK(wait_exit(pid, 20s) == 0);
}

TEST_CASE("gatecast play --windowed opens a real window under Xvfb and exits cleanly", "[play_cli][xvfb]") {
  test::Xvfb xvfb;
  INFO("Xvfb (deploy/install-deps.sh) must be installed and start");
  REQUIRE(xvfb.available());
  const std::string& display = xvfb.display();
  ::setenv("DISPLAY", display.c_str(), 1);
  ::setenv("SDL_VIDEODRIVER", "x11", 1);
  // In a sanitizer build: the X11 client libraries and the GL drivers SDL loads and unloads
  // leave allocations behind at exit that LeakSanitizer cannot even name ("unknown module");
  // they are not ours, so leak checking is off for this one child (ASan's other checks stay).
  const char* asan = std::getenv("ASAN_OPTIONS");
  const std::string saved_asan = asan ? asan : "";
  ::setenv("ASAN_OPTIONS", (saved_asan.empty() ? "" : saved_asan + ":").append("detect_leaks=0").c_str(), 1);
  TempDir dir;
  pid_t pid = spawn({GATECAST_BINARY, "play", "--windowed", "--exit-after", "4"}, dir.path());
  // While it plays: the window's framebuffer is X's shared memory, not a GL texture; no GL
  // driver (on this machine Mesa's llvmpipe, an LLVM JIT) is even loaded.
  std::string maps;
  for (int i = 0; i < 200 && test::read_whole(dir.path() / "err.txt").find("playing") == std::string::npos;
       ++i)
    std::this_thread::sleep_for(50ms);
  maps = test::read_whole("/proc/" + std::to_string(pid) + "/maps");
  test::RunResult r;
  r.exit_code = wait_exit(pid, 30s);
  r.out = test::read_whole(dir.path() / "out.txt");
  r.err = test::read_whole(dir.path() / "err.txt");
  if (asan) {
    ::setenv("ASAN_OPTIONS", saved_asan.c_str(), 1);
  } else {
    ::unsetenv("ASAN_OPTIONS");
  }
  ::unsetenv("SDL_VIDEODRIVER");
  ::unsetenv("DISPLAY");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("window 1280x720"));
  CHECK_THAT(r.out, Catch::Contains("(x11)"));
  CHECK_THAT(r.out, Catch::Contains("drawing straight into the framebuffer"));
  CHECK_THAT(r.err, Catch::Contains("playing langson-cluster version"));
  CHECK_THAT(maps, Catch::Contains("libX11"));  // the maps were read while it ran
  for (const char* gl : {"libGLX", "libEGL", "swrast_dri", "libLLVM"}) CHECK_THAT(maps, !Catch::Contains(gl));
}
