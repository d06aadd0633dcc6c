#pragma once
// Small builders shared by the scheduler tests: local times in a zone, windows, entries.
#include <stdexcept>
#include <string>

#include "scheduler/calendar.hpp"
#include "scheduler/schedule.hpp"
#include "scheduler/timezone.hpp"

namespace gatecast::test {

inline scheduler::TimeZone vietnam() {
  return scheduler::TimeZone::fixed("Asia/Ho_Chi_Minh", 7 * 3600);
}

// "2026-11-30 10:00" read in `zone`.
inline Instant local_instant(const scheduler::TimeZone& zone, const std::string& text) {
  auto when = scheduler::parse_local_date_time(text);
  if (!when) throw std::invalid_argument("bad local time in test: " + text);
  return zone.to_utc(*when);
}

inline std::string local_text(const scheduler::TimeZone& zone, Instant t) {
  return scheduler::format_date_time(zone.to_local(t));
}

inline scheduler::DailyWindow window(const std::string& start, const std::string& end) {
  auto s = scheduler::parse_time_of_day(start, false);
  auto e = scheduler::parse_time_of_day(end, true);
  if (!s || !e) throw std::invalid_argument("bad window in test");
  return {*s, *e};
}

inline scheduler::LocalDate date(const std::string& text) {
  auto d = scheduler::parse_local_date(text);
  if (!d) throw std::invalid_argument("bad date in test: " + text);
  return *d;
}

}  // namespace gatecast::test
