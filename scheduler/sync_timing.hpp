#pragma once
// When the next sync attempt is due: a steady interval with jitter (so a province's screens do
// not all hit the server in the same second), exponential backoff after failures with a cap,
// an immediate check at start and when a USB stick appears, and an optional daily window for
// large downloads. Pure: the caller passes the instant and the random number in.
#include <optional>

#include "scheduler/schedule.hpp"
#include "scheduler/time.hpp"
#include "scheduler/timezone.hpp"

namespace gatecast::scheduler {

struct SyncPolicy {
  Duration interval{std::chrono::seconds(900)};      // between successful checks
  double jitter = 0.1;                               // +-fraction of each delay, 0..0.5
  Duration backoff_base{std::chrono::seconds(30)};   // delay after the first failure
  Duration backoff_cap{std::chrono::seconds(3600)};  // no delay after failures exceeds this
  int max_backoff_steps = 10;                        // doublings stop after this many consecutive failures
  std::optional<DailyWindow> bulk_window;            // local hours when large downloads may run; none = any
};

// What the sync thread remembers between attempts.
struct SyncState {
  std::optional<Instant> last_attempt;  // none = not tried since start: check at once
  int consecutive_failures = 0;
  bool check_requested = false;  // a USB stick appeared, or an operator asked: check at once
};

// The delay before the next attempt, before jitter: the interval after a success, backoff
// after failures (base * 2^(n-1), at most the cap, the exponent at most max_backoff_steps).
[[nodiscard]] Duration base_delay(const SyncPolicy& policy, int consecutive_failures) noexcept;

// The delay with jitter applied: `unit` is a uniform random number in [0, 1) from the caller;
// the result lies in [delay * (1 - jitter), delay * (1 + jitter)], and never below 1 second.
[[nodiscard]] Duration jittered(Duration delay, double jitter, double unit) noexcept;

// When the next attempt is due, a result <= now means "now".
// A last attempt in the future (the wall clock jumped backward) counts as due now, so a clock
// set years wrong and then corrected never stalls syncing.
[[nodiscard]] Instant next_sync_at(const SyncPolicy& policy, const SyncState& state, Instant now,
                                   double unit) noexcept;

// Whether a large download may run now in the site's zone, and if not, when it may.
[[nodiscard]] bool bulk_allowed(const SyncPolicy& policy, const TimeZone& zone, Instant now) noexcept;
[[nodiscard]] Instant next_bulk_window(const SyncPolicy& policy, const TimeZone& zone, Instant now) noexcept;

}  // namespace gatecast::scheduler
