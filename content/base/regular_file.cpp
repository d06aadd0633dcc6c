#include "content/base/regular_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "content/base/unique_fd.hpp"

namespace gatecast::content {

std::string read_regular_file(const std::filesystem::path& file, std::size_t limit, Outcome kind) {
  // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
  const UniqueFd in(::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
  if (in.get() < 0) {
    if (errno == ENOENT) throw Error(kind, Reason::not_found, file.string(), "no such file");
    throw Error(kind, Reason::io, file.string(), std::string("cannot be opened: ") + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(in.get(), &st) != 0)
    throw Error(kind, Reason::io, file.string(), std::string("cannot be read: ") + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw Error(kind, Reason::io, file.string(), "is a folder, expected a file");
  if (!S_ISREG(st.st_mode))
    throw Error(kind, Reason::io, file.string(), "is not a regular file (a pipe, a device or a socket)");

  std::string bytes(limit + 1, '\0');
  std::size_t have = 0;
  while (have < bytes.size()) {
    const ssize_t n = ::read(in.get(), bytes.data() + have, bytes.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      throw Error(kind, Reason::io, file.string(), std::string("cannot be read: ") + std::strerror(errno));
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  bytes.resize(have);
  return bytes;
}

}  // namespace gatecast::content
