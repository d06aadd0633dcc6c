#include "scheduler/calendar.hpp"

#include <array>
#include <cstdio>

namespace gatecast::scheduler {

namespace {

// Reads exactly `width` decimal digits; nullopt if any is not a digit.
std::optional<int> digits(std::string_view text, std::size_t at, std::size_t width) {
  if (at + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + width; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::int64_t days_from_civil(const LocalDate& date) noexcept {
  std::int64_t y = date.year;
  const unsigned m = static_cast<unsigned>(date.month);
  const unsigned d = static_cast<unsigned>(date.day);
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = floor_div(y, 400);
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

LocalDate civil_from_days(std::int64_t days) noexcept {
  days += 719468;
  const std::int64_t era = floor_div(days, 146097);
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return LocalDate{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

int weekday_of_days(std::int64_t days) noexcept {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

bool is_leap_year(int year) noexcept {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) noexcept {
  static constexpr std::array<int, 12> lengths{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : lengths[static_cast<std::size_t>(month - 1)];
}

bool is_valid_date(const LocalDate& date) noexcept {
  return date.year >= 1 && date.year <= 9999 && date.month >= 1 && date.month <= 12 && date.day >= 1 &&
         date.day <= days_in_month(date.year, date.month);
}

std::int64_t local_seconds_of(const LocalDateTime& when) noexcept {
  return days_from_civil(when.date) * seconds_per_day + when.time.seconds;
}

LocalDateTime local_date_time_of(std::int64_t local_seconds) noexcept {
  const std::int64_t days = floor_div(local_seconds, seconds_per_day);
  return LocalDateTime{civil_from_days(days),
                       TimeOfDay{static_cast<int>(local_seconds - days * seconds_per_day)}};
}

std::optional<LocalDate> parse_local_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = digits(text, 0, 4);
  auto m = digits(text, 5, 2);
  auto d = digits(text, 8, 2);
  if (!y || !m || !d) return std::nullopt;
  LocalDate date{*y, *m, *d};
  if (date.year < 1000 || !is_valid_date(date)) return std::nullopt;
  return date;
}

std::optional<TimeOfDay> parse_time_of_day(std::string_view text, bool allow_end_of_day) {
  if ((text.size() != 5 && text.size() != 8) || text[2] != ':') return std::nullopt;
  auto h = digits(text, 0, 2);
  auto m = digits(text, 3, 2);
  std::optional<int> s = 0;
  if (text.size() == 8) {
    if (text[5] != ':') return std::nullopt;
    s = digits(text, 6, 2);
  }
  if (!h || !m || !s || *m > 59 || *s > 59) return std::nullopt;
  if (*h == 24 && *m == 0 && *s == 0 && allow_end_of_day) return TimeOfDay{seconds_per_day};
  if (*h > 23) return std::nullopt;
  return TimeOfDay{*h * 3600 + *m * 60 + *s};
}

std::optional<LocalDateTime> parse_local_date_time(std::string_view text) {
  if (text.size() < 16 || (text[10] != ' ' && text[10] != 'T')) return std::nullopt;
  auto date = parse_local_date(text.substr(0, 10));
  auto time = parse_time_of_day(text.substr(11), false);
  if (!date || !time) return std::nullopt;
  return LocalDateTime{*date, *time};
}

std::string format_date(const LocalDate& date) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

std::string format_time(const TimeOfDay& time) {
  char buffer[32];
  const int h = time.seconds / 3600, m = time.seconds / 60 % 60, s = time.seconds % 60;
  if (s != 0) {
    std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d", h, m, s);
  } else {
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", h, m);
  }
  return buffer;
}

std::string format_date_time(const LocalDateTime& when) {
  return format_date(when.date) + " " + format_time(when.time);
}

const char* weekday_name(int weekday) {
  static constexpr std::array<const char*, 7> names{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  return weekday >= 0 && weekday < 7 ? names[static_cast<std::size_t>(weekday)] : "?";
}

}  // namespace gatecast::scheduler
