// gatecast report --log DIR [DIR...] (--period P | --from D --to D) --out FILE
//                 [--format xlsx|csv|json] [--lang vi|en] [--timezone TZ]
//                 [--screen ID] [--screen-keys FILE] [--accept-unsigned] [--chart PNG]
// The department's report for a quarter, half-year, year or span of days (docs/reports.md).
#include <cstdio>
#include <fstream>

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/base/timezone.hpp"
#include "content/reports/report.hpp"
#include "content/reports/report_inputs.hpp"
#include "content/reports/report_sheets.hpp"
#include "content/reports/xlsx_report.hpp"
#include "player/cli/args.hpp"
#include "player/cli/commands.hpp"
#include "player/cli/report_chart.hpp"
#include "scheduler/calendar.hpp"

namespace gatecast::cli {
namespace {

scheduler::LocalDate date_option(const Args& args, const std::string& name) {
  const std::string& text = args.required(name);
  const auto date = scheduler::parse_local_date(text);
  if (!date) fail_usage("--" + name, "expected a date YYYY-MM-DD, got \"" + text + "\"");
  return *date;
}

content::ReportPeriod period_of(const Args& args) {
  if (const auto text = args.option("period")) {
    if (args.option("from") || args.option("to"))
      fail_usage("--period", "give either --period or --from/--to");
    const auto period = content::parse_report_period(*text);
    if (!period) fail_usage("--period", "expected 2026-Q4, 2026-H2 or 2026, got \"" + *text + "\"");
    return *period;
  }
  return content::span_period(date_option(args, "from"), date_option(args, "to"));
}

// "<screen id> <public key line>" per line; # starts a comment.
std::map<std::string, std::string> read_screen_keys(const std::filesystem::path& file) {
  const auto text = content::read_bounded(file, 4u << 20);
  if (!text) fail_usage(file.string(), "cannot read (or bigger than 4 MiB)");
  std::map<std::string, std::string> keys;
  std::size_t at = 0, line_number = 0;
  while (at < text->size()) {
    auto nl = text->find('\n', at);
    if (nl == std::string::npos) nl = text->size();
    std::string line = text->substr(at, nl - at);
    at = nl + 1;
    ++line_number;
    if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    const auto space = line.find_first_of(" \t", first);
    const auto key_at = space == std::string::npos ? std::string::npos : line.find_first_not_of(" \t", space);
    if (key_at == std::string::npos)
      fail_usage(file.string() + ":" + std::to_string(line_number), "expected \"<screen id> <public key>\"");
    std::string key = line.substr(key_at);
    while (!key.empty() && (key.back() == ' ' || key.back() == '\t' || key.back() == '\r')) key.pop_back();
    (void)content::parse_public_key(key, file.string() + ":" + std::to_string(line_number));
    keys[line.substr(first, space - first)] = key;
  }
  return keys;
}

std::filesystem::path sibling(const std::filesystem::path& out, const std::string& key) {
  return out.parent_path() / (out.stem().string() + "-" + key + ".csv");
}

}  // namespace

int cmd_report(const Words& words) {
  const Args args(
      words,
      {"log", "period", "from", "to", "out", "format", "lang", "timezone", "screen-keys", "screen", "chart"},
      {"accept-unsigned"});
  content::ReportOptions options;
  options.log_dirs.push_back(args.required("log"));
  for (const auto& more : args.positionals()) options.log_dirs.push_back(more);
  options.period = period_of(args);
  options.zone = content::load_time_zone(args.option("timezone").value_or("Asia/Ho_Chi_Minh"));
  options.accept_unsigned = args.has("accept-unsigned");
  if (const auto keys = args.option("screen-keys")) options.screen_keys = read_screen_keys(*keys);
  options.only_screen = args.option("screen").value_or("");
  const std::filesystem::path out = args.required("out");
  const std::string format = args.option("format").value_or(out.extension() == ".csv"    ? "csv"
                                                            : out.extension() == ".json" ? "json"
                                                                                         : "xlsx");
  if (format != "csv" && format != "json" && format != "xlsx")
    fail_usage("--format", "must be xlsx, csv or json");
  const std::string lang = args.option("lang").value_or("vi");
  if (lang != "vi" && lang != "en") fail_usage("--lang", "must be vi or en");
  const auto language = lang == "vi" ? content::ReportLanguage::vi : content::ReportLanguage::en;

  const content::Report report = content::build_report(options);
  const auto folder = out.parent_path().empty() ? std::filesystem::path(".") : out.parent_path();
  if (format == "json") {
    content::write_file_atomically(folder / out.filename(), content::report_json(report, options.zone));
  } else {
    const auto sheets = content::report_sheets(report, options.zone, language);
    if (format == "xlsx") {
      content::write_report_xlsx(sheets, folder / out.filename());
    } else {
      // The summary in FILE, each detail sheet beside it as FILE-<sheet>.csv.
      content::write_file_atomically(folder / out.filename(), content::sheet_csv(sheets.front()));
      for (std::size_t i = 1; i < sheets.size(); ++i)
        content::write_file_atomically(sibling(folder / out.filename(), sheets[i].key),
                                       content::sheet_csv(sheets[i]));
    }
  }
  if (const auto chart = args.option("chart")) player::write_report_chart(report, language, *chart);
  for (const auto& row : report.integrity) {
    std::fprintf(stderr, "gatecast: %s: %s%s%s\n", row.file.c_str(),
                 content::integrity_problem_name(row.problem), row.detail.empty() ? "" : ": ",
                 row.detail.c_str());
  }
  std::printf(
      "%s: %zu screens, %llu records counted from %llu files (%llu duplicates counted once, %llu not "
      "counted, %zu integrity rows)\n",
      report.period.label.c_str(), report.screens.size(), static_cast<unsigned long long>(report.records),
      static_cast<unsigned long long>(report.files), static_cast<unsigned long long>(report.duplicates),
      static_cast<unsigned long long>(report.uncounted_records), report.integrity.size());
  return 0;
}

}  // namespace gatecast::cli
