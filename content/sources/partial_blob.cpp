#include "content/sources/partial_blob.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "content/base/error.hpp"
#include "content/base/read_piece.hpp"
#include "content/base/unique_fd.hpp"

namespace gatecast::content {

PartialBlob::PartialBlob(std::filesystem::path path)
    : path_(std::move(path)), hash_(std::make_unique<Sha256>()) {
  fd_ = UniqueFd(::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644));
  if (fd_.get() < 0) fail_runtime(Reason::io, path_.string(), errno_text("cannot open for writing"));
  struct stat st {};
  const std::size_t piece =
      ::fstat(fd_.get(), &st) == 0 ? read_piece_for(static_cast<std::uint64_t>(st.st_size)) : kMaxReadPiece;
  const std::unique_ptr<char[]> buffer(new char[piece]);
  for (;;) {
    const ssize_t n = ::pread(fd_.get(), buffer.get(), piece, static_cast<off_t>(size_));
    if (n < 0) {
      if (errno == EINTR) continue;
      fail_runtime(Reason::io, path_.string(), errno_text("cannot read the bytes already fetched"));
    }
    if (n == 0) break;
    hash_->update(buffer.get(), static_cast<std::size_t>(n));
    size_ += static_cast<std::uint64_t>(n);
  }
}

bool PartialBlob::append(std::string_view bytes) {
  hash_->update(bytes.data(), bytes.size());
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_.get(), bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
    size_ += static_cast<std::uint64_t>(n);
  }
  return true;
}

bool PartialBlob::restart() {
  if (::ftruncate(fd_.get(), 0) != 0) return false;
  hash_ = std::make_unique<Sha256>();
  size_ = 0;
  return true;
}

std::string PartialBlob::finish() {
  // close()'s own result is wanted: a write the disk refused late shows here.
  if (::close(fd_.release()) != 0)
    fail_runtime(Reason::io, path_.string(), errno_text("cannot write (disk full?)"));
  return hash_->hex();
}

}  // namespace gatecast::content
