#pragma once
// The buffer size for reading a file front to back in pieces.
#include <cstddef>
#include <cstdint>

namespace gatecast::content {

// Pieces of at most 1 MiB keep memory constant for a file of any size, and are large enough
// that the per-read cost vanishes next to hashing (openssl dgst reads 8 KiB; 1 MiB keeps
// syscalls and page-cache copies well under 1% of the time).
inline constexpr std::size_t kMaxReadPiece = std::size_t{1} << 20;

// The piece for a file expected to hold `size` bytes: the file itself when it is smaller than
// 1 MiB (at least a page). A megabyte is a mapping of its own in most allocators, so a 3 kB
// blob read through a 1 MiB buffer paid for an mmap, its page faults and an munmap.
[[nodiscard]] constexpr std::size_t read_piece_for(std::uint64_t size) {
  constexpr std::uint64_t kPage = 4096;
  if (size < kPage) return static_cast<std::size_t>(kPage);
  return size < kMaxReadPiece ? static_cast<std::size_t>(size) : kMaxReadPiece;
}

}  // namespace gatecast::content
