// gatecast fleet --reports DIR --out DIR [--lang vi|en] [--timezone TZ]
// The office's status page of every screen, from the tree the screens report into
// (docs/reports.md).
#include <cstdio>

#include "content/base/error.hpp"
#include "content/base/timezone.hpp"
#include "content/reports/fleet.hpp"
#include "player/cli/args.hpp"
#include "player/cli/commands.hpp"

namespace gatecast::cli {

int cmd_fleet(const Words& words) {
  const Args args(words, {"reports", "out", "lang", "timezone"}, {});
  if (!args.positionals().empty()) fail_usage(args.positionals().front(), "unexpected argument");
  content::FleetOptions options;
  options.reports_dir = args.required("reports");
  options.out_dir = args.required("out");
  options.zone = content::load_time_zone(args.option("timezone").value_or("Asia/Ho_Chi_Minh"));
  const std::string lang = args.option("lang").value_or("vi");
  if (lang != "vi" && lang != "en") fail_usage("--lang", "must be vi or en");
  options.language = lang == "vi" ? content::ReportLanguage::vi : content::ReportLanguage::en;
  options.now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  const auto screens = content::write_fleet_page(options);
  std::size_t late = 0;
  for (const auto& s : screens) late += s.late ? 1 : 0;
  std::printf("%zu screens, %zu late: %s\n", screens.size(), late,
              (options.out_dir / "index.html").string().c_str());
  return 0;
}

}  // namespace gatecast::cli
