#pragma once
// The report's chart: on-screen hours per week per screen, as a PNG the office can paste into
// its submission. Drawn with SDL surfaces and the player's own text path (font fallback and
// HarfBuzz shaping), so Vietnamese labels render exactly as they do on the screens, and
// written with the player's PNG writer. More than `max_series` screens are summed per site.
#include <filesystem>

#include "content/reports/report.hpp"
#include "content/reports/report_sheets.hpp"

namespace gatecast::player {

inline constexpr std::size_t chart_max_series = 12;

// Writes the chart of report.weeks to `out` (atomically). Throws Error(runtime) when fonts or
// the file cannot be had.
void write_report_chart(const content::Report& report, content::ReportLanguage language,
                        const std::filesystem::path& out);

}  // namespace gatecast::player
