#pragma once
// The report as an XLSX workbook (libxlsxwriter): one tab per sheet, real numbers and dates
// with formats (hours 0.00, percent, local date and time), headers frozen, column widths set.
// Text is always written as text, never as a formula, whatever it starts with.
#include <filesystem>
#include <vector>

#include "content/reports/report_sheets.hpp"

namespace gatecast::content {

// Writes `out` atomically (a temporary file beside it, renamed). Throws Error(runtime) when
// the workbook cannot be written.
void write_report_xlsx(const std::vector<Sheet>& sheets, const std::filesystem::path& out);

}  // namespace gatecast::content
