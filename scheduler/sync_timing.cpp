#include "scheduler/sync_timing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "scheduler/calendar.hpp"
#include "scheduler/timetable.hpp"

namespace gatecast::scheduler {

namespace {

constexpr Duration minimum_delay{std::chrono::seconds(1)};
// Instants further than this from 1970 (about 35,000 years) are left alone rather than risk
// overflowing the millisecond count.
constexpr std::int64_t last_sensible_second = std::int64_t{1} << 40;
constexpr double longest_delay_ms = 1e15;

}  // namespace

Duration base_delay(const SyncPolicy& policy, int consecutive_failures) noexcept {
  if (consecutive_failures <= 0) return std::max(policy.interval, minimum_delay);
  const int steps = std::clamp(consecutive_failures - 1, 0, std::clamp(policy.max_backoff_steps, 0, 40));
  const std::int64_t base = std::max(policy.backoff_base, minimum_delay).count();
  const std::int64_t cap = std::max(policy.backoff_cap, minimum_delay).count();
  // Doubling stops at the cap, so it never overflows.
  std::int64_t delay = base;
  for (int i = 0; i < steps && delay < cap; ++i) delay *= 2;
  return Duration(std::min(delay, cap));
}

Duration jittered(Duration delay, double jitter, double unit) noexcept {
  if (!std::isfinite(jitter)) jitter = 0.0;
  if (!std::isfinite(unit)) unit = 0.5;
  jitter = std::clamp(jitter, 0.0, 0.5);
  unit = std::clamp(unit, 0.0, 1.0);
  const double factor = 1.0 + jitter * (2.0 * unit - 1.0);
  const double scaled = std::min(static_cast<double>(delay.count()) * factor, longest_delay_ms);
  const auto result = static_cast<std::int64_t>(std::llround(scaled));
  return std::max(Duration(result), minimum_delay);
}

Instant next_sync_at(const SyncPolicy& policy, const SyncState& state, Instant now, double unit) noexcept {
  if (!state.last_attempt || state.check_requested) return now;
  if (*state.last_attempt > now) return now;  // the clock went back: do not wait for the old future
  const Duration delay = jittered(base_delay(policy, state.consecutive_failures), policy.jitter, unit);
  // delay > 0, so this bound cannot overflow while last_attempt + delay could.
  if (state.last_attempt->time_since_epoch().count() >
      std::numeric_limits<std::int64_t>::max() - delay.count()) {
    return Instant::max();
  }
  const Instant due = *state.last_attempt + delay;
  return std::max(due, now);
}

bool bulk_allowed(const SyncPolicy& policy, const TimeZone& zone, Instant now) noexcept {
  return !policy.bulk_window || window_contains(*policy.bulk_window, zone.local_seconds(now));
}

Instant next_bulk_window(const SyncPolicy& policy, const TimeZone& zone, Instant now) noexcept {
  if (bulk_allowed(policy, zone, now)) return now;
  const std::int64_t local = zone.local_seconds(now);
  if (local > last_sensible_second || local < -last_sensible_second) return now;
  const std::int64_t day = floor_div(local, seconds_per_day);
  for (std::int64_t d = day; d <= day + 1; ++d) {
    const std::int64_t opens = d * seconds_per_day + policy.bulk_window->start.seconds;
    if (opens > local) return instant_of_seconds(zone.utc_seconds_of_local(opens));
  }
  return now;  // unreachable: a window opens once a day
}

}  // namespace gatecast::scheduler
