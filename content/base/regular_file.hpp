#pragma once
// Reading a file that an operator or a package names, safely: only a regular file is read
// (a FIFO given as a config path would otherwise block the command for ever, a device could
// be read without end), and never more than a bound.
#include <cstddef>
#include <filesystem>
#include <string>

#include "content/base/error.hpp"

namespace gatecast::content {

// The first `limit + 1` bytes of `file` at most, so that the caller can tell "exactly at the
// limit" from "larger" by the size. Throws Error(`kind`, file, ...) when the file does not
// exist or cannot be opened ("no such file", the system's reason), is not a regular file
// (a folder, a pipe, a device, a socket), or cannot be read. Opening never blocks.
[[nodiscard]] std::string read_regular_file(const std::filesystem::path& file, std::size_t limit,
                                            Outcome kind);

// What read_up_to read: the bytes, and the errno of a read that failed (0 when none did).
struct BoundedRead {
  std::string bytes;
  int error = 0;
};
// Reads an open descriptor from where it stands to its end or to `most` bytes, whichever
// comes first; retries a read interrupted by a signal. The buffer grows with what is read,
// not with `most`, and a file that reports no size (one in /proc) is read whole.
[[nodiscard]] BoundedRead read_up_to(int fd, std::size_t most);

}  // namespace gatecast::content
