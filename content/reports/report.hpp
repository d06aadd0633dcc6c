#pragma once
// Proof of play for the department's quarterly and yearly reports (`gatecast report`): the
// play logs under a folder (one screen's data_dir/playlog, or a whole WebDAV report tree
// holding many screens' shipped batches) summed per local day, screen, playlist and asset.
// Records are counted once by their id, however many copies of the log sit in the folder.
// Log lines are untrusted: anything that is not exactly a play record is skipped and counted.
// The CSV and JSON forms are documented in docs/reports.md.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "scheduler/schedule.hpp"
#include "scheduler/time.hpp"
#include "scheduler/timezone.hpp"

namespace gatecast::content {

struct ReportOptions {
  std::filesystem::path log_dir;
  scheduler::LocalDate from, to;  // local days, both included
  scheduler::TimeZone zone;       // the days are the site's days (a play counts on its start's day)
};

// One line of the report. `asset` empty: the playlist as a whole (every slide shown).
struct ReportRow {
  std::string day;  // YYYY-MM-DD, local
  std::string screen;
  std::string channel;
  std::string playlist;
  std::string asset;
  std::uint64_t plays = 0;
  Duration shown{0};  // summed on-screen time
};

struct Report {
  std::vector<ReportRow> rows;      // sorted by day, screen, channel, playlist, asset
  std::uint64_t records = 0;        // distinct records counted (in the date range)
  std::uint64_t duplicates = 0;     // copies of a record already counted
  std::uint64_t skipped_lines = 0;  // lines that are not play records
  std::uint64_t files = 0;          // log files read
};

struct ReportLimits {
  std::uint64_t max_files = 200000;
  std::uint64_t max_line_bytes = 64u << 10;  // longer lines are skipped without being held
  std::uint64_t max_records = 50000000;      // distinct ids remembered
};

// Reads every *.jsonl file under options.log_dir (recursively, symlinks not followed).
// Throws Error(usage) when log_dir is not a folder, Error(runtime) when it cannot be read or
// a limit is passed. Runs on the calling thread; memory grows with the number of distinct
// records (for de-duplication), not with file sizes.
[[nodiscard]] Report build_report(const ReportOptions& options, const ReportLimits& limits = {});

// The report as CSV (header "day,screen,channel,playlist,asset,plays,seconds"; cells that a
// spreadsheet would run as a formula are quoted with a leading apostrophe).
[[nodiscard]] std::string report_csv(const Report& report);
// The report as one JSON document with the counts and the rows.
[[nodiscard]] std::string report_json(const Report& report, const ReportOptions& options);

}  // namespace gatecast::content
