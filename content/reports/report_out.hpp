#pragma once
// Reporting out (config.report_url, e.g. an nginx WebDAV location): heartbeats and the play
// log, PUT to the server, spooled on disk first so that nothing is lost while the link is
// down. Every spooled file has a name fixed when it is made, and the same name on the server:
//   <report_url>/<screen with / as _>/heartbeat/<UTC instant>.json
//   <report_url>/<screen with / as _>/playlog/<log id>-<first seq>-<last seq>.jsonl
//   <report_url>/<screen with / as _>/playlog/<log id>-<first seq>-<last seq>.jsonl.minisig
// so a retry (after a timeout whose PUT did arrive, or a power cut before the spool file was
// removed) rewrites the same file with the same bytes and never makes a second record.
// Layout and formats: docs/reports.md.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "content/base/error.hpp"
#include "content/config/config.hpp"
#include "content/sources/source.hpp"
#include "scheduler/time.hpp"

namespace gatecast::content {

struct Heartbeat {
  std::string screen;
  Instant at;
  std::string channel;                      // the screen channel (its hours); empty when none
  std::int64_t version = 0;                 // the active version; 0 = nothing installed
  Duration uptime{0};                       // since the player started
  std::uint64_t disk_free_bytes = 0;        // free space where data_dir lives
  std::string last_error;                   // ScreenState::last_error
  Reason last_error_reason = Reason::none;  // its reason code goes out beside it
  std::optional<Instant> last_success;
  std::string screen_key;  // the screen's public key line (reports/screen_key.hpp); may be empty
  std::vector<std::pair<std::string, std::int64_t>> channels;  // every source channel: active version
  std::optional<Instant> expires;                              // the played package's expiry
  // Channels whose active package is past its `expires` at `at` (still playing, no longer
  // valid: the office must publish a newer one). A failure, like last_error.
  std::vector<std::string> stale;
  // Channels whose active version is damaged on disk (a blob lost or truncated), one line
  // each, until the sync thread has fetched it again.
  std::vector<std::string> damaged;
  // The played package's `screen` block, as "HH:MM-HH:MM" (empty = always on / never dimmed),
  // so the report knows the scheduled on-hours even for days the screen said nothing.
  std::string on_hours;
  std::string dim_hours;
  Duration interval{0};         // how often heartbeats are due (the office calls a screen late after two)
  std::string screenshot_jpeg;  // what the screen shows, small (<= 60 KB); empty = none
  std::string clock_problem;    // clock_problem() of the last install: empty when the clock is believed
};

struct ReportOutLimits {
  std::size_t max_spooled_heartbeats = 200;  // older ones are dropped: only the recent past matters
  std::size_t max_records_per_batch = 5000;
  std::size_t max_puts_per_flush = 200;  // the rest waits for the next flush
};

struct FlushResult {
  std::size_t sent = 0;
  std::size_t left = 0;  // still spooled
  std::string error;     // the failure that stopped the flush; empty when all went
};

// The heartbeat as it is sent (one JSON object, one line).
[[nodiscard]] std::string heartbeat_json(const Heartbeat& heartbeat);

// The screen's heartbeat now: active version (load_installed), state (read_state), free disk.
// Never throws for a damaged store or state: a heartbeat must still go out, and says so.
[[nodiscard]] Heartbeat current_heartbeat(const Config& config, Instant now, Duration uptime,
                                          Duration interval = std::chrono::minutes(15));

class ReportOut {
 public:
  // Spool in <data_dir>/outbox, play log read from <data_dir>/playlog. Throws Error(usage)
  // when report_url is empty or not http(s).
  ReportOut(const Config& config, const HttpOptions& http, ReportOutLimits limits = {});

  // Adds a heartbeat to the spool (written atomically). Throws Error(runtime) on I/O failure.
  void spool_heartbeat(const Heartbeat& heartbeat);

  // Moves play records not yet spooled into batch files (oldest first), each signed with the
  // screen's key (made on first use); returns how many records were spooled. Safe while PlayLog writes: a
  // line still being written is taken next time. Throws Error(runtime) on I/O failure.
  std::size_t spool_play_log();

  // PUTs spooled files in order (batches oldest first), removing each one the server took
  // (2xx); stops at the first failure and keeps the rest for later. Never throws for
  // transport failures (they are in the result). Blocks for the transfers: call it from the
  // sync thread, never the render thread.
  FlushResult flush();

  const std::filesystem::path& spool_dir() const { return spool_; }

 private:
  std::string base_;  // report_url + "/" + screen folder, no trailing slash
  std::filesystem::path spool_;
  std::filesystem::path playlog_;
  std::filesystem::path data_dir_;
  std::string screen_;
  HttpOptions http_;
  ReportOutLimits limits_;
};

}  // namespace gatecast::content
