#pragma once
// SHA-256 for blob names and blob checks, on OpenSSL's EVP (its assembly is several times
// faster than a portable C version, and the screen checks every byte it installs).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header (libcrypto is private)

namespace gatecast::content {

// An incremental hash. One object per thread; not copyable. hex() finishes the hash: after
// it, update() and hex() throw std::logic_error.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(const void* data, std::size_t n);
  // The digest as 64 lowercase hex digits.
  [[nodiscard]] std::string hex();

 private:
  evp_md_ctx_st* ctx_;
  bool finished_ = false;
};

// The digest of `bytes` as 64 lowercase hex digits.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

// The digest of a file's bytes, read in pieces of at most 1 MiB (constant memory). Throws
// Error(runtime, file, ...) when the file cannot be opened, is not a regular file, or cannot
// be read. `read`, when given, is told the bytes hashed so far after each piece (a progress
// line).
[[nodiscard]] std::string sha256_file_hex(const std::filesystem::path& file,
                                          const std::function<void(std::uint64_t)>& read = {});

// The same for a file the caller already opened and checked, from its offset to its end:
// hashing the descriptor that was checked, rather than opening the path again, leaves no gap
// in which the file can be swapped. `size` (from fstat) only sizes the read buffer; `file`
// names it in errors.
[[nodiscard]] std::string sha256_fd_hex(int fd, std::uint64_t size, const std::filesystem::path& file,
                                        const std::function<void(std::uint64_t)>& read = {});

// True when `s` is exactly 64 lowercase hex digits: the only form a blob name may take.
[[nodiscard]] bool is_sha256_hex(std::string_view s);

}  // namespace gatecast::content
