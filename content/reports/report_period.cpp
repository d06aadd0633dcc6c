#include "content/reports/report_period.hpp"

#include "scheduler/calendar.hpp"

namespace gatecast::content {
namespace {

std::optional<int> year_of(std::string_view digits) {
  if (digits.size() != 4) return std::nullopt;
  int year = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    year = year * 10 + (c - '0');
  }
  if (year < 1970 || year > 9999) return std::nullopt;
  return year;
}

ReportPeriod months(int year, int first_month, int month_count, std::string label) {
  const int last_month = first_month + month_count - 1;
  return {{year, first_month, 1},
          {year, last_month, scheduler::days_in_month(year, last_month)},
          std::move(label)};
}

}  // namespace

std::optional<ReportPeriod> parse_report_period(std::string_view text) {
  const auto year = year_of(text.substr(0, 4));
  if (!year) return std::nullopt;
  if (text.size() == 4) return months(*year, 1, 12, std::string(text));
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  const int n = text[6] - '0';
  if (text[5] == 'Q' && n >= 1 && n <= 4) return months(*year, 3 * (n - 1) + 1, 3, std::string(text));
  if (text[5] == 'H' && n >= 1 && n <= 2) return months(*year, 6 * (n - 1) + 1, 6, std::string(text));
  return std::nullopt;
}

ReportPeriod span_period(const scheduler::LocalDate& from, const scheduler::LocalDate& to) {
  return {from, to, scheduler::format_date(from) + ".." + scheduler::format_date(to)};
}

ReportPeriod quarter_of(const scheduler::LocalDate& day) {
  const int q = (day.month - 1) / 3 + 1;
  return months(day.year, 3 * (q - 1) + 1, 3, std::to_string(day.year) + "-Q" + std::to_string(q));
}

}  // namespace gatecast::content
