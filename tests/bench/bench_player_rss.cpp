// Peak resident memory of the player over a 100-slide playlist of distinct 1080p photos
// (issue 4, "Measure"): the real loop, renderer and image cache on a headless canvas, with a
// stepped clock so that every slide is shown (each decoded, scaled, cached or evicted) in a
// few seconds of real time. Baseline in the same run: the peak before the first frame (fonts
// loaded, package installed), and what holding every decoded picture would cost.
//
//   bench_player_rss [slides=100]
//   bench_player_rss --pictures DIR N     writes N photo-like 1080p JPEGs (for the .sh bench)
#include <cstring>

#include "bench_player_site.hpp"
#include "content/base/timezone.hpp"
#include "content/reports/playlog.hpp"
#include "player/display/display.hpp"
#include "player/loop/clock.hpp"
#include "player/loop/frame_drawer.hpp"
#include "player/loop/play_loop.hpp"
#include "player/loop/service_notify.hpp"

using namespace gatecast;

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "--pictures") == 0) {
    bench::fs::create_directories(argv[2]);
    for (int i = 0; i < std::atoi(argv[3]); ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "picture-%02d.jpg", i);
      bench::write_photo(bench::fs::path(argv[2]) / name, i);
    }
    return 0;
  }
  const int slides = argc > 1 ? std::atoi(argv[1]) : 100;
  char pattern[] = "/tmp/gatecast-bench-rss-XXXXXX";
  bench::fs::path folder = ::mkdtemp(pattern);
  bench::fs::create_directories(folder / "src" / "media");
  for (int i = 0; i < slides; ++i) {
    bench::write_photo(folder / "src" / "media" / ("photo-" + std::to_string(i) + ".jpg"), i);
  }
  bench::BenchSite site = bench::install_site(folder, bench::photo_show(slides, 10, true));

  scheduler::TimeZone zone = content::load_time_zone(site.config.timezone);
  player::DisplayOptions display_options;
  display_options.mode = player::DisplayMode::headless;
  display_options.preview_dir = folder / "previews";
  display_options.preview_every = std::chrono::hours(24);
  auto display = player::open_display(display_options);
  auto drawer = player::make_frame_drawer(site.config, zone, 1920, 1080);
  auto play_log = content::PlayLog::open(site.config.data_dir);
  player::Wakeup wakeup;
  player::BannerBoard banners;
  player::ServiceNotifier notifier("", std::nullopt);
  player::SteppedClock clock(bench::wall_now());
  player::LoopOptions options;
  options.exit_after = Duration{std::int64_t{slides} * 10'000 + 5000};  // every slide once, and then some
  player::PlayLoop loop(site.config, zone, clock, *display, *drawer, wakeup, banners, play_log.get(),
                        notifier, options);
  const double before = bench::peak_rss_mib();
  const auto t0 = std::chrono::steady_clock::now();
  loop.run();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double peak = bench::peak_rss_mib();

  std::size_t distinct = 0;
  std::optional<std::size_t> last;
  for (const auto& f : loop.shown()) {
    if (f.slide != last) ++distinct;
    last = f.slide;
  }
  const double all_decoded = slides * 1920.0 * 1080 * 4 / (1024 * 1024);
  std::printf("%d-slide playlist of 1080p JPEGs, %zu slide changes drawn in %.1f s (stepped clock)\n", slides,
              distinct, seconds);
  std::printf("  peak RSS before the first frame:   %7.1f MiB\n", before);
  std::printf("  peak RSS after the whole playlist: %7.1f MiB  (+%.1f MiB)\n", peak, peak - before);
  std::printf("  every picture decoded and kept:    %7.1f MiB  (what an unbounded cache would hold)\n",
              all_decoded);
  std::printf("  ratio unbounded/gatecast growth:   %.1fx\n", all_decoded / std::max(peak - before, 1.0));
  std::error_code ignored;
  bench::fs::remove_all(folder, ignored);
  return 0;
}
