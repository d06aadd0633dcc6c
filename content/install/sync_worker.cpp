#include "content/install/sync_worker.hpp"

#include <algorithm>
#include <cstdio>
#include <random>

#include "content/base/error.hpp"
#include "content/config/source_settings.hpp"
#include "content/reports/report_out.hpp"
#include "content/sources/open_source.hpp"
#include "content/store/state.hpp"

namespace gatecast::content {
namespace {

// The longest single wait: the wall clock is looked at again after it, so a clock that was
// set (NTP after a cold boot, an operator) is noticed within this time.
constexpr auto kMaxWait = std::chrono::seconds(30);

// Whether an attempt that succeeded may leave state.json as it is: nothing a reader sees
// changed (no error to clear, no new version) and the recorded success is recent. An SD card
// then takes one state write per kIdleStateRefresh instead of two per alerts poll.
bool quiet_success(const ScreenState& recorded, Instant t, bool activated) {
  return !activated && recorded.last_error.empty() && recorded.last_success && recorded.last_attempt &&
         t >= *recorded.last_success && t - *recorded.last_success < kIdleStateRefresh;
}

}  // namespace

scheduler::SyncPolicy sync_policy_for(const Config& config) {
  scheduler::SyncPolicy p;
  p.interval = std::chrono::seconds(std::max(1, config.poll_seconds));
  return p;
}

scheduler::SyncPolicy alert_sync_policy_for(const Config& config) {
  scheduler::SyncPolicy p;
  p.interval = std::chrono::seconds(std::max(1, config.alert_poll_seconds));
  p.jitter = std::min(0.1, 0.5 / std::max(1, config.alert_poll_seconds));
  p.backoff_base = p.interval;
  p.backoff_cap = 4 * p.interval;
  return p;
}

SyncWorker::SyncWorker(Config config, ActivatedFn on_activated, SyncWorkerOptions options)
    : config_(std::move(config)), on_activated_(std::move(on_activated)), options_(std::move(options)) {
  options_.http.cancel = &cancel_;
  Group content{{}, options_.policy.value_or(sync_policy_for(config_)), {}, 0};
  Group alerts{{}, options_.alert_policy.value_or(alert_sync_policy_for(config_)), {}, 0};
  for (const SourceConfig& source : config_.sources)
    (source.alerts ? alerts : content).sources.push_back(source);
  // A config with no source at all still attempts (and records) like one with content sources.
  if (!content.sources.empty() || alerts.sources.empty()) groups_.push_back(std::move(content));
  if (!alerts.sources.empty()) groups_.push_back(std::move(alerts));
}

SyncWorker::~SyncWorker() {
  stop();
}

void SyncWorker::start() {
  started_ = std::chrono::steady_clock::now();
  thread_ = std::thread([this] { run(); });
}

void SyncWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cancel_ = true;
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SyncWorker::request_check() {
  {
    std::lock_guard lock(mutex_);
    check_requested_ = true;
  }
  wake_.notify_all();
}

SyncProgress SyncWorker::progress() const {
  std::lock_guard lock(mutex_);
  return progress_;
}

Instant SyncWorker::now() const {
  if (options_.clock) return options_.clock();
  return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

void SyncWorker::run() {
  std::mt19937 random{std::random_device{}()};
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  // One draw per planned attempt, so re-planning does not reroll.
  for (Group& group : groups_) group.draw = unit(random);
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (check_requested_) {
      for (Group& group : groups_) group.timing.check_requested = true;
      check_requested_ = false;
    }
    const Instant t = now();
    std::vector<Instant> dues;
    for (Group& group : groups_)
      dues.push_back(scheduler::next_sync_at(group.policy, group.timing, t, group.draw));
    const Instant due = *std::min_element(dues.begin(), dues.end());
    if (due > t) {
      if (progress_.next_attempt != due) {
        // Written beside an attempt that was recorded: a quiet poll leaves state.json alone.
        if (state_recorded_) {
          state_recorded_ = false;
          lock.unlock();
          try {  // status shows the plan; a failure to write it must not stop syncing
            ScreenState s = read_state(config_);
            s.next_attempt = due;
            write_state(config_, s);
          } catch (const Error&) {
          }
          lock.lock();
        }
        progress_.next_attempt = due;
      }
      const auto wait = std::min<Duration>(due - t, std::chrono::duration_cast<Duration>(kMaxWait));
      wake_.wait_for(lock, wait, [&] { return stopping_ || check_requested_; });
      continue;
    }
    lock.unlock();
    for (std::size_t i = 0; i < groups_.size() && !cancel_; ++i) {
      if (dues[i] > t) continue;
      groups_[i].timing.check_requested = false;
      attempt(t, groups_[i]);
      groups_[i].draw = unit(random);
    }
    report(t);
    lock.lock();
  }
}

void SyncWorker::attempt(Instant t, Group& group) {
  std::string error;
  Reason reason = Reason::none;
  std::optional<InstallResult> activated;
  for (const SourceConfig& s : group.sources) {
    try {
      const std::unique_ptr<Source> source = open_source(s.url, http_state_dir(config_), options_.http);
      // The installer judges expiry by trusted time and keeps the time floor up to date.
      const bool trusted_time = options_.clocks || !options_.clock;
      const ClockReading clocks = options_.clocks ? options_.clocks() : read_system_clocks();
      const InstallResult r = trusted_time ? install_channel(*source, s.channel, config_, clocks)
                                           : install_channel(*source, s.channel, config_, t);
      if (r.time) clock_problem_ = clock_problem(*r.time, clocks);
      if (r.changed || r.repaired) activated = r;
    } catch (const Error& e) {
      // An alerts channel with nothing published is the quiet normal, not a failure to back
      // off from: the first notice must come within alert_poll_seconds.
      if (s.alerts && e.reason() == Reason::not_found) continue;
      if (error.empty()) {
        error = e.what();
        reason = e.reason();
      }
    } catch (const std::exception& e) {  // a bug or out of memory: keep the thread alive
      if (error.empty()) error = std::string("sync: ") + e.what();
    }
    if (cancel_) return;  // stopping: this attempt does not count
  }
  bool recorded = false;
  try {
    if (error.empty()) {
      if (!quiet_success(read_state(config_), t, activated.has_value())) {
        record_success(config_, t);
        recorded = true;
      }
    } else {
      record_failure(config_, t, error, reason);
      recorded = true;
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "gatecast: %s\n", e.what());
  }
  {
    std::lock_guard lock(mutex_);
    state_recorded_ = state_recorded_ || recorded;
    group.timing.last_attempt = t;
    group.timing.consecutive_failures =
        error.empty() ? 0 : std::min(group.timing.consecutive_failures + 1, 1000);
    ++progress_.attempts;
    progress_.last_attempt = t;
    progress_.consecutive_failures = group.timing.consecutive_failures;
    if (error.empty()) {
      progress_.last_success = t;
      progress_.last_error.clear();
      progress_.last_error_reason = Reason::none;
    } else {
      ++progress_.failures;
      progress_.last_error = error;
      progress_.last_error_reason = reason;
    }
    if (activated) progress_.last_activation = activated;
    progress_.next_attempt.reset();
  }
  if (activated && on_activated_) on_activated_(*activated);
}

void SyncWorker::report(Instant t) {
  if (config_.report_url.empty() || cancel_) return;
  if (last_report_ && t >= *last_report_ && t - *last_report_ < options_.heartbeat_interval) return;
  last_report_ = t;
  try {
    ReportOut out(config_, options_.http);
    const auto uptime = std::chrono::duration_cast<Duration>(std::chrono::steady_clock::now() - started_);
    Heartbeat heartbeat = current_heartbeat(config_, t, uptime, options_.heartbeat_interval);
    if (config_.report_screenshots && options_.screenshot) {
      heartbeat.screenshot_jpeg = options_.screenshot();
      if (heartbeat.screenshot_jpeg.size() > 60u * 1024u)
        heartbeat.screenshot_jpeg.clear();  // never a big heartbeat
    }
    heartbeat.clock_problem = clock_problem_;
    {
      // This thread's own attempts are the freshest truth: state.json is refreshed only every
      // kIdleStateRefresh while polls succeed quietly, and may be unwritable (a full disk).
      std::lock_guard lock(mutex_);
      if (progress_.last_attempt) {
        heartbeat.last_success = progress_.last_success ? progress_.last_success : heartbeat.last_success;
        if (heartbeat.last_error.rfind("store: ", 0) != 0) {
          heartbeat.last_error = progress_.last_error;
          heartbeat.last_error_reason = progress_.last_error_reason;
        }
      }
    }
    out.spool_heartbeat(heartbeat);
    (void)out.spool_play_log();
    const FlushResult flushed = out.flush();
    if (!flushed.error.empty() && !cancel_) {
      std::fprintf(stderr, "gatecast: report: %s (%zu kept for later)\n", flushed.error.c_str(),
                   flushed.left);
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "gatecast: report: %s\n", e.what());
  }
}

}  // namespace gatecast::content
