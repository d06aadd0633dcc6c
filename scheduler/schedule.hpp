#pragma once
// What the manifest's `schedule` and `screen` blocks mean, as plain values. Parsed from JSON
// by content/manifest/schedule_json.cpp; evaluated by scheduler/timetable.hpp. Every date and time here
// is in the site's local time (the config's `timezone`), never the machine's. docs/schedule.md
// gives the rules (which entry wins, how windows crossing midnight belong to their first day).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gatecast::scheduler {

// A calendar date in the site's local time (proleptic Gregorian).
struct LocalDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31, valid for the month
  auto operator<=>(const LocalDate&) const = default;
};

// Seconds after local midnight: 0..86399, and 86400 ("24:00") only as a window's end.
struct TimeOfDay {
  int seconds = 0;
  auto operator<=>(const TimeOfDay&) const = default;
};

inline constexpr int seconds_per_day = 86400;

// A local date and time of day ("2026-11-30 10:00").
struct LocalDateTime {
  LocalDate date;
  TimeOfDay time;
  auto operator<=>(const LocalDateTime&) const = default;
};

// A daily window [start, end) in local time. end <= start crosses midnight and belongs to the
// day it starts on (a Friday 22:00-02:00 window runs into Saturday). start == end is refused
// by the parser, except 00:00-24:00 (all day).
struct DailyWindow {
  TimeOfDay start;
  TimeOfDay end;
  auto operator<=>(const DailyWindow&) const = default;
};

// Bit i set = plays on weekday i, 0 = Monday .. 6 = Sunday.
using WeekdayMask = std::uint8_t;
inline constexpr WeekdayMask every_day = 0x7f;

inline constexpr int min_priority = 0;
inline constexpr int max_priority = 1000;

struct Entry {
  std::string playlist;
  // Days on which the entry's window opens: from (inclusive) .. until (exclusive). A window
  // opened on the last day may run past midnight into `until`.
  std::optional<LocalDate> from;
  std::optional<LocalDate> until;
  // Exact local bounds, for notices that start and stop at a given minute: the entry is never
  // active before `starts` or at/after `ends`, whatever its days and window say.
  std::optional<LocalDateTime> starts;
  std::optional<LocalDateTime> ends;
  WeekdayMask weekdays = every_day;
  std::optional<DailyWindow> window;  // none = all day
  int priority = 0;                   // min_priority..max_priority
  bool interrupt = false;             // urgent notice: outranks ordinary entries, takes the screen mid-slide
  auto operator<=>(const Entry&) const = default;
};

struct Schedule {
  std::string default_playlist;  // plays when no entry applies; may be empty (idle screen)
  std::vector<Entry> entries;
  auto operator<=>(const Schedule&) const = default;
};

// The manifest's `screen` block: when the screen is lit, and when it is dimmed.
struct ScreenPolicy {
  std::optional<DailyWindow> on_hours;   // none = always on
  std::optional<DailyWindow> dim_hours;  // none = never dimmed
  double dim_level = 1.0;                // brightness while dimmed, 0..1
  auto operator<=>(const ScreenPolicy&) const = default;
};

}  // namespace gatecast::scheduler
