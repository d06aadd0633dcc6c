#pragma once
// The player's sync thread (docs/sync.md): polls the config's sources on the scheduler's
// timing, content sources every poll_seconds and alerts sources every alert_poll_seconds, each
// group on its own timing (scheduler/sync_timing.hpp: at once at start and on request, then the interval with
// jitter, backoff after failures), installs through install_channel, which verifies
// everything and activates atomically, records each attempt in data_dir/state.json for
// `status`, and tells the player through a callback when a new version became active. The
// player swaps packages at its next slide boundary; nothing here touches the render thread.
// When config.report_url is set, the same thread sends heartbeats and the play log
// (report_out.hpp) after each attempt that is due.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "content/base/error.hpp"
#include "content/config/config.hpp"
#include "content/install/install.hpp"
#include "content/signing/trusted_time.hpp"
#include "content/sources/source.hpp"
#include "scheduler/sync_timing.hpp"
#include "scheduler/time.hpp"

namespace gatecast::content {

struct SyncWorkerOptions {
  std::optional<scheduler::SyncPolicy> policy;        // none = sync_policy_for(config)
  std::optional<scheduler::SyncPolicy> alert_policy;  // none = alert_sync_policy_for(config)
  HttpOptions http;                                   // cancel is set by the worker itself
  Duration heartbeat_interval{std::chrono::minutes(15)};
  std::function<Instant()> clock;  // the wall clock; empty = the system clock (tests set it)
  // The screen's newest picture (JPEG) for the heartbeat; empty function or result = none.
  // Called on the sync thread; must be thread-safe.
  std::function<std::string()> screenshot;
  // The clocks for trusted time (content/signing/trusted_time.hpp); empty = the system's when
  // `clock` is empty too. With a `clock` and no `clocks`, installs judge by `clock` alone.
  std::function<ClockReading()> clocks;
};

// The policy a config asks for: the interval from poll_seconds, defaults for the rest.
[[nodiscard]] scheduler::SyncPolicy sync_policy_for(const Config& config);
// The alerts sources' policy: every alert_poll_seconds, jitter at most half a second either
// way (a notice must be on screen within alert_poll_seconds + 2 s of its publication), backoff
// from the interval up to four intervals.
[[nodiscard]] scheduler::SyncPolicy alert_sync_policy_for(const Config& config);

// What the worker has done so far (a copy; any thread).
struct SyncProgress {
  std::uint64_t attempts = 0;
  std::uint64_t failures = 0;  // attempts that ended in an error
  int consecutive_failures = 0;
  std::optional<Instant> last_attempt, last_success, next_attempt;
  std::string last_error;
  Reason last_error_reason = Reason::none;       // ScreenState::last_error_reason
  std::optional<InstallResult> last_activation;  // the last install that changed the package
};

class SyncWorker {
 public:
  // Called on the sync thread after an install activated a new version; must be quick and
  // must not block (the player posts a wakeup to its loop and returns).
  using ActivatedFn = std::function<void(const InstallResult&)>;

  SyncWorker(Config config, ActivatedFn on_activated, SyncWorkerOptions options = {});
  ~SyncWorker();  // stop()
  SyncWorker(const SyncWorker&) = delete;
  SyncWorker& operator=(const SyncWorker&) = delete;

  // Starts the thread (the first attempt is at once). Call once. Any thread.
  void start();
  // Asks the thread to end, cancels a transfer in progress, and joins it. Any thread but the
  // sync thread; returns within about a second. Idempotent.
  void stop();
  // Asks for an attempt now (a USB stick appeared, an operator asked). Any thread; never blocks.
  void request_check();

  [[nodiscard]] SyncProgress progress() const;

 private:
  // The content sources, or the alerts sources, with their own timing.
  struct Group {
    std::vector<SourceConfig> sources;
    scheduler::SyncPolicy policy;
    scheduler::SyncState timing;
    double draw = 0;  // the random number of its planned attempt
  };
  void run();
  void attempt(Instant now, Group& group);
  void report(Instant now);
  Instant now() const;

  Config config_;
  ActivatedFn on_activated_;
  SyncWorkerOptions options_;
  std::vector<Group> groups_;
  std::atomic<bool> cancel_{false};
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool check_requested_ = false;
  SyncProgress progress_;
  std::optional<Instant> last_report_;
  bool state_recorded_ = false;  // an attempt wrote state.json since next_attempt was last written
  std::string clock_problem_;    // of the last install that read trusted time; sync thread only
  std::chrono::steady_clock::time_point started_;
  std::thread thread_;
};

}  // namespace gatecast::content
