#pragma once
// The reporting periods the provinces' regimes name: a quarter ("2026-Q4"), a half-year
// ("2026-H2"), a year ("2026"), or any span of days (--from/--to).
#include <optional>
#include <string>
#include <string_view>

#include "scheduler/schedule.hpp"

namespace gatecast::content {

struct ReportPeriod {
  scheduler::LocalDate from;  // first day, included
  scheduler::LocalDate to;    // last day, included
  std::string label;          // "2026-Q4", or "2026-10-01..2026-12-31" for a span
};

// Parses "YYYY-Qn" (n 1..4), "YYYY-Hn" (n 1..2) or "YYYY"; nullopt for anything else.
[[nodiscard]] std::optional<ReportPeriod> parse_report_period(std::string_view text);

// A span of days; the label names both ends.
[[nodiscard]] ReportPeriod span_period(const scheduler::LocalDate& from, const scheduler::LocalDate& to);

// The quarter containing `day` (the fleet page links each screen's current quarter).
[[nodiscard]] ReportPeriod quarter_of(const scheduler::LocalDate& day);

}  // namespace gatecast::content
