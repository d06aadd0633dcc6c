#pragma once
// The soak's screen, wired as `gatecast play` wires it: the real play loop on its own thread
// with a headless display and the real renderer, the real sync worker polling a real nginx on
// loopback, the real USB watch over an import folder, the play log, and data_dir on a small
// tmpfs that the test can fill to the last byte. The test plays the faults: nginx stopped and
// started (network flaps), bad packages published, sticks put in and pulled out, the disk
// filled and freed. What the loop and the store do about them is theirs.
#include <sys/resource.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "content/install/sync_worker.hpp"
#include "player/loop/usb_watch.hpp"
#include "player/test_loop_fixture.hpp"
#include "soak/gated_clock.hpp"
#include "support/nginx.hpp"
#include "support/small_file_system.hpp"

namespace gatecast::test {

// What the process holds, as `ps` and `ls /proc/PID/fd` would say.
struct ProcessUse {
  long rss_kib = 0;
  long open_fds = 0;
};

inline ProcessUse process_use() {
  ProcessUse use;
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) use.rss_kib = std::stol(line.substr(6));
  }
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd"))
    ++use.open_fds;
  return use;
}

class SoakScreen {
 public:
  explicit SoakScreen(Instant start) : screen(start), clock(start), nginx(screen.tree.root()) {
    content::Config& config = screen.config;
    config.data_dir = disk.path() / "data";
    config.sources = {{nginx.url(), loop_channel}};
    config.import_dirs = {sticks.path()};
    screen.play_log = content::PlayLog::open(config.data_dir);
  }

  ~SoakScreen() { stop(); }
  SoakScreen(const SoakScreen&) = delete;
  SoakScreen& operator=(const SoakScreen&) = delete;

  // Starts the loop (held at the start until the first run_until), the sync worker and the
  // USB watch. The sync worker polls only when asked (poll()), so that each poll lands at a
  // chosen instant: its own interval is longer than the soak.
  void start(Duration length) {
    player::LoopOptions options;
    options.exit_after = length;
    loop = std::make_unique<player::PlayLoop>(screen.config, scheduler::TimeZone(), clock, *screen.display,
                                              *screen.drawer, screen.wakeup, screen.banners,
                                              screen.play_log.get(), screen.notifier, options);
    loop_thread = std::thread([this] {
      try {
        loop->run();
      } catch (const std::exception& e) {
        loop_failure = e.what();
      }
      loop_done = true;
    });

    content::SyncWorkerOptions sync;
    sync.clock = [this] { return clock.now(); };
    sync.policy = content::sync_policy_for(screen.config);
    sync.policy->interval = sync.policy->backoff_base = sync.policy->backoff_cap =
        std::chrono::hours(24 * 30);
    sync.policy->jitter = 0;
    worker = std::make_unique<content::SyncWorker>(
        screen.config,
        [this](const content::InstallResult&) { screen.wakeup.notify(player::wake_package_activated); },
        sync);
    worker->start();  // its first attempt is at once
    wait_for_attempts(1);

    usb = std::make_unique<player::UsbWatch>(screen.config, screen.banners, screen.wakeup,
                                             [this] { return clock.now(); });
    usb->record_installs_in(screen.play_log.get());
  }

  // One sync attempt now (the loop stands still meanwhile); its outcome.
  content::SyncProgress poll() {
    const std::uint64_t before = worker->progress().attempts;
    worker->request_check();
    wait_for_attempts(before + 1);
    return worker->progress();
  }

  // A stick appears at sticks/sdb1 carrying `tree` (a publish tree) as its gatecast/ folder:
  // copied aside and renamed into place, as a mount appears whole. Then one USB scan.
  int stick_in(const std::filesystem::path& tree) {
    TempDir staging("gatecast-soak-stick");
    std::filesystem::copy(tree, staging / "gatecast", std::filesystem::copy_options::recursive);
    std::filesystem::create_directories(sticks / "sdb1");
    std::filesystem::rename(staging / "gatecast", sticks / "sdb1" / "gatecast");
    return usb->scan_once();
  }

  // The stick is pulled out; the USB watch forgets it at its next scan.
  void stick_out() {
    std::filesystem::remove_all(sticks / "sdb1");
    (void)usb->scan_once();
  }

  // After the disk was freed: waits until the play log has written what it queued while the
  // disk refused (its writer retries on its own timing).
  void drain_play_log() {
    for (;;) {
      const std::uint64_t failures = screen.play_log->failed_writes();
      screen.play_log->flush();
      if (screen.play_log->failed_writes() == failures) return;
    }
  }

  // Lets the loop run to its end (exit_after) and stops every thread.
  void finish() {
    clock.open();
    stop();
  }

  // Stops every thread; a loop not yet at its end is asked to quit (a failed soak).
  void stop() {
    if (stopped) return;
    stopped = true;
    if (loop && !loop_done) {
      screen.wakeup.notify(player::wake_quit);
      clock.open();
    }
    if (loop_thread.joinable()) loop_thread.join();
    if (worker) worker->stop();
    if (screen.play_log) screen.play_log->flush();
  }

  SmallFileSystem disk{"32m"};
  LoopScreen screen;  // publish tree, display, renderer, play log (moved onto the tmpfs)
  TempDir sticks{"gatecast-soak-sticks"};
  GatedClock clock;
  Nginx nginx;
  std::unique_ptr<player::PlayLoop> loop;
  std::unique_ptr<content::SyncWorker> worker;
  std::unique_ptr<player::UsbWatch> usb;
  std::thread loop_thread;
  std::atomic<bool> loop_done{false};
  std::string loop_failure;

 private:
  void wait_for_attempts(std::uint64_t n) {
    // A hang guard on real time, not a measurement: an attempt on loopback takes milliseconds.
    for (int i = 0; i < 6000 && worker->progress().attempts < n; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (worker->progress().attempts < n)
      throw std::runtime_error("the sync worker made no attempt within 60 s");
  }

  bool stopped = false;
};

}  // namespace gatecast::test
