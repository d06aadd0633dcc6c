#include "content/base/sha256.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>

#include "content/base/error.hpp"
#include "content/base/read_piece.hpp"
#include "content/base/unique_fd.hpp"

namespace gatecast::content {

namespace {

std::string to_hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = digits[bytes[i] >> 4];
    out[2 * i + 1] = digits[bytes[i] & 15];
  }
  return out;
}

}  // namespace

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (ctx_ == nullptr) throw std::bad_alloc();
  if (EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr) != 1) {
    EVP_MD_CTX_free(ctx_);
    throw std::runtime_error("SHA-256 is not available from OpenSSL");
  }
}

Sha256::~Sha256() {
  EVP_MD_CTX_free(ctx_);
}

void Sha256::update(const void* data, std::size_t n) {
  if (finished_) throw std::logic_error("Sha256::update after hex()");
  if (n == 0) return;
  if (EVP_DigestUpdate(ctx_, data, n) != 1) throw std::runtime_error("SHA-256 update failed");
}

std::string Sha256::hex() {
  if (finished_) throw std::logic_error("Sha256::hex called twice");
  finished_ = true;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(ctx_, digest, &length) != 1 || length != 32) {
    throw std::runtime_error("SHA-256 final failed");
  }
  return to_hex(digest, length);
}

std::string sha256_hex(std::string_view bytes) {
  // One fetched algorithm for the process and one context per thread: for short inputs (a
  // play-log line, ~300 bytes) OpenSSL's implicit algorithm lookup under its locks otherwise
  // costs more than the hashing.
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  struct Context {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(ctx); }
  };
  thread_local Context context;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (md == nullptr || context.ctx == nullptr || EVP_DigestInit_ex2(context.ctx, md, nullptr) != 1 ||
      EVP_DigestUpdate(context.ctx, bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(context.ctx, digest, &length) != 1 || length != 32) {
    throw std::runtime_error("SHA-256 is not available from OpenSSL");
  }
  return to_hex(digest, length);
}

std::string sha256_file_hex(const std::filesystem::path& file,
                            const std::function<void(std::uint64_t)>& read) {
  // O_NONBLOCK and the check: a FIFO where a blob should be would otherwise hang the open.
  const UniqueFd in(::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (in.get() < 0) fail_runtime(Reason::io, file.string(), errno_text("cannot open"));
  struct stat st {};
  if (::fstat(in.get(), &st) != 0 || !S_ISREG(st.st_mode))
    fail_runtime(Reason::io, file.string(), "is not a regular file");
  // The kernel may read ahead further for a file we promise to read front to back.
  (void)::posix_fadvise(in.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  return sha256_fd_hex(in.get(), static_cast<std::uint64_t>(st.st_size), file, read);
}

std::string sha256_fd_hex(int fd, std::uint64_t size, const std::filesystem::path& file,
                          const std::function<void(std::uint64_t)>& read) {
  const std::size_t piece = read_piece_for(size);
  const std::unique_ptr<char[]> buffer(new char[piece]);
  Sha256 hash;
  std::uint64_t done = 0;
  for (;;) {
    const ssize_t n = ::read(fd, buffer.get(), piece);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      fail_runtime(Reason::io, file.string(), errno_text("cannot read"));
    }
    hash.update(buffer.get(), static_cast<std::size_t>(n));
    done += static_cast<std::uint64_t>(n);
    if (read) read(done);
  }
  return hash.hex();
}

bool is_sha256_hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace gatecast::content
