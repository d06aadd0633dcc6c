#include "content/reports/playlog.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <system_error>

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/base/json_reader.hpp"
#include "content/base/rfc3339.hpp"
#include "content/base/sha256.hpp"

namespace gatecast::content {
namespace {

constexpr std::size_t kMaxLineBytes = 64u << 10;
constexpr std::size_t kMaxAssetsPerRecord = 512;
constexpr std::size_t kMaxNameBytes = 256;
constexpr std::size_t kMaxQueuedRecords = 10000;  // ~3 days of slides while the disk refuses
constexpr std::uintmax_t kTailBytes = 64u << 10;  // enough to find a file's last sequence
constexpr auto kRetryAfterFailure = std::chrono::seconds(5);

std::string utc_day(Instant t) {
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

bool is_day_file_name(const std::string& name) {
  // YYYY-MM-DD.jsonl
  if (name.size() != 16 || name.substr(10) != ".jsonl" || name[4] != '-' || name[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (name[static_cast<std::size_t>(i)] < '0' || name[static_cast<std::size_t>(i)] > '9') return false;
  }
  return true;
}

std::string new_log_id() {
  std::random_device rd;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08x%08x", rd(), rd());
  return buf;
}

bool is_log_id(const std::string& s) {
  return s.size() == 16 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// The log id kept in <folder>/id; made (and made durable) the first time.
std::string load_or_make_log_id(const std::filesystem::path& folder) {
  std::ifstream in(folder / "id");
  std::string id;
  std::getline(in, id);
  if (is_log_id(id)) return id;
  id = new_log_id();
  write_file_atomically(folder / "id", id + "\n");
  return id;
}

struct LastRecord {
  std::uint64_t sequence = 0;
  std::string link;  // record_link of that record's line
};

// The record with the highest sequence among the complete lines at the end of `file`.
LastRecord last_record_in(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return {};
  const auto from = size > kTailBytes ? size - kTailBytes : 0;
  in.seekg(static_cast<std::streamoff>(from));
  std::string line;
  if (from > 0) std::getline(in, line);  // most likely cut in the middle
  LastRecord last;
  LoggedPlay p;
  while (std::getline(in, line)) {
    if (in.eof()) break;  // no newline: torn by a power cut, never a link of the chain
    if (parse_play_record_line(line, p) && p.sequence > last.sequence) last = {p.sequence, record_link(line)};
  }
  return last;
}

bool is_hex_link(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// True when the file is empty or ends with a newline (a power cut can leave half a line).
// `fd` must be open for reading too.
bool ends_with_newline(int fd) {
  const off_t size = ::lseek(fd, 0, SEEK_END);
  if (size <= 0) return true;
  char last = 0;
  return ::pread(fd, &last, 1, size - 1) == 1 && last == '\n';
}

bool bounded_name(const std::string& s) {
  return !s.empty() && s.size() <= kMaxNameBytes;
}

}  // namespace

std::string record_link(std::string_view line) {
  return sha256_hex(line);
}

std::string play_record_line(const std::string& id, std::uint64_t sequence, const PlayRecord& play,
                             const std::string& prev) {
  nlohmann::json j;
  if (play.kind == RecordKind::install) {
    j = {{"id", id},
         {"seq", sequence},
         {"kind", "install"},
         {"screen", play.screen},
         {"channel", play.channel},
         {"version", play.version},
         {"source", play.source},
         {"key_id", play.key_id},
         {"at", format_rfc3339(play.start)}};
  } else if (play.kind == RecordKind::bench) {
    j = {{"id", id},
         {"seq", sequence},
         {"kind", "bench"},
         {"screen", play.screen},
         {"channel", play.channel},
         {"version", play.version},
         {"playlist", play.playlist},
         {"slide", play.slide_index},
         {"assets", play.assets},
         {"at", format_rfc3339(play.start)}};
  } else {
    j = {{"id", id},
         {"seq", sequence},
         {"screen", play.screen},
         {"channel", play.channel},
         {"version", play.version},
         {"playlist", play.playlist},
         {"slide", play.slide_index},
         {"assets", play.assets},
         {"start", format_rfc3339(play.start)},
         {"end", format_rfc3339(play.end)}};
  }
  if (!prev.empty()) j["prev"] = prev;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool parse_play_record_line(const std::string& line, LoggedPlay& out) {
  if (line.empty() || line.size() > kMaxLineBytes || line.front() != '{') return false;
  try {
    JsonLimits limits;
    limits.max_bytes = kMaxLineBytes;
    limits.max_depth = 3;
    limits.max_string_bytes = kMaxNameBytes * 2;
    const nlohmann::json j = parse_json(line, "play log", limits);
    ObjectReader r(j, "", "play log");
    out.id = r.string("id");
    out.sequence = static_cast<std::uint64_t>(r.integer("seq", 1, INT64_MAX));
    out.prev.clear();
    if (const nlohmann::json* prev = r.optional("prev")) {
      if (!prev->is_string() || !is_hex_link(prev->get<std::string>())) return false;
      out.prev = prev->get<std::string>();
    }
    out.play.kind = RecordKind::play;
    if (const nlohmann::json* kind = r.optional("kind")) {
      if (*kind == "install") {
        out.play.kind = RecordKind::install;
      } else if (*kind == "bench") {
        out.play.kind = RecordKind::bench;
      } else {
        return false;
      }
    }
    for (auto [key, field] : {std::pair{"screen", &out.play.screen}, {"channel", &out.play.channel}}) {
      const nlohmann::json& v = r.required(key);  // may be empty: a player without a screen id
      if (!v.is_string()) return false;
      *field = v.get<std::string>();
    }
    out.play.version = r.integer("version", 0, INT64_MAX);
    if (out.play.kind == RecordKind::install) {
      out.play.source = r.string("source");
      out.play.key_id = r.required("key_id").is_string() ? r.required("key_id").get<std::string>() : "-";
      out.play.start = out.play.end = parse_rfc3339(r.string("at"), "play log");
      out.play.playlist.clear();
      out.play.slide_index = 0;
      out.play.assets.clear();
      r.finish();
      const bool known_source = out.play.source == "server" || out.play.source == "usb";
      const bool key_ok = out.play.key_id.size() <= 16 &&
                          std::all_of(out.play.key_id.begin(), out.play.key_id.end(), [](char c) {
                            return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
                          });
      const std::string suffix = "-" + std::to_string(out.sequence);
      return known_source && key_ok && out.id.size() > suffix.size() && out.id.ends_with(suffix) &&
             out.id.size() <= 64 && out.play.screen.size() <= kMaxNameBytes && bounded_name(out.play.channel);
    }
    out.play.source.clear();
    out.play.key_id.clear();
    out.play.playlist = r.string("playlist");
    out.play.slide_index = static_cast<int>(r.integer("slide", 0, 100000));
    const nlohmann::json& assets = r.required("assets");
    if (!assets.is_array() || assets.size() > kMaxAssetsPerRecord) return false;
    out.play.assets.clear();
    for (const auto& a : assets) {
      if (!a.is_string() || !bounded_name(a.get<std::string>())) return false;
      out.play.assets.push_back(a.get<std::string>());
    }
    if (out.play.kind == RecordKind::bench) {
      out.play.start = out.play.end = parse_rfc3339(r.string("at"), "play log");
    } else {
      out.play.start = parse_rfc3339(r.string("start"), "play log");
      out.play.end = parse_rfc3339(r.string("end"), "play log");
    }
    r.finish();
  } catch (const std::exception&) {  // Error for what the reader refuses; anything else too
    return false;
  }
  const std::string suffix = "-" + std::to_string(out.sequence);
  const bool id_matches = out.id.size() > suffix.size() && out.id.ends_with(suffix) && out.id.size() <= 64;
  // screen and channel may be empty (a player without a screen id, the demo); never too long.
  return id_matches && out.play.end >= out.play.start && out.play.screen.size() <= kMaxNameBytes &&
         out.play.channel.size() <= kMaxNameBytes && bounded_name(out.play.playlist);
}

std::vector<std::filesystem::path> play_log_files(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && is_day_file_name(it->path().filename().string()))
      files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());  // YYYY-MM-DD sorts by date
  return files;
}

std::unique_ptr<PlayLog> PlayLog::open(const std::filesystem::path& data_dir, PlayLogLimits limits) {
  return std::make_unique<PlayLog>(data_dir / "playlog", limits);
}

PlayLog::PlayLog(const std::filesystem::path& folder, PlayLogLimits limits)
    : folder_(folder), limits_(limits) {
  std::error_code ec;
  std::filesystem::create_directories(folder_, ec);
  if (ec) fail_runtime(Reason::io, folder_.string(), "cannot create the play log folder: " + ec.message());
  log_id_ = load_or_make_log_id(folder_);
  LastRecord last;
  for (const auto& file : play_log_files(folder_)) {
    LastRecord in_file = last_record_in(file);
    if (in_file.sequence > last.sequence) last = std::move(in_file);
  }
  next_sequence_ = last.sequence + 1;
  written_through_ = last.sequence;
  last_link_ = last.sequence > 0 ? last.link : first_record_prev;
  writer_ = std::thread([this] { writer_loop(); });
}

PlayLog::~PlayLog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  writer_.join();
}

std::uint64_t PlayLog::record(const PlayRecord& play) {
  std::uint64_t sequence;
  {
    std::lock_guard lock(mutex_);
    sequence = next_sequence_++;
    queue_.push_back({sequence, play});
    if (queue_.size() > kMaxQueuedRecords) {  // the disk has refused for days: keep the newest
      queue_.pop_front();
      ++dropped_;
    }
  }
  wake_.notify_all();
  return sequence;
}

void PlayLog::flush() {
  std::unique_lock lock(mutex_);
  const std::uint64_t target = next_sequence_ - 1;
  const std::uint64_t failures_before = failed_writes_;
  drained_.wait(lock, [&] { return written_through_ >= target || failed_writes_ != failures_before; });
}

std::uint64_t PlayLog::failed_writes() const {
  std::lock_guard lock(mutex_);
  return failed_writes_;
}

std::uint64_t PlayLog::dropped_records() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

void PlayLog::writer_loop() {
  std::unique_lock lock(mutex_);
  bool last_failed = false;
  for (;;) {
    if (last_failed && !stopping_) {
      wake_.wait_for(lock, kRetryAfterFailure, [&] { return stopping_; });
    } else {
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    }
    if (queue_.empty()) {
      if (stopping_) return;
      continue;
    }
    const Pending next = queue_.front();
    lock.unlock();
    bool ok = true;
    try {
      write_one(next);
    } catch (const std::exception&) {
      ok = false;
    }
    lock.lock();
    if (ok || stopping_) {  // at the end, one last attempt per record, then give up
      if (!queue_.empty() && queue_.front().sequence == next.sequence) queue_.pop_front();
      written_through_ = std::max(written_through_, next.sequence);
    }
    if (!ok) ++failed_writes_;
    last_failed = !ok;
    drained_.notify_all();
  }
}

void PlayLog::write_one(const Pending& p) {
  const auto file = folder_ / (utc_day(p.play.start) + ".jsonl");
  const std::string line =
      play_record_line(log_id_ + "-" + std::to_string(p.sequence), p.sequence, p.play, last_link_);
  const bool is_new = !std::filesystem::exists(file);
  const int fd = ::open(file.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) fail_runtime(Reason::io, file.string(), "cannot open the play log");
  const off_t size = ::lseek(fd, 0, SEEK_END);
  if (size >= 0 && static_cast<std::uint64_t>(size) + line.size() + 2 > limits_.max_day_bytes) {
    ::close(fd);
    std::lock_guard lock(mutex_);
    ++dropped_;
    return;
  }
  const std::string bytes = (ends_with_newline(fd) ? "" : "\n") + line + "\n";
  const bool ok = write_all(fd, bytes) && ::fdatasync(fd) == 0;
  ::close(fd);
  if (!ok) fail_runtime(Reason::io, file.string(), "cannot write the play log");
  last_link_ = record_link(line);
  if (is_new) {
    fsync_directory(folder_);
    enforce_total_bound();
  }
}

void PlayLog::enforce_total_bound() {
  auto files = play_log_files(folder_);
  std::uintmax_t total = 0;
  std::error_code ec;
  for (const auto& f : files) total += std::filesystem::file_size(f, ec);
  // The newest file always stays: it holds the highest sequence.
  for (std::size_t i = 0; i + 1 < files.size() && total > limits_.max_total_bytes; ++i) {
    const auto n = std::filesystem::file_size(files[i], ec);
    if (std::filesystem::remove(files[i], ec)) total -= n;
  }
}

}  // namespace gatecast::content
