#pragma once
// The office's view of its screens (`gatecast fleet`): from the WebDAV tree the screens report
// into, a static page (index.html) and the same data as fleet.json, served by the same nginx
// with no server code. One card per screen: site, last heartbeat and its age (late after two
// missed heartbeats), installed version per channel, last error, free disk, clock trouble,
// the latest screenshot, a link to its report for the current quarter. Late screens first.
// Everything read is untrusted and escaped; the page has no script.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "content/reports/report_inputs.hpp"
#include "content/reports/report_sheets.hpp"
#include "scheduler/time.hpp"
#include "scheduler/timezone.hpp"

namespace gatecast::content {

struct FleetOptions {
  std::filesystem::path reports_dir;
  std::filesystem::path out_dir;
  Instant now;
  scheduler::TimeZone zone;
  ReportLanguage language = ReportLanguage::vi;
  std::size_t max_heartbeats_looked_at = 50;  // per screen, newest first, for a screenshot
};

// A screen is late when nothing came for this many heartbeat intervals.
inline constexpr int late_after_missed_heartbeats = 2;
// A heartbeat whose own time is this far from when the server received it: clock trouble.
inline constexpr auto clock_trouble_after = std::chrono::minutes(5);

struct FleetScreen {
  std::string folder;
  std::string screen;
  std::string site;
  std::optional<HeartbeatInfo> last;  // none: the folder holds no readable heartbeat
  std::optional<Instant> received;    // when the server stored it (the file's time)
  Duration age{0};
  bool late = true;
  bool clock_trouble = false;
  std::string screenshot;  // file name under out_dir/shots; empty when none
  std::string report;      // link to the current quarter's report
};

// Reads the tree, writes out_dir/index.html, out_dir/fleet.json and out_dir/shots/*.jpg (each
// atomically). Returns the screens as shown. Throws Error(usage) when reports_dir is not a
// folder, Error(runtime) on I/O failure.
std::vector<FleetScreen> write_fleet_page(const FleetOptions& options);

}  // namespace gatecast::content
