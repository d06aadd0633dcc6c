#pragma once
// What the report and the fleet page read from a report tree, each piece checked as the
// untrusted input it is: heartbeats (bounded, typed, unknown keys ignored so that older and
// newer screens both read), the screen folders and their log files, and a log file's
// signature by the screen's key.
//
// A report tree holds one folder per screen, named by the screen id with / as _:
//   <screen>/heartbeat/<UTC instant>.json
//   <screen>/playlog/<log id>-<first seq>-<last seq>.jsonl (+ .minisig)   from report_url
//   <screen>/YYYY-MM-DD.jsonl (+ .minisig)                                 from a USB stick
// A folder that holds *.jsonl directly and no screen folders (a screen's own data_dir/playlog)
// is read as one unnamed screen folder.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/signing/minisign.hpp"
#include "scheduler/schedule.hpp"
#include "scheduler/time.hpp"

namespace gatecast::content {

struct HeartbeatInfo {
  std::string screen;
  Instant at;
  std::string channel;
  std::int64_t version = 0;
  std::map<std::string, std::int64_t> channels;
  std::optional<Instant> expires;
  std::string last_error;
  std::optional<Instant> last_success;
  std::uint64_t disk_free_bytes = 0;
  std::string screen_key;
  scheduler::ScreenPolicy policy;  // from on_hours/dim_hours; always on when absent
  Duration interval{0};
  std::string screenshot_jpeg;  // decoded bytes; empty when none
  std::string clock_problem;    // the screen's own verdict on its clock (trusted time); empty = believed
};

// Parses one heartbeat file's text. nullopt for anything that is not a heartbeat (too big,
// not JSON, wrong types, no screen or time).
[[nodiscard]] std::optional<HeartbeatInfo> parse_heartbeat(std::string_view text, std::size_t max_bytes);

struct LogFile {
  std::filesystem::path path;
  std::string relative;             // to the tree's root, for the report's rows
  std::filesystem::path signature;  // path + ".minisig"; empty when there is none
};

struct ScreenFolder {
  std::string name;  // folder name (screen id with / as _); empty for an unnamed log folder
  std::filesystem::path path;
  std::vector<LogFile> logs;                      // sorted by path
  std::vector<std::filesystem::path> heartbeats;  // sorted by name = by time
};

// The screen folders under `root`. Symlinks are not followed. Throws Error(usage) when root is
// not a folder, Error(runtime) when it cannot be read or holds more than `max_files` files.
[[nodiscard]] std::vector<ScreenFolder> find_screen_folders(const std::filesystem::path& root,
                                                            std::uint64_t max_files);

// Reads at most `max_bytes` of a file; nullopt when it is bigger or cannot be read.
[[nodiscard]] std::optional<std::string> read_bounded(const std::filesystem::path& file,
                                                      std::uint64_t max_bytes);

enum class SignatureCheck { good, missing, bad, foreign_key, no_key, wrong_label };

// Checks a log file's bytes against its signature text by `key` (nullptr: none known): the
// key id first, then the signature, then that the trusted comment names `screen` and the
// file's own name. `detail` gets the key id for foreign keys or the problem in words.
[[nodiscard]] SignatureCheck check_log_signature(std::string_view bytes,
                                                 const std::optional<std::string>& signature_text,
                                                 const PublicKey* key, const std::string& screen,
                                                 const std::string& file_name, std::string& detail);

}  // namespace gatecast::content
