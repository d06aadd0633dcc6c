#include "player/loop/player_session.hpp"

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>

#include "content/base/error.hpp"
#include "content/base/timezone.hpp"
#include "content/install/install_event.hpp"
#include "content/install/sync_worker.hpp"
#include "content/reports/playlog.hpp"
#include "content/reports/screen_key.hpp"
#include "player/display/wakeup.hpp"
#include "player/loop/clock.hpp"
#include "player/loop/frame_drawer.hpp"
#include "player/loop/play_loop.hpp"
#include "player/loop/service_notify.hpp"
#include "player/loop/status_banner.hpp"
#include "player/loop/test_hang.hpp"
#include "player/loop/usb_watch.hpp"

namespace gatecast::player {

namespace {

using namespace std::chrono_literals;

// The loop's wakeup, for the signal handler (which can carry no context). Set while a session
// runs; only the async-signal-safe atomic OR is done from the handler.
Wakeup* signal_target = nullptr;

extern "C" void on_stop_signal(int) {
  if (signal_target) signal_target->notify_from_signal(wake_quit);
}

// Installs SIGTERM/SIGINT handlers for the session's life, and restores the old ones after.
class StopSignals {
 public:
  explicit StopSignals(Wakeup& wakeup) {
    signal_target = &wakeup;
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGTERM, &action, &old_term_);
    ::sigaction(SIGINT, &action, &old_int_);
  }
  ~StopSignals() {
    ::sigaction(SIGTERM, &old_term_, nullptr);
    ::sigaction(SIGINT, &old_int_, nullptr);
    signal_target = nullptr;
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  struct sigaction old_term_ {};
  struct sigaction old_int_ {};
};

// Creates data_dir if it is missing; false, with one line on stderr, when it cannot be.
bool usable_data_dir(const std::filesystem::path& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (!ec && std::filesystem::is_directory(data_dir, ec)) return true;
  std::fprintf(stderr,
               "gatecast: %s: data_dir cannot be used (%s); playing without a store, play log or "
               "sync until the next start\n",
               data_dir.c_str(), ec ? ec.message().c_str() : "not a folder");
  return false;
}

}  // namespace

int run_player(const content::Config& config, const SessionOptions& options) {
  scheduler::TimeZone zone = content::load_time_zone(config.timezone);

  DisplayOptions display_options;
  display_options.mode = options.mode;
  display_options.display = config.output.display;
  display_options.viewport = config.output.viewport;
  display_options.width = options.width;
  display_options.height = options.height;
  display_options.preview_dir = options.preview_dir;
  display_options.preview_every = options.preview_every;
  display_options.power_off = config.output.power_off;

  Wakeup wakeup;
  StopSignals signals(wakeup);  // before SDL: SDL then leaves SIGTERM/SIGINT to us
  arm_test_hang_signal();
  std::unique_ptr<Display> display = open_display(display_options);
  std::printf("gatecast: playing on %s\n", display->describe().c_str());
  std::fflush(stdout);
  // The real clock does not wait for a decoder: videos show their newest decoded picture, a
  // picture not decoded yet its region's background, and its decoding wakes the loop.
  PictureHooks pictures;
  pictures.ready = [&wakeup] { wakeup.notify(wake_redraw); };
  std::unique_ptr<FrameDrawer> drawer = make_frame_drawer(config, zone, display->canvas()->w,
                                                          display->canvas()->h, VideoTiming::live, pictures);

  // An unusable data_dir is one problem, said once: without it there is no store to install
  // into, no play log and no screen key, but the screen still plays its idle picture.
  const bool data_dir_usable = options.safe_mode || usable_data_dir(config.data_dir);

  // Proof of play is wanted but never worth a dark screen: without a writable log, play on.
  std::unique_ptr<content::PlayLog> play_log;
  if (!options.safe_mode && data_dir_usable) {
    try {
      play_log = content::PlayLog::open(config.data_dir);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "gatecast: play log: %s; playing without it\n", e.what());
    }
    // The key that signs this screen's reports is made at the first start, so that status
    // shows it to the technician before the first report goes out.
    try {
      (void)content::load_or_make_screen_key(config.data_dir);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "gatecast: screen key: %s\n", e.what());
    }
  }

  TrustedClock clock(config.data_dir, content::read_system_clocks);
  BannerBoard banners;
  ServiceNotifier notifier;
  LoopOptions loop_options;
  loop_options.exit_after = options.exit_after;
  loop_options.safe_mode = options.safe_mode;
  loop_options.store_usable = data_dir_usable;
  PlayLoop loop(config, zone, clock, *display, *drawer, wakeup, banners, play_log.get(), notifier,
                loop_options);

  // The office's fleet page shows what the screen shows: a small picture every 10 minutes.
  ScreenshotSlot screenshots(10min);
  if (config.report_screenshots && !config.report_url.empty()) loop.capture_screenshots_into(&screenshots);

  UsbWatch usb(config, banners, wakeup, [&clock] { return clock.now(); });
  usb.record_installs_in(play_log.get());
  usb.use_clocks(content::read_system_clocks);
  // The sync thread only installs into the store and wakes the loop; the loop decides when
  // the new package goes on screen (the next slide boundary).
  std::unique_ptr<content::SyncWorker> sync;
  if (!options.safe_mode) {
    usb.start(2s);
    if (!config.sources.empty() && data_dir_usable) {
      content::SyncWorkerOptions sync_options;
      if (config.report_screenshots)
        sync_options.screenshot = [&screenshots] { return screenshots.latest(); };
      sync = std::make_unique<content::SyncWorker>(
          config,
          [&wakeup, &config, &clock, log = play_log.get()](const content::InstallResult& result) {
            if (log) content::record_install(*log, config, result, "server", clock.now());
            wakeup.notify(wake_package_activated);
          },
          std::move(sync_options));
      sync->start();
    }
  }

  int code = loop.run();
  if (sync) sync->stop();
  usb.stop();
  return code;
}

}  // namespace gatecast::player
