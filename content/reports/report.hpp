#pragma once
// The department's report (`gatecast report`): for a period (quarter, half-year, year, or any
// span of days), read the play logs and heartbeats that screens report into (the WebDAV tree,
// a USB stick's gatecast-reports/, or one screen's data_dir) and answer, per screen and per
// content item: was the screen on when its schedule said so (availability, outages with their
// cause), what played and for how long, which versions were installed from where. Every log
// file is checked before its records count: the screen's signature over the file, the hash
// chain between records, gaps in the sequence. What fails a check is listed as an integrity
// row with what it held, never silently dropped and never counted as proof.
// Reading streams: memory grows with screens, log ids and files, not with records.
// Formats and rules: docs/reports.md.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "content/manifest/manifest.hpp"
#include "content/reports/report_period.hpp"
#include "scheduler/schedule.hpp"
#include "scheduler/time.hpp"
#include "scheduler/timezone.hpp"

namespace gatecast::content {

struct ReportOptions {
  std::vector<std::filesystem::path> log_dirs;  // each: screen folders (<screen with / as _>/...) or one log
  ReportPeriod period;
  scheduler::TimeZone zone;  // the site's days; a play counts on its start's local day
  // Screen id -> public key line: the keys the office took from `gatecast status` at each
  // screen. A screen not named here is checked against the key its heartbeats carry.
  std::map<std::string, std::string> screen_keys;
  std::string only_screen;       // non-empty: this screen's folder only (the fleet page's links)
  bool accept_unsigned = false;  // count unsigned files too (a screen's own local log); still flagged
};

struct ReportLimits {
  std::uint64_t max_files = 500000;                // log files and heartbeats together
  std::uint64_t max_log_file_bytes = 64u << 20;    // a bigger file is flagged, not read
  std::uint64_t max_line_bytes = 64u << 10;        // longer lines are malformed
  std::uint64_t max_heartbeat_bytes = 256u << 10;  // a heartbeat with a screenshot is ~80 KB
  std::uint64_t max_screens = 5000;
};

struct ScreenSummary {
  std::string screen;
  std::string site;                    // the screen id without its last part ("langson/huunghi")
  std::int64_t scheduled_seconds = 0;  // on or dimmed per the schedule's screen state
  std::int64_t playing_seconds = 0;    // of those, seconds the play log shows playing
  std::int64_t on_screen_ms = 0;       // every counted play, in or out of scheduled hours
  std::uint64_t plays = 0;
  std::uint64_t benched = 0;  // slides taken out of their playlist for an error
  std::uint64_t heartbeats = 0;
  std::size_t outages = 0;
  std::string screen_key;  // the key its records were checked against; empty when none known
  [[nodiscard]] double availability() const {
    return scheduled_seconds > 0
               ? static_cast<double>(playing_seconds) / static_cast<double>(scheduled_seconds)
               : 0.0;
  }
};

// Why a scheduled stretch was dark, as far as the heartbeats tell.
enum class OutageCause { no_heartbeat, nothing_installed, expired, not_playing };
[[nodiscard]] const char* outage_cause_name(OutageCause cause);

struct OutageRow {
  std::string screen;
  Instant start;
  Instant end;
  OutageCause cause = OutageCause::no_heartbeat;
  std::string detail;  // the screen's last error, when a heartbeat gave one
};

struct ItemRow {
  std::string screen;  // empty: every screen together (the totals)
  std::string channel;
  std::string asset;  // its name; a slide of text only: text_slide_item()
  Title title;        // the newest title its records gave it (language -> words); empty when none
  std::uint64_t plays = 0;
  std::int64_t on_screen_ms = 0;
  std::uint64_t benched = 0;  // times a slide showing it was benched for an error
};

// The item a slide of text only counts as: "<playlist> #<slide number from 1>", e.g. "day #3"
// (no asset name has a space or a '#'). Named by the slide's title when it has one.
[[nodiscard]] std::string text_slide_item(std::string_view playlist, int slide_index);

struct InstallRow {
  std::string screen;
  Instant at;
  std::string channel;
  std::int64_t version = 0;
  std::string source;  // "server" or "usb"
  std::string key_id;
};

// Problems found while checking the logs. Codes are stable (docs/reports.md).
enum class IntegrityProblem {
  unsigned_file,    // no .minisig beside the log file
  bad_signature,    // a signature that does not verify: the file was changed after signing
  foreign_key,      // signed, but not by this screen's key
  no_screen_key,    // signed, but no key is known for the screen to check it with
  wrong_label,      // the signature names another screen or file, or records of another screen
  malformed_lines,  // lines that are not records (torn, edited into nonsense, hostile)
  oversized_file,   // past the size limit: not read
  chain_break,      // a record's `prev` is not the hash of the record before it
  seq_gap,          // sequence numbers missing between two records of a log
  unchained,        // records without `prev` (written before the log was chained)
  key_changed,      // the screen's heartbeats carry more than one key
};
[[nodiscard]] const char* integrity_problem_name(IntegrityProblem problem);

struct IntegrityRow {
  std::string screen;  // the screen folder's screen (or the records' when none)
  std::string file;    // relative to its log folder
  IntegrityProblem problem = IntegrityProblem::unsigned_file;
  std::string detail;         // e.g. "seq 4121", "seq 88 to 97", "key 1A2B..."
  std::uint64_t records = 0;  // records this row concerns that were NOT counted as proof
};

struct WeekRow {
  std::string screen;
  scheduler::LocalDate week_start;  // the Monday
  std::int64_t on_screen_ms = 0;
};

struct Report {
  ReportPeriod period;
  std::string timezone;
  std::vector<ScreenSummary> screens;   // sorted by screen id
  std::vector<ItemRow> items;           // per screen, then the totals (screen empty); by channel, asset
  std::vector<OutageRow> outages;       // by screen, start
  std::vector<InstallRow> installs;     // by screen, time
  std::vector<IntegrityRow> integrity;  // by screen, file
  std::vector<WeekRow> weeks;           // by screen, week
  std::uint64_t files = 0;
  std::uint64_t records = 0;            // counted (verified, in the period, once each)
  std::uint64_t duplicates = 0;         // verified copies of records already counted
  std::uint64_t uncounted_records = 0;  // records in files that failed a check
  std::uint64_t malformed_lines = 0;
};

// Reads every log folder. Throws Error(usage) when a folder is missing or the period is
// backwards, Error(runtime) when a folder cannot be read or a limit on files/screens is passed.
[[nodiscard]] Report build_report(const ReportOptions& options, const ReportLimits& limits = {});

}  // namespace gatecast::content
