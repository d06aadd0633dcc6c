#include "content/base/regular_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "content/base/unique_fd.hpp"

namespace gatecast::content {

std::string read_regular_file(const std::filesystem::path& file, std::size_t limit, Outcome kind) {
  // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
  const UniqueFd in(::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
  if (in.get() < 0) {
    if (errno == ENOENT) throw Error(kind, Reason::not_found, file.string(), "no such file");
    throw Error(kind, Reason::io, file.string(), errno_text("cannot be opened"));
  }
  struct stat st {};
  if (::fstat(in.get(), &st) != 0) throw Error(kind, Reason::io, file.string(), errno_text("cannot be read"));
  if (S_ISDIR(st.st_mode)) throw Error(kind, Reason::io, file.string(), "is a folder, expected a file");
  if (!S_ISREG(st.st_mode))
    throw Error(kind, Reason::io, file.string(), "is not a regular file (a pipe, a device or a socket)");

  BoundedRead read = read_up_to(in.get(), limit + 1);
  if (read.error != 0) throw Error(kind, Reason::io, file.string(), errno_text("cannot be read", read.error));
  return std::move(read.bytes);
}

BoundedRead read_up_to(int fd, std::size_t most) {
  BoundedRead out;
  char buffer[16384];
  while (out.bytes.size() < most) {
    const ssize_t n = ::read(fd, buffer, std::min(sizeof buffer, most - out.bytes.size()));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      out.error = errno;
      break;
    }
    if (n == 0) break;
    out.bytes.append(buffer, static_cast<std::size_t>(n));
  }
  return out;
}

}  // namespace gatecast::content
