#pragma once
// A deliberately naive reference for the timetable: the rules of docs/schedule.md written out
// the plain way, evaluated one instant at a time, for the property tests to compare against.
#include <cstdint>
#include <optional>
#include <tuple>

#include "scheduler/calendar.hpp"
#include "scheduler/schedule.hpp"
#include "scheduler/timetable.hpp"
#include "scheduler/timezone.hpp"

namespace gatecast::test {

inline bool reference_in_window(const scheduler::DailyWindow& w, int tod) {
  if (w.start.seconds < w.end.seconds) return w.start.seconds <= tod && tod < w.end.seconds;
  return tod >= w.start.seconds || tod < w.end.seconds;
}

inline bool reference_active(const scheduler::Entry& e, std::int64_t local) {
  using namespace scheduler;
  if (e.starts && local < local_seconds_of(*e.starts)) return false;
  if (e.ends && local >= local_seconds_of(*e.ends)) return false;
  const LocalDateTime now = local_date_time_of(local);
  const std::int64_t today = days_from_civil(now.date);
  const int open = e.window ? e.window->start.seconds : 0;
  const int close = e.window ? e.window->end.seconds : 86400;
  const std::int64_t length = close > open ? close - open : close + 86400 - open;
  for (std::int64_t opening_day : {today, today - 1}) {
    const std::int64_t start = opening_day * 86400 + open;
    if (local < start || local >= start + length) continue;
    const LocalDate date = civil_from_days(opening_day);
    if (e.from && date < *e.from) continue;
    if (e.until && !(date < *e.until)) continue;
    if (((e.weekdays >> weekday_of_days(opening_day)) & 1) == 0) continue;
    return true;
  }
  return false;
}

inline scheduler::State reference_state(const scheduler::Schedule& schedule,
                                        const scheduler::ScreenPolicy& screen, std::int64_t local) {
  using namespace scheduler;
  State state;
  const int tod = static_cast<int>(((local % 86400) + 86400) % 86400);
  if (screen.on_hours && !reference_in_window(*screen.on_hours, tod)) {
    state.screen = {ScreenMode::off, 0.0};
  } else if (screen.dim_hours && reference_in_window(*screen.dim_hours, tod)) {
    state.screen = {ScreenMode::dimmed, screen.dim_level};
  }
  int best = -1;
  auto key = [&schedule](int i) {
    const Entry& e = schedule.entries[static_cast<std::size_t>(i)];
    // Interrupt, then priority, then the later `from`, then the earlier in the file.
    return std::make_tuple(e.interrupt, e.priority, e.from.has_value(), e.from.value_or(LocalDate{}), -i);
  };
  for (int i = 0; i < static_cast<int>(schedule.entries.size()); ++i) {
    if (!reference_active(schedule.entries[static_cast<std::size_t>(i)], local)) continue;
    if (best < 0 || key(i) > key(best)) best = i;
  }
  if (best < 0) {
    state.playlist = schedule.default_playlist;
  } else {
    const Entry& e = schedule.entries[static_cast<std::size_t>(best)];
    state.playlist = e.playlist;
    state.interrupt = e.interrupt;
    state.entry = best;
  }
  return state;
}

}  // namespace gatecast::test
