#pragma once
// The play log: proof of what played where, for the department's quarterly and yearly
// reports. Append-only JSON lines under <data_dir>/playlog/, one file per UTC day
// (YYYY-MM-DD.jsonl), each line written and fdatasync'ed before it counts. The log is bounded:
// a day file stops growing at max_day_bytes and the oldest days are removed past
// max_total_bytes. Every record gets an id "<log id>-<sequence>" that is unique for this
// screen forever: the log id is random, made when the folder is first created, and the
// sequence continues from the highest one on disk after a restart. Records are hash-chained:
// each line carries `prev`, the SHA-256 of the line before it in the same log (64 zeros for
// the first), so an edited, removed or inserted line shows in the report. Besides plays the
// log holds install events (a new version went active: when, from where, signed by which
// key) and bench events (a slide taken out for an error), in the same chain. The line format is documented in
// docs/reports.md.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "content/manifest/manifest.hpp"
#include "scheduler/time.hpp"

namespace gatecast::content {

enum class RecordKind { play, install, bench };

// One slide (or one item) that was on screen from `start` to `end`; with kind install, the
// instant `start` (= `end`) at which `version` of `channel` became active; with kind bench,
// the instant a slide was taken out of its playlist because it could not be drawn.
struct PlayRecord {
  RecordKind kind = RecordKind::play;
  std::string screen;   // e.g. "langson/huunghi/1"
  std::string channel;  // the channel the package came from
  std::int64_t version = 0;
  std::string playlist;
  int slide_index = 0;              // 0-based index in the playlist
  std::vector<std::string> assets;  // names of the assets shown (manifest names)
  // Plays and benches: asset name -> its title in the manifest (the asset's own, else its
  // slide's), for the assets that have one; the report names items by it.
  std::map<std::string, Title> titles;
  // Plays and benches of a slide that shows no asset (text only): the slide's title, if it
  // has one; the report counts such a slide as an item of its own.
  Title slide_title;
  Instant start;
  Instant end;
  std::string source;  // install only: "server" or "usb"
  std::string key_id;  // install only: the key id of the manifest's signature (16 hex digits)
};

// The `prev` of the first record of a log.
inline constexpr const char* first_record_prev =
    "0000000000000000000000000000000000000000000000000000000000000000";

// A record as read back from a log line (report.cpp, report_out.cpp).
struct LoggedPlay {
  std::string id;  // "<log id>-<sequence>"
  std::uint64_t sequence = 0;
  std::string prev;  // empty: a line written before the log was chained
  PlayRecord play;
};

struct PlayLogLimits {
  std::uint64_t max_day_bytes = 16u << 20;     // one day of 10 s slides is ~3 MB
  std::uint64_t max_total_bytes = 256u << 20;  // about three months at that rate
};

// The line for one record, without the trailing newline (exposed for tests and report_out).
// `prev` is the chain link (see above); empty writes an unchained line (tests of old logs).
[[nodiscard]] std::string play_record_line(const std::string& id, std::uint64_t sequence,
                                           const PlayRecord& play, const std::string& prev = {});
// The chain link a record's successor carries: the SHA-256 of the record's line bytes.
[[nodiscard]] std::string record_link(std::string_view line);

// Parses one log line; returns false (and leaves `out` unspecified) for any line that is not
// exactly a record this code writes: hostile or torn lines are skipped by readers, not fatal.
// A single pass over the bytes that builds no JSON tree (the report reads tens of millions of
// lines); `out` is reused, so a reader calling it in a loop allocates little. Any thread.
[[nodiscard]] bool parse_play_record_line(std::string_view line, LoggedPlay& out);

class PlayLog {
 public:
  // Opens (creating it if needed) <data_dir>/playlog and starts the writer thread. Throws
  // Error(runtime) when the folder cannot be created or read.
  [[nodiscard]] static std::unique_ptr<PlayLog> open(const std::filesystem::path& data_dir,
                                                     PlayLogLimits limits = {});
  explicit PlayLog(const std::filesystem::path& folder, PlayLogLimits limits);
  ~PlayLog();  // writes out everything recorded so far, then stops the writer
  PlayLog(const PlayLog&) = delete;
  PlayLog& operator=(const PlayLog&) = delete;

  // Queues one record and returns its sequence number at once; any thread (the render
  // thread calls it at each slide end). The write and the fdatasync happen on the log's own
  // thread, so a slow SD card never costs a frame. A write that fails is retried with the
  // next record and counted in failed_writes().
  std::uint64_t record(const PlayRecord& play);

  // Blocks until every record queued before the call is on disk (or failed). Any thread.
  void flush();

  const std::filesystem::path& folder() const { return folder_; }
  const std::string& log_id() const { return log_id_; }
  std::uint64_t failed_writes() const;
  std::uint64_t dropped_records() const;  // day file full

 private:
  struct Pending {
    std::uint64_t sequence;
    PlayRecord play;
  };
  void writer_loop();
  void write_one(const Pending& p);
  void enforce_total_bound();

  std::filesystem::path folder_;
  PlayLogLimits limits_;
  std::string log_id_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable drained_;
  std::deque<Pending> queue_;
  std::uint64_t next_sequence_ = 1;
  std::uint64_t written_through_ = 0;  // highest sequence handled by the writer
  std::string last_link_;              // record_link of the last line written (writer thread)
  std::uint64_t failed_writes_ = 0;
  std::uint64_t dropped_ = 0;
  bool stopping_ = false;
  std::thread writer_;
};

// The play log's day files in `folder` (YYYY-MM-DD.jsonl), oldest first.
[[nodiscard]] std::vector<std::filesystem::path> play_log_files(const std::filesystem::path& folder);

}  // namespace gatecast::content
