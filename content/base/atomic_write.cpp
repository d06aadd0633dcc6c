#include "content/base/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "content/base/error.hpp"
#include "content/base/unique_fd.hpp"

namespace gatecast::content {

namespace {

// Writes all of `bytes` to `fd`, retrying short writes and EINTR. False with errno set on failure.
bool write_all(int fd, std::string_view bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::filesystem::path folder_of(const std::filesystem::path& target) {
  std::filesystem::path dir = target.parent_path();
  return dir.empty() ? std::filesystem::path(".") : dir;
}

}  // namespace

void fsync_directory(const std::filesystem::path& dir) {
  const UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) fail_runtime(Reason::io, dir.string(), errno_text("cannot open folder to sync it"));
  // Some file systems (vfat on a USB stick among them) refuse fsync on a folder; the rename
  // is as durable there as it can be made, so EINVAL is not a failure.
  if (::fsync(fd.get()) != 0 && errno != EINVAL)
    fail_runtime(Reason::io, dir.string(), errno_text("cannot sync folder"));
}

void create_folders_durably(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> missing;
  std::error_code ec;
  for (std::filesystem::path p = dir; !p.empty() && !std::filesystem::exists(p, ec); p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0755) == 0) {
      fsync_directory(folder_of(*it));
    } else if (errno != EEXIST) {  // EEXIST: made meanwhile by another writer, checked below
      fail_runtime(Reason::io, dir.string(), errno_text(("cannot create folder " + it->string()).c_str()));
    }
  }
  if (!std::filesystem::is_directory(dir, ec))
    fail_runtime(Reason::io, dir.string(), "exists but is not a folder");
}

namespace {

// Writes `bytes` to a fresh hidden name beside `target`, with `mode`, fsynced; returns that name.
std::filesystem::path write_temporary_file(const std::filesystem::path& target, std::string_view bytes,
                                           unsigned mode) {
  // The temporary name starts with '.' so that readers listing the folder skip it, and
  // carries the target's name so that a leftover after a crash says what it was.
  std::string name = ".";
  name += target.filename().string();
  name += ".tmp-XXXXXX";
  std::string pattern = (folder_of(target) / name).string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0)
    fail_runtime(Reason::io, target.string(), errno_text("cannot create a temporary file beside it"));
  std::string problem;
  if (!write_all(fd, bytes)) {
    problem = errno_text("cannot write");
  } else if (::fchmod(fd, static_cast<mode_t>(mode)) != 0) {
    problem = errno_text("cannot set permissions");
  } else if (::fsync(fd) != 0) {
    problem = errno_text("cannot sync");
  }
  if (::close(fd) != 0 && problem.empty()) problem = errno_text("cannot close");
  if (!problem.empty()) {
    ::unlink(pattern.c_str());
    fail_runtime(Reason::io, target.string(), problem);
  }
  return pattern;
}

}  // namespace

void write_file_atomically(const std::filesystem::path& target, std::string_view bytes, unsigned mode) {
  const std::filesystem::path temporary = write_temporary_file(target, bytes, mode);
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    const std::string problem = errno_text("cannot rename the new version into place");
    ::unlink(temporary.c_str());
    fail_runtime(Reason::io, target.string(), problem);
  }
  fsync_directory(folder_of(target));
}

bool create_file_atomically(const std::filesystem::path& target, std::string_view bytes, unsigned mode) {
  const std::filesystem::path temporary = write_temporary_file(target, bytes, mode);
  // link() never replaces an existing name, unlike rename(): the check and the creation are
  // one step, so two writers cannot both believe they created the file.
  const int linked = ::link(temporary.c_str(), target.c_str());
  const int link_errno = errno;
  ::unlink(temporary.c_str());
  if (linked != 0) {
    if (link_errno == EEXIST) return false;
    errno = link_errno;
    fail_runtime(Reason::io, target.string(), errno_text("cannot create"));
  }
  fsync_directory(folder_of(target));
  return true;
}

}  // namespace gatecast::content
