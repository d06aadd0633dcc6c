#pragma once
// The file a blob is received into, hashed as its bytes arrive so that nobody reads it back
// to hash it afterwards. A transfer that was cut left bytes on disk: they are hashed once when
// the file is opened again (reading a partial file costs far less than fetching it again, and
// no hash state has to be kept beside it), and the transfer resumes after them. The SHA-256
// it gives is of the file's bytes; whether they are the right ones is the installer's call.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "content/base/sha256.hpp"
#include "content/base/unique_fd.hpp"

namespace gatecast::content {

class PartialBlob {
 public:
  // Opens (or creates) `path` for appending and hashes what it already holds. Throws
  // Error(runtime, path, ...) on I/O failures.
  explicit PartialBlob(std::filesystem::path path);
  PartialBlob(const PartialBlob&) = delete;
  PartialBlob& operator=(const PartialBlob&) = delete;

  // Bytes in the file so far.
  std::uint64_t size() const { return size_; }
  // Appends and hashes `bytes`; false when the disk refuses them (full, I/O error).
  [[nodiscard]] bool append(std::string_view bytes);
  // Empties the file and the hash: the server sends the whole blob again.
  [[nodiscard]] bool restart();
  // Closes the file and returns the SHA-256 of its bytes. Throws Error(runtime) when the
  // close fails (a delayed write error).
  std::string finish();

 private:
  std::filesystem::path path_;
  UniqueFd fd_;
  std::uint64_t size_ = 0;
  std::unique_ptr<Sha256> hash_;  // replaced by restart(): a Sha256 cannot be reset
};

}  // namespace gatecast::content
