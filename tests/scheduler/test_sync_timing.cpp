// When to sync: intervals, jitter bounds, backoff growth and cap, immediate checks, clock
// jumps and the bulk-download window.
#include <catch2/catch.hpp>

#include <random>

#include "scheduler/sync_timing.hpp"
#include "scheduler_helpers.hpp"

using namespace gatecast;
using namespace gatecast::scheduler;
using namespace std::chrono_literals;

TEST_CASE("backoff doubles after each failure and stops at the cap", "[scheduler][sync]") {
  SyncPolicy policy;
  policy.interval = 900s;
  policy.backoff_base = 30s;
  policy.backoff_cap = 3600s;
  CHECK(base_delay(policy, 0) == 900s);
  CHECK(base_delay(policy, 1) == 30s);
  CHECK(base_delay(policy, 2) == 60s);
  CHECK(base_delay(policy, 3) == 120s);
  CHECK(base_delay(policy, 7) == 1920s);
  CHECK(base_delay(policy, 8) == 3600s);
  CHECK(base_delay(policy, 1000000) == 3600s);
  policy.max_backoff_steps = 2;
  CHECK(base_delay(policy, 50) == 120s);
  // Absurd settings stay finite and positive.
  policy.backoff_base = Duration(0);
  policy.backoff_cap = Duration(std::numeric_limits<std::int64_t>::max());
  policy.max_backoff_steps = 1000;
  CHECK(base_delay(policy, 1000) > Duration(0));
}

TEST_CASE("jitter stays within its bounds for any random number", "[scheduler][sync]") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Duration lowest = 1h, highest = 0s;
  for (int i = 0; i < 100000; ++i) {
    const Duration d = jittered(900s, 0.1, unit(rng));
    lowest = std::min(lowest, d);
    highest = std::max(highest, d);
  }
  CHECK(lowest >= 810s);
  CHECK(highest <= 990s);
  CHECK(lowest < 815s);  // the whole range is used
  CHECK(highest > 985s);
  CHECK(jittered(900s, 0.1, 0.0) == 810s);
  CHECK(jittered(900s, 0.1, 1.0) == 990s);
  // Out-of-range inputs are clamped rather than trusted.
  CHECK(jittered(900s, 5.0, 1.0) == 1350s);
  CHECK(jittered(900s, std::nan(""), std::nan("")) == 900s);
  CHECK(jittered(Duration(0), 0.1, 0.0) == 1s);
}

TEST_CASE("a sync is due at once at start and when a stick appears", "[scheduler][sync]") {
  const SyncPolicy policy;
  const Instant now = test::local_instant(test::vietnam(), "2026-11-25 10:00");
  CHECK(next_sync_at(policy, SyncState{}, now, 0.5) == now);
  SyncState state;
  state.last_attempt = now - 10s;
  CHECK(next_sync_at(policy, state, now, 0.5) == now - 10s + 900s);
  state.check_requested = true;
  CHECK(next_sync_at(policy, state, now, 0.5) == now);
  state.check_requested = false;
  state.consecutive_failures = 3;
  CHECK(next_sync_at(policy, state, now, 0.5) == now - 10s + 120s);
}

TEST_CASE("a clock jumping years either way never stalls syncing", "[scheduler][sync]") {
  const SyncPolicy policy;
  const Instant now = test::local_instant(test::vietnam(), "2026-11-25 10:00");
  SyncState state;
  // The last attempt was stamped by a clock years ahead; the clock is now correct.
  state.last_attempt = now + std::chrono::hours(24 * 365 * 5);
  CHECK(next_sync_at(policy, state, now, 0.9) == now);
  // The clock jumped years ahead since the last attempt: due now, not in the past.
  state.last_attempt = now - std::chrono::hours(24 * 365 * 5);
  CHECK(next_sync_at(policy, state, now, 0.9) == now);
}

TEST_CASE("large downloads wait for the bulk window in local time", "[scheduler][sync]") {
  SyncPolicy policy;
  const TimeZone zone = test::vietnam();
  auto at = [&zone](const char* local) { return test::local_instant(zone, local); };
  CHECK(bulk_allowed(policy, zone, at("2026-11-25 12:00")));
  policy.bulk_window = test::window("23:30", "05:00");
  CHECK_FALSE(bulk_allowed(policy, zone, at("2026-11-25 12:00")));
  CHECK(bulk_allowed(policy, zone, at("2026-11-25 23:30")));
  CHECK(bulk_allowed(policy, zone, at("2026-11-26 04:59")));
  CHECK(next_bulk_window(policy, zone, at("2026-11-25 12:00")) == at("2026-11-25 23:30"));
  CHECK(next_bulk_window(policy, zone, at("2026-11-26 01:00")) == at("2026-11-26 01:00"));
  CHECK(next_bulk_window(policy, zone, at("2026-11-26 05:00")) == at("2026-11-26 23:30"));
}

TEST_CASE("sync timing survives instants and delays at the ends of the range", "[scheduler][sync]") {
  SyncPolicy policy;
  policy.backoff_cap = Duration(std::numeric_limits<std::int64_t>::max());
  policy.bulk_window = test::window("23:30", "05:00");
  const TimeZone zone = test::vietnam();
  for (Instant t : {Instant::min(), Instant::max(), Instant(Duration(-1)), Instant(Duration(0))}) {
    SyncState state;
    state.last_attempt = t;
    state.consecutive_failures = 1000;
    CHECK(next_sync_at(policy, state, t, 1.0) >= t);
    CHECK_NOTHROW(next_bulk_window(policy, zone, t));
  }
  CHECK(jittered(Duration(std::numeric_limits<std::int64_t>::max()), 0.5, 1.0) > Duration(0));
}
