// gatecast report --log DIR --from D --to D --out FILE [--format csv|json] [--timezone TZ]
// Proof of play per day, screen, playlist and asset (docs/reports.md).
#include <cstdio>

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/reports/report.hpp"
#include "content/base/timezone.hpp"
#include "player/cli/args.hpp"
#include "player/cli/commands.hpp"
#include "scheduler/calendar.hpp"

namespace gatecast::cli {
namespace {

scheduler::LocalDate date_option(const Args& args, const std::string& name) {
  const std::string& text = args.required(name);
  const auto date = scheduler::parse_local_date(text);
  if (!date) fail_usage("--" + name, "expected a date YYYY-MM-DD, got \"" + text + "\"");
  return *date;
}

}  // namespace

int cmd_report(const Words& words) {
  const Args args(words, {"log", "from", "to", "out", "format", "timezone"}, {});
  if (!args.positionals().empty()) fail_usage(args.positionals().front(), "unexpected argument");
  content::ReportOptions options;
  options.log_dir = args.required("log");
  options.from = date_option(args, "from");
  options.to = date_option(args, "to");
  options.zone = content::load_time_zone(args.option("timezone").value_or("Asia/Ho_Chi_Minh"));
  const std::string format = args.option("format").value_or("csv");
  if (format != "csv" && format != "json") fail_usage("--format", "must be csv or json");
  const std::filesystem::path out = args.required("out");

  const content::Report report = content::build_report(options);
  const std::string text =
      format == "csv" ? content::report_csv(report) : content::report_json(report, options);
  const auto folder = out.parent_path().empty() ? std::filesystem::path(".") : out.parent_path();
  content::write_file_atomically(folder / out.filename(), text);
  if (report.skipped_lines > 0) {
    std::fprintf(stderr, "gatecast: %s: skipped %llu lines that are not play records\n",
                 options.log_dir.string().c_str(), static_cast<unsigned long long>(report.skipped_lines));
  }
  std::printf("%llu plays in %zu rows from %llu files (%llu duplicates ignored)\n",
              static_cast<unsigned long long>(report.records), report.rows.size(),
              static_cast<unsigned long long>(report.files),
              static_cast<unsigned long long>(report.duplicates));
  return 0;
}

}  // namespace gatecast::cli
