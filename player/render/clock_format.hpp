#pragma once
// The words a clock item shows, per language: the date as people at each gate write it
// («Thứ Hai, 23/11/2026», «2026年11月23日 星期一», «Monday, 23 November 2026») and the time
// as HH:MM on a 24-hour clock; Japanese «2026年11月23日 月曜日», Korean «2026년 11월 23일 월요일»,
// Lao and Khmer with their weekday names. Pure; any thread.
#include <cstdint>
#include <string>

#include "scheduler/time.hpp"

namespace gatecast::player {

// A wall-clock reading in the site's zone.
struct CivilTime {
  int year = 1970;
  int month = 1;    // 1..12
  int day = 1;      // 1..31
  int weekday = 3;  // 0 = Monday .. 6 = Sunday
  int hour = 0;
  int minute = 0;
  int second = 0;
};

// The civil time `utc_offset_seconds` east of UTC at `t` (proleptic Gregorian calendar).
[[nodiscard]] CivilTime civil_time(Instant t, std::int64_t utc_offset_seconds);

// The date in language `lang` ("vi", "zh", "en", "lo", "km", "ja", "ko"); any other code gets the
// ISO form "2026-11-23".
[[nodiscard]] std::string format_date(const std::string& lang, const CivilTime& c);

// "08:05".
[[nodiscard]] std::string format_time(const CivilTime& c);

}  // namespace gatecast::player
