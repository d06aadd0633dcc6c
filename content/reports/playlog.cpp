#include "content/reports/playlog.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <system_error>

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/base/path_exists.hpp"

namespace gatecast::content {
namespace {

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

}  // namespace

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
  create_folders_durably(folder_);  // the records synced in it are only as durable as its name
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
  const bool is_new = !path_exists(file);
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
