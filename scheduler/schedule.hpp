#pragma once
// What the manifest's `schedule` and `screen` blocks mean, as plain values. Parsed from JSON
// by content/schedule_json.cpp; evaluated by the functions in scheduler/.
// (First draft of the shapes; the scheduler's owner refines them, keeping these names.)
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gatecast::scheduler {

// A calendar date in the site's local time.
struct LocalDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  auto operator<=>(const LocalDate&) const = default;
};

// Seconds after local midnight, 0..86399.
struct TimeOfDay {
  int seconds = 0;
  auto operator<=>(const TimeOfDay&) const = default;
};

// A daily window [start, end) in local time; end <= start crosses midnight.
struct DailyWindow {
  TimeOfDay start;
  TimeOfDay end;
};

// Bit i set = plays on weekday i, 0 = Monday .. 6 = Sunday.
using WeekdayMask = std::uint8_t;
inline constexpr WeekdayMask every_day = 0x7f;

struct Entry {
  std::string playlist;
  std::optional<LocalDate> from;   // first local day it applies (inclusive)
  std::optional<LocalDate> until;  // first local day it no longer applies (exclusive)
  WeekdayMask weekdays = every_day;
  std::optional<DailyWindow> window;  // none = all day
  int priority = 0;
  bool interrupt = false;  // urgent notice: takes the screen at once, mid-slide
};

struct Schedule {
  std::string default_playlist;  // plays when no entry applies; may be empty (idle screen)
  std::vector<Entry> entries;
};

// The manifest's `screen` block: when the screen is on, and when it is dimmed.
struct ScreenPolicy {
  std::optional<DailyWindow> on_hours;   // none = always on
  std::optional<DailyWindow> dim_hours;  // none = never dimmed
  double dim_level = 1.0;                // brightness while dimmed, 0..1
};

}  // namespace gatecast::scheduler
