#pragma once
// Internals shared by minisign_keys.cpp and minisign_signature.cpp: sizes of minisign's
// binary records, line splitting, and libsodium set-up. Not for use outside the minisign files.
#include <array>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "content/base/error.hpp"

namespace gatecast::content::minisign_format {

// Binary record layouts (all little-endian, as minisign's structs are written).
inline constexpr std::size_t algorithm_bytes = 2;
inline constexpr std::size_t key_id_bytes = 8;
inline constexpr std::size_t public_key_bytes = 32;
inline constexpr std::size_t secret_key_bytes = 64;
inline constexpr std::size_t signature_bytes = 64;
inline constexpr std::size_t checksum_bytes = 32;
inline constexpr std::size_t salt_bytes = 32;
inline constexpr std::size_t public_record_bytes = algorithm_bytes + key_id_bytes + public_key_bytes;    // 42
inline constexpr std::size_t signature_record_bytes = algorithm_bytes + key_id_bytes + signature_bytes;  // 74
// sig_alg, kdf_alg, chk_alg, salt, opslimit, memlimit, key id, secret key, checksum: 158.
inline constexpr std::size_t secret_record_bytes =
    3 * algorithm_bytes + salt_bytes + 8 + 8 + key_id_bytes + secret_key_bytes + checksum_bytes;

// Base64 lengths of those records: exact, so a line's length is checked before its content.
constexpr std::size_t base64_length(std::size_t bytes) {
  return (bytes + 2) / 3 * 4;
}

inline constexpr std::string_view untrusted_prefix = "untrusted comment: ";
inline constexpr std::string_view trusted_prefix = "trusted comment: ";
inline constexpr std::string_view plain_algorithm = "Ed";   // Ed25519 over the message
inline constexpr std::string_view hashed_algorithm = "ED";  // Ed25519 over BLAKE2b-512(message)
inline constexpr std::string_view checksum_algorithm = "B2";
inline constexpr std::string_view scrypt_kdf = "Sc";
inline constexpr std::string_view no_kdf{"\0\0", 2};

// minisign reads comment lines with fgets into 1024- and 8192-byte buffers; a longer line
// would not survive a round trip through it, so gatecast refuses it too.
inline constexpr std::size_t untrusted_line_max = 1023;
inline constexpr std::size_t trusted_line_max = 8191;
inline constexpr std::size_t key_file_max = 4096;

// Calls sodium_init() once per process; throws std::runtime_error if libsodium cannot start.
void ensure_sodium();

// Decodes a base64 line whose record size is known: first its exact length, then the
// alphabet, then the decoded size. Error(kind, reason, subject, "<what> has N characters,
// expected M" and the like) otherwise.
[[nodiscard]] std::string decode_line(std::string_view line, std::size_t record_bytes,
                                      const std::string& subject, const char* what, Outcome kind,
                                      Reason reason);

// Copies N bytes of `from` at `offset` into `to`; the caller has checked the size.
template <std::size_t N>
void copy_out(std::array<unsigned char, N>& to, const std::string& from, std::size_t offset) {
  std::memcpy(to.data(), from.data() + offset, N);
}

// Splits text into lines. '\n' ends a line; one '\r' before it is dropped (a file saved on
// Windows); the last line need not end in '\n'. "a\nb\n" is {"a", "b"}; "a\n\n" is {"a", ""}.
[[nodiscard]] std::vector<std::string_view> split_lines(std::string_view text);

// True when `s` has a byte below 0x20 other than tab, or DEL: such a comment could print
// differently from what was signed, or be cut short by minisign's line reader.
[[nodiscard]] bool has_control_character(std::string_view s);

// Reads a file of at most `limit` bytes. Error(runtime, not_found or io) when it cannot be
// read, Error(too_large, limit, file, "is larger than <limit> bytes<why>") when it is larger; never reads
// more than limit + 1 bytes.
[[nodiscard]] std::string read_bounded(const std::filesystem::path& file, std::size_t limit,
                                       Outcome too_large, const std::string& why);

// A key file: read_bounded(file, key_file_max, usage, ...).
[[nodiscard]] std::string read_key_file(const std::filesystem::path& file);

// Overwrites `s` with zeros (not optimised away), for decoded secret key material.
void wipe(std::string& s);

}  // namespace gatecast::content::minisign_format
