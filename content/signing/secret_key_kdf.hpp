#pragma once
// minisign's password protection of secret keys ("Sc"): scrypt (libsodium's
// crypto_pwhash_scryptsalsa208sha256) derives a stream from the password and the key file's
// salt, and the stream is XORed over key id || secret key || checksum. The checksum
// (BLAKE2b-256 over "Ed" || key id || secret key) is computed before encryption, so that a
// wrong password is told apart from a right one after decryption.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace gatecast::content {

struct KdfLimits {
  std::uint64_t opslimit = 0;
  std::uint64_t memlimit = 0;
};

// What `minisign -G` writes: OPSLIMIT_SENSITIVE and MEMLIMIT_SENSITIVE (1 GiB of memory).
[[nodiscard]] KdfLimits minisign_kdf_limits();

// Asked for the password only when a key turns out to be encrypted. Returns the password;
// throws Error(usage) when none can be had (no terminal, no file named).
using PasswordSource = std::function<std::string()>;

namespace minisign_format {

// The largest limits a key file may ask for: minisign's own. A file asking for more would
// make gatecast spend unbounded memory or time before it could say "wrong password".
inline constexpr std::uint64_t max_kdf_opslimit = 33554432u;
inline constexpr std::uint64_t max_kdf_memlimit = 1073741824u;
inline constexpr std::size_t max_password_bytes = 1023;  // minisign's PASSWORDMAXBYTES - 1

// XORs `bytes` in place with the scrypt stream of `password` and `salt` at `limits`: both
// encryption and decryption. Error(usage, subject) when the limits are out of range,
// Error(runtime, subject) when the derivation fails (out of memory).
void apply_scrypt_stream(std::string& bytes, std::string_view password, std::string_view salt,
                         const KdfLimits& limits, const std::string& subject);

}  // namespace minisign_format
}  // namespace gatecast::content
