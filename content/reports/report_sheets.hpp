#pragma once
// The report as the office reads it: named sheets of typed cells (text, counts, hours,
// percentages, local dates and times) with headers in Vietnamese (default) or English.
// The XLSX and CSV writers both render these, so the two never disagree.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "content/reports/report.hpp"
#include "scheduler/schedule.hpp"

namespace gatecast::content {

enum class ReportLanguage { vi, en };

enum class CellKind { text, count, hours, percent, date_time, date };

struct Column {
  std::string header;
  CellKind kind = CellKind::text;
  double width = 12;  // in characters, for the spreadsheet
};

using Cell = std::variant<std::monostate, std::string, double, scheduler::LocalDateTime>;

struct Sheet {
  std::string key;   // "summary", "items", ... (file names, JSON); never translated
  std::string name;  // the tab's title in the chosen language
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  std::vector<std::pair<std::string, Cell>> notes;  // label/value lines above the table (summary)
};

// Summary, items, outages, installs, integrity, weeks: in that order.
[[nodiscard]] std::vector<Sheet> report_sheets(const Report& report, const scheduler::TimeZone& zone,
                                               ReportLanguage language);

// What the report calls an item: its title in `language`, else in Vietnamese, else in
// English, else in its first language; the asset's name when it has no title.
[[nodiscard]] std::string item_title(const ItemRow& item, ReportLanguage language);

// One sheet as CSV (RFC 4180; a text cell starting with = + - @ TAB or CR gets a leading
// apostrophe, as OWASP advises against formula injection). Numbers are plain, dates ISO.
[[nodiscard]] std::string sheet_csv(const Sheet& sheet);

// The whole report as one JSON document (English keys and codes; docs/reports.md).
[[nodiscard]] std::string report_json(const Report& report, const scheduler::TimeZone& zone);

}  // namespace gatecast::content
