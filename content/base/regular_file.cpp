#include "content/base/regular_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
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

  // Sized by the file, not by the limit: a 2 kB config must not cost a zeroed megabyte. One
  // byte more than the size tells a file that grew since fstat; a file that reports no size
  // (one in /proc) grows the buffer as it is read.
  const std::size_t most = limit + 1;
  std::string bytes(
      static_cast<std::size_t>(std::min<std::uint64_t>(most, static_cast<std::uint64_t>(st.st_size) + 1)),
      '\0');
  std::size_t have = 0;
  for (;;) {
    if (have == bytes.size()) {
      if (have == most) break;
      bytes.resize(std::min(most, std::max<std::size_t>(have * 2, 4096)));
    }
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
