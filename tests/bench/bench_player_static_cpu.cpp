// CPU used by `gatecast play` over a stretch of real time on a static slide with a clock
// (issue 4, "Measure"): the whole player (loop, renderer, sync thread, USB watcher, play log)
// as run_player runs it, headless by default or in a window with --windowed (under Xvfb).
// Baseline in the same run: the same frame drawn at 30 frames per second, as a player that
// redraws every frame would; the ratio says what sleeping until the next change saves.
//
//   bench_player_static_cpu [seconds=60] [--windowed]
#include <cstring>
#include <thread>

#include "bench_player_site.hpp"
#include "content/base/timezone.hpp"
#include "player/display/display.hpp"
#include "player/loop/frame_drawer.hpp"
#include "player/loop/loaded_screen.hpp"
#include "player/loop/player_session.hpp"

using namespace gatecast;

int main(int argc, char** argv) {
  double seconds = 60;
  bool windowed = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--windowed") == 0) {
      windowed = true;
    } else {
      seconds = std::atof(argv[i]);
    }
  }
  char pattern[] = "/tmp/gatecast-bench-cpu-XXXXXX";
  bench::fs::path folder = ::mkdtemp(pattern);
  bench::fs::create_directories(folder / "src" / "media");
  bench::write_photo(folder / "src" / "media" / "photo-0.jpg", 1);
  bench::BenchSite site = bench::install_site(folder, bench::photo_show(1, 3600, true));

  player::SessionOptions options;
  options.mode = windowed ? player::DisplayMode::windowed : player::DisplayMode::headless;
  options.width = 1920;
  options.height = 1080;
  options.preview_dir = folder / "previews";
  options.preview_every = std::chrono::hours(24);
  options.exit_after = Duration{static_cast<std::int64_t>(seconds * 1000)};
  // Starting (fonts, the first decode, the sync thread's first check) is counted apart from
  // the steady state, which is what a screen pays for 18 hours a day.
  const double warmup = std::min(10.0, seconds / 4);
  const double cpu0 = bench::cpu_seconds();
  const auto wall0 = std::chrono::steady_clock::now();
  double cpu_warm = 0;
  std::thread sampler([&] {
    std::this_thread::sleep_until(wall0 + std::chrono::duration<double>(warmup));
    cpu_warm = bench::cpu_seconds();
  });
  player::run_player(site.config, options);
  sampler.join();
  const double loop_cpu = bench::cpu_seconds() - cpu0;
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  const double steady_cpu = bench::cpu_seconds() - cpu_warm;
  const double steady_wall = wall - warmup;

  // Baseline: every frame redrawn at 30 fps for a few seconds (the same drawing path).
  const double base_seconds = std::min(5.0, seconds);
  auto drawer =
      player::make_frame_drawer(site.config, content::load_time_zone(site.config.timezone), 1920, 1080);
  player::SurfacePtr canvas(SDL_CreateRGBSurfaceWithFormat(0, 1920, 1080, 32, SDL_PIXELFORMAT_ARGB8888));
  auto package = player::load_active_screen(site.config, content::load_time_zone(site.config.timezone));
  const double cpu1 = bench::cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  int frames = 0;
  while (std::chrono::steady_clock::now() - start < std::chrono::duration<double>(base_seconds)) {
    player::FrameRequest request;
    request.now = bench::wall_now();
    request.slide = package->slide_ref(package->at(request.now));
    (void)drawer->draw(request, canvas.get());
    ++frames;
    std::this_thread::sleep_until(start + std::chrono::milliseconds(33 * frames));
  }
  const double base_cpu_per_s = (bench::cpu_seconds() - cpu1) / base_seconds;

  std::printf("static slide + clock, %s, 1920x1080, %.1f s of real time\n", windowed ? "window" : "headless",
              wall);
  std::printf("  gatecast play, all:       %.3f CPU s  (%.2f%% of one core)\n", loop_cpu,
              100 * loop_cpu / wall);
  std::printf("  of which starting:        %.3f CPU s  (first %.0f s)\n", loop_cpu - steady_cpu, warmup);
  std::printf(
      "  steady state:             %.3f CPU s over %.1f s = %.3f%% of one core (%.2f CPU s per hour)\n",
      steady_cpu, steady_wall, 100 * steady_cpu / steady_wall, 3600 * steady_cpu / steady_wall);
  std::printf("  baseline, redraw 30 fps:  %.4f CPU s per s (%.2f%% of one core; %d frames)\n",
              base_cpu_per_s, 100 * base_cpu_per_s, frames);
  std::printf("  ratio baseline/steady:    %.0fx\n",
              base_cpu_per_s * steady_wall / std::max(steady_cpu, 1e-6));
  std::error_code ignored;
  bench::fs::remove_all(folder, ignored);
  return 0;
}
