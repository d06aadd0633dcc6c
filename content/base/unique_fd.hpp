#pragma once
// Owning a POSIX file descriptor, and naming what went wrong with one. The store, the sources
// and pack work on descriptors rather than streams: they need O_NOFOLLOW and O_NONBLOCK at
// open, fstat on what was opened (not on a path that may have been swapped since), fsync and
// rename.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

namespace gatecast::content {

// Closes its descriptor when it goes, so that no error path leaks one (a screen runs for
// months). -1 holds nothing.
class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  [[nodiscard]] int get() const { return fd_; }
  // Gives the descriptor up, for a caller that must see close()'s own result (a written file).
  [[nodiscard]] int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

// "<what>: <the system's reason>", from a kept errno value or from errno itself (then call it
// before anything else can change errno).
[[nodiscard]] inline std::string errno_text(const char* what, int error) {
  return std::string(what) + ": " + std::strerror(error);
}
[[nodiscard]] inline std::string errno_text(const char* what) {
  return errno_text(what, errno);
}

}  // namespace gatecast::content
