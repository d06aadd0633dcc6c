#pragma once
// A site's time zone as a value: the UTC offset before the first transition and a sorted list
// of transitions. Built by content/base/timezone.cpp from the system's TZif files (or as a fixed
// offset); the scheduler only ever converts with it, so the machine's own TZ never matters.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scheduler/schedule.hpp"
#include "scheduler/time.hpp"

namespace gatecast::scheduler {

// From `at` (UTC seconds since the epoch) on, local time is UTC + `offset` seconds.
struct ZoneTransition {
  std::int64_t at = 0;
  int offset = 0;
  auto operator<=>(const ZoneTransition&) const = default;
};

inline constexpr int max_zone_offset_seconds = 26 * 3600;

class TimeZone {
 public:
  TimeZone() = default;  // UTC
  // Throws std::invalid_argument unless transitions are strictly increasing and every offset
  // is within +-26 hours.
  TimeZone(std::string name, int initial_offset, std::vector<ZoneTransition> transitions);
  [[nodiscard]] static TimeZone fixed(std::string name, int offset_seconds);

  const std::string& name() const { return name_; }
  const std::vector<ZoneTransition>& transitions() const { return transitions_; }

  // Seconds east of UTC in force at the instant.
  [[nodiscard]] int offset_at(Instant t) const noexcept;
  [[nodiscard]] int offset_at_seconds(std::int64_t utc_seconds) const noexcept;
  // Local seconds (calendar/local_seconds_of) of the whole second containing t.
  [[nodiscard]] std::int64_t local_seconds(Instant t) const noexcept;
  [[nodiscard]] LocalDateTime to_local(Instant t) const noexcept;
  // The first instant whose local time is `local_seconds`; inside a gap (clocks jumping
  // forward) the first instant after the gap. Exact to the second.
  [[nodiscard]] std::int64_t utc_seconds_of_local(std::int64_t local_seconds) const noexcept;
  [[nodiscard]] Instant to_utc(const LocalDateTime& when) const noexcept;
  // The first transition strictly after `utc_seconds`, as UTC seconds.
  [[nodiscard]] std::optional<std::int64_t> next_transition_after(std::int64_t utc_seconds) const noexcept;

  // "+07:00" for an offset in seconds.
  [[nodiscard]] static std::string format_offset(int offset_seconds);

  bool operator==(const TimeZone&) const = default;

 private:
  std::string name_ = "UTC";
  int initial_offset_ = 0;
  std::vector<ZoneTransition> transitions_;
};

// Whole seconds of an instant, rounded toward the past.
[[nodiscard]] std::int64_t floor_seconds(Instant t) noexcept;
[[nodiscard]] Instant instant_of_seconds(std::int64_t utc_seconds) noexcept;

}  // namespace gatecast::scheduler
