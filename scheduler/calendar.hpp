#pragma once
// Calendar arithmetic on the proleptic Gregorian calendar, and the text forms of local dates
// and times used by schedules and the command line. Pure; no time zone is involved here.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "scheduler/schedule.hpp"

namespace gatecast::scheduler {

// a / b rounded toward minus infinity (b > 0): the day of a local second, before 1970 too.
[[nodiscard]] std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept;
// Days since 1970-01-01 for a valid date (Howard Hinnant's days_from_civil).
[[nodiscard]] std::int64_t days_from_civil(const LocalDate& date) noexcept;
[[nodiscard]] LocalDate civil_from_days(std::int64_t days) noexcept;
// 0 = Monday .. 6 = Sunday.
[[nodiscard]] int weekday_of_days(std::int64_t days) noexcept;
[[nodiscard]] bool is_leap_year(int year) noexcept;
[[nodiscard]] int days_in_month(int year, int month) noexcept;
[[nodiscard]] bool is_valid_date(const LocalDate& date) noexcept;

// Local seconds: seconds since 1970-01-01 00:00 on the local wall clock (not an instant).
[[nodiscard]] std::int64_t local_seconds_of(const LocalDateTime& when) noexcept;
[[nodiscard]] LocalDateTime local_date_time_of(std::int64_t local_seconds) noexcept;

// "YYYY-MM-DD" (year 1000..9999, a real day: 2027-02-29 is refused).
[[nodiscard]] std::optional<LocalDate> parse_local_date(std::string_view text);
// "HH:MM" or "HH:MM:SS", 00:00..23:59:59; "24:00" only when allow_end_of_day.
[[nodiscard]] std::optional<TimeOfDay> parse_time_of_day(std::string_view text, bool allow_end_of_day);
// "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DDTHH:MM[:SS]".
[[nodiscard]] std::optional<LocalDateTime> parse_local_date_time(std::string_view text);

[[nodiscard]] std::string format_date(const LocalDate& date);           // "2026-11-30"
[[nodiscard]] std::string format_time(const TimeOfDay& time);           // "05:30", "05:30:15", "24:00"
[[nodiscard]] std::string format_date_time(const LocalDateTime& when);  // "2026-11-30 05:30"
[[nodiscard]] const char* weekday_name(int weekday);                    // "Mon" .. "Sun"

}  // namespace gatecast::scheduler
