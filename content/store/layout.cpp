#include "content/store/layout.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>
#include <system_error>

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/base/publish_tree.hpp"
#include "content/base/regular_file.hpp"
#include "content/base/sha256.hpp"
#include "content/base/unique_fd.hpp"

namespace gatecast::content {

namespace {

const std::string& checked_channel(const std::string& channel) {
  if (!is_valid_channel_name(channel))
    fail_runtime(Reason::schema, channel, "is not a valid channel name for the store");
  return channel;
}

const std::string& checked_hash(const std::string& sha256) {
  if (!is_sha256_hex(sha256)) fail_runtime(Reason::schema, sha256, "is not a SHA-256 in hex for the store");
  return sha256;
}

std::string checked_version(std::int64_t version) {
  if (version < 1)
    fail_runtime(Reason::schema, std::to_string(version), "is not a valid version for the store");
  return std::to_string(version);
}

}  // namespace

void create_store_folder(const std::filesystem::path& dir) {
  if (::mkdir(dir.c_str(), 0755) == 0) {
    fsync_directory(dir.parent_path());
    return;
  }
  if (errno != EEXIST) fail_runtime(Reason::io, dir.string(), errno_text("cannot create folder"));
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    fail_runtime(Reason::io, dir.string(), "exists but is not a folder");
  }
}

void remove_store_folder(const std::filesystem::path& dir) {
  std::error_code ec;
  // remove_all does not follow symlinks: a link inside is unlinked, its target untouched.
  std::filesystem::remove_all(dir, ec);
  if (ec) fail_runtime(Reason::io, dir.string(), "cannot remove: " + ec.message());
  fsync_directory(dir.parent_path());
}

StoreLayout::StoreLayout(std::filesystem::path data_dir) : data_dir_(std::move(data_dir)) {}

std::filesystem::path StoreLayout::blob(const std::string& sha256) const {
  return blobs_dir() / checked_hash(sha256);
}

std::filesystem::path StoreLayout::staging_for(const std::string& manifest_sha256) const {
  return staging_dir() / checked_hash(manifest_sha256);
}

std::filesystem::path StoreLayout::channel_dir(const std::string& channel) const {
  return channels_dir() / checked_channel(channel);
}

std::filesystem::path StoreLayout::versions_dir(const std::string& channel) const {
  return channel_dir(channel) / "versions";
}

std::filesystem::path StoreLayout::version_dir(const std::string& channel, std::int64_t version) const {
  return versions_dir(channel) / checked_version(version);
}

std::filesystem::path StoreLayout::version_temp_dir(const std::string& channel, std::int64_t version) const {
  return versions_dir(channel) / (".tmp-" + checked_version(version));
}

std::filesystem::path StoreLayout::current_file(const std::string& channel) const {
  return channel_dir(channel) / "current";
}

std::filesystem::path StoreLayout::record_file(const std::string& channel) const {
  return records_dir() / checked_channel(channel);
}

void create_store_folders(const StoreLayout& layout) {
  create_folders_durably(layout.data_dir());
  for (const auto& dir : {layout.root(), layout.blobs_dir(), layout.staging_dir(), layout.channels_dir(),
                          layout.records_dir()}) {
    create_store_folder(dir);
  }
}

StoreLock::StoreLock(const StoreLayout& layout, bool wait) {
  const std::filesystem::path file = layout.lock_file();
  fd_ = UniqueFd(::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644));
  if (fd_.get() < 0) fail_runtime(Reason::io, file.string(), errno_text("cannot open the store's lock"));
  while (::flock(fd_.get(), wait ? LOCK_EX : LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno == EWOULDBLOCK && !wait) {
      fd_ = UniqueFd();  // not held: held() says so
      return;
    }
    fail_runtime(Reason::io, file.string(), errno_text("cannot lock the store"));
  }
}

std::vector<std::string> list_store_folder(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) {
    if (ec == std::errc::no_such_file_or_directory) return names;
    fail_runtime(Reason::io, dir.string(), "cannot list: " + ec.message());
  }
  for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  if (ec) fail_runtime(Reason::io, dir.string(), "cannot list: " + ec.message());
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<std::string> read_store_file(const std::filesystem::path& file, std::uint64_t max_bytes) {
  // O_NONBLOCK: opening a FIFO left where a store file should be would otherwise wait for a
  // writer for ever (found by fuzz_store_files); it is refused below. Reads of a regular file
  // ignore the flag.
  const UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::nullopt;
    fail_runtime(Reason::io, file.string(), errno_text("cannot open"));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
    fail_runtime(Reason::io, file.string(), "is not a regular file");
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes)
    fail_runtime(Reason::io, file.string(), "is larger than " + std::to_string(max_bytes) + " bytes");
  // One byte past the bound tells a file that grew since fstat.
  BoundedRead read = read_up_to(fd.get(), static_cast<std::size_t>(max_bytes) + 1);
  if (read.error != 0) fail_runtime(Reason::io, file.string(), errno_text("cannot read", read.error));
  if (read.bytes.size() > max_bytes)
    fail_runtime(Reason::io, file.string(), "is larger than " + std::to_string(max_bytes) + " bytes");
  return std::move(read.bytes);
}

}  // namespace gatecast::content
