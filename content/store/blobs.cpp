#include "content/store/blobs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <system_error>

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/base/sha256.hpp"
#include "content/base/unique_fd.hpp"

namespace gatecast::content {

namespace {

void remove_quietly(const std::filesystem::path& file) {
  std::error_code ignored;
  std::filesystem::remove(file, ignored);
}

}  // namespace

bool blob_present(const StoreLayout& layout, const BlobRef& blob) {
  struct stat st {};
  if (::lstat(layout.blob(blob.sha256).c_str(), &st) != 0) return false;
  return S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) == blob.size;
}

void verify_staged_blob(const std::filesystem::path& partial, const BlobRef& blob, const std::string& subject,
                        const std::string& received_sha256) {
  const UniqueFd f(
      ::open(partial.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));  // a FIFO: refused below
  if (f.get() < 0) fail_runtime(Reason::io, partial.string(), errno_text("cannot open the fetched blob"));
  struct stat st {};
  if (::fstat(f.get(), &st) != 0)
    fail_runtime(Reason::io, partial.string(), errno_text("cannot stat the fetched blob"));
  if (!S_ISREG(st.st_mode)) {
    remove_quietly(partial);
    fail_rejected(Reason::schema, subject, "the fetched blob is not a regular file");
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size != blob.size) {
    remove_quietly(partial);
    fail_rejected(
        Reason::hash, subject,
        "blob has " + std::to_string(size) + " bytes, the manifest says " + std::to_string(blob.size));
  }
  const std::string actual =
      received_sha256.empty() ? sha256_fd_hex(f.get(), size, partial) : received_sha256;
  if (actual != blob.sha256) {
    remove_quietly(partial);
    fail_rejected(Reason::hash, subject,
                  "blob's SHA-256 is " + actual + ", the manifest says " + blob.sha256);
  }
  // Durable before anything can name it: the version folder only refers to synced blobs.
  if (::fsync(f.get()) != 0) fail_runtime(Reason::io, partial.string(), errno_text("cannot sync"));
  const std::filesystem::path verified = partial.parent_path() / blob.sha256;
  if (::rename(partial.c_str(), verified.c_str()) != 0) {
    fail_runtime(Reason::io, partial.string(), errno_text("cannot rename the verified blob"));
  }
}

void admit_staged_blobs(const StoreLayout& layout, const std::filesystem::path& staging,
                        const std::vector<BlobRef>& blobs) {
  bool moved = false;
  for (const BlobRef& blob : blobs) {
    const std::filesystem::path staged = staging / blob.sha256;
    if (blob_present(layout, blob)) {
      remove_quietly(staged);
      continue;
    }
    const std::filesystem::path target = layout.blob(blob.sha256);
    if (::rename(staged.c_str(), target.c_str()) != 0) {
      fail_runtime(Reason::io, staged.string(), errno_text("cannot move the verified blob into the store"));
    }
    moved = true;
  }
  if (moved) fsync_directory(layout.blobs_dir());
  fsync_directory(staging);
}

std::vector<std::string> list_blobs(const StoreLayout& layout) {
  std::vector<std::string> names = list_store_folder(layout.blobs_dir());
  std::erase_if(names, [](const std::string& name) { return !is_sha256_hex(name); });
  return names;
}

std::string format_blob_list(const std::vector<BlobRef>& blobs) {
  std::vector<BlobRef> sorted = blobs;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::string text;
  for (const BlobRef& b : sorted) text += b.sha256 + " " + std::to_string(b.size) + "\n";
  return text;
}

std::vector<BlobRef> parse_blob_list(const std::string& text, const std::string& subject) {
  std::vector<BlobRef> blobs;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) fail_runtime(Reason::io, subject, "blob list does not end with a newline");
    const std::string_view line(text.data() + pos, end - pos);
    const std::size_t space = line.find(' ');
    BlobRef blob;
    if (space == std::string_view::npos || !is_sha256_hex(line.substr(0, space))) {
      fail_runtime(Reason::io, subject, "blob list line " + std::to_string(blobs.size() + 1) + " is damaged");
    }
    blob.sha256 = std::string(line.substr(0, space));
    const std::string_view size = line.substr(space + 1);
    const auto [ptr, ec] = std::from_chars(size.data(), size.data() + size.size(), blob.size);
    if (ec != std::errc() || ptr != size.data() + size.size() || size.empty()) {
      fail_runtime(Reason::io, subject,
                   "blob list line " + std::to_string(blobs.size() + 1) + " has a damaged size");
    }
    blobs.push_back(std::move(blob));
    pos = end + 1;
  }
  return blobs;
}

}  // namespace gatecast::content
