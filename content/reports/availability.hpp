#pragma once
// Availability of one screen over a report period: the minutes its schedule wanted it lit
// (the scheduler's screen state, on or dimmed, under the policy its heartbeats last reported)
// against the minutes its play log shows playing; and the dark stretches in scheduled time
// (outages) with the cause the heartbeats tell. Minute resolution: a quarter is 132,480
// minutes, two bytes each, whatever the number of records.
#include <cstdint>
#include <string>
#include <vector>

#include "content/reports/report.hpp"
#include "scheduler/schedule.hpp"
#include "scheduler/time.hpp"
#include "scheduler/timezone.hpp"

namespace gatecast::content {

// What the outage causes need from a heartbeat; `policy` is the screen block then in force.
struct HeartbeatMark {
  Instant at;
  std::int64_t version = 0;
  bool expired = false;
  std::string last_error;
  scheduler::ScreenPolicy policy;
};

struct AvailabilityResult {
  std::int64_t scheduled_seconds = 0;
  std::int64_t playing_seconds = 0;
  std::vector<OutageRow> outages;
};

// A dark stretch shorter than this is a restart or a hand-over, not an outage.
inline constexpr int min_outage_minutes = 10;

class ScreenTimeline {
 public:
  // [start, end): the period in UTC; both are rounded down to whole minutes.
  ScreenTimeline(Instant start, Instant end);

  // A play from `from` to `to` (clipped to the period). Plays of one screen do not overlap.
  void add_play(Instant from, Instant to);

  // `heartbeats` sorted by time. Without any heartbeat the screen counts as scheduled all day.
  [[nodiscard]] AvailabilityResult evaluate(const std::vector<HeartbeatMark>& heartbeats,
                                            const scheduler::TimeZone& zone, const std::string& screen) const;

 private:
  std::int64_t start_minute_;             // minutes since 1970 (UTC)
  std::vector<std::uint16_t> played_ms_;  // per minute, 0..60000
};

}  // namespace gatecast::content
