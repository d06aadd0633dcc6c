#pragma once
// Ed25519 signatures in minisign's formats (https://jedisct1.github.io/minisign/), so the
// office can sign and check with the standard minisign tool or with gatecast alike.
//
// Public key file:  "untrusted comment: ...\n" + base64("Ed" || key_id[8] || pk[32])
// Secret key file:  "untrusted comment: ...\n" + base64("Ed" || kdf[2] || "B2" || salt[32] ||
//                   opslimit[8] || memlimit[8] || key_id[8] || sk[64] || blake2b-256 checksum[32])
// Signature file:   "untrusted comment: ...\n" + base64(alg[2] || key_id[8] || sig[64]) + "\n" +
//                   "trusted comment: <text>\n" + base64(global_sig[64]) + "\n"
// alg "ED" signs BLAKE2b-512(message) (minisign's default), "Ed" the raw message; the global
// signature covers sig[64] || <text>.
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/signing/secret_key_kdf.hpp"

namespace gatecast::content {

struct PublicKey {
  std::array<unsigned char, 8> key_id;  // as stored (little-endian); shown reversed in hex
  std::array<unsigned char, 32> key;
};

struct SecretKey {
  std::array<unsigned char, 8> key_id;
  std::array<unsigned char, 64> key;  // libsodium's Ed25519 secret key (seed || public key)
};

// Overwrites the secret half with zeros (not optimised away), once a key is no longer needed.
void wipe_secret_key(SecretKey& key);

// The key id as minisign prints it (16 uppercase hex digits, most significant byte first).
[[nodiscard]] std::string key_id_hex(const std::array<unsigned char, 8>& key_id);

// Parses the base64 line of a .pub file ("RWQ..."), e.g. one entry of the config's
// trusted_keys. Surrounding spaces are ignored. Throws Error(usage, subject, ...).
[[nodiscard]] PublicKey parse_public_key(std::string_view base64_line, const std::string& subject);

// Reads a minisign .pub file (untrusted comment line + key line). Throws Error(runtime) when
// it cannot be read, Error(usage) when it is not a public key.
[[nodiscard]] PublicKey read_public_key_file(const std::filesystem::path& file);

// Reads a minisign secret key, unencrypted (KDF "\0\0", as `minisign -G -W` and
// `gatecast keygen --no-password` write) or password-protected (KDF "Sc", as `minisign -G`
// and `gatecast keygen` write; `password` is called only then), and checks its checksum.
// Throws Error(runtime) when it cannot be read, Error(usage) when it is not a usable key
// (encrypted without a password source, wrong password, damaged, wrong format).
[[nodiscard]] SecretKey read_secret_key_file(const std::filesystem::path& file,
                                             const PasswordSource& password = {});

// The same two checks on a key file's text already in memory (`subject` names it in errors).
[[nodiscard]] PublicKey parse_public_key_file_text(std::string_view text, const std::string& subject);
[[nodiscard]] SecretKey parse_secret_key_file_text(std::string_view text, const std::string& subject,
                                                   const PasswordSource& password = {});

// The base64 line of a public key (what goes into trusted_keys).
[[nodiscard]] std::string public_key_line(const PublicKey&);

// The text of .pub and .key files for a key pair.
[[nodiscard]] std::string public_key_file_text(const PublicKey&);
[[nodiscard]] std::string secret_key_file_text(const SecretKey&);
// The same secret key protected by `password` as `minisign -G` does (scrypt at `limits`, a
// fresh random salt). Error(usage) for limits outside minisign's range.
[[nodiscard]] std::string encrypted_secret_key_file_text(const SecretKey&, std::string_view password,
                                                         const KdfLimits& limits = minisign_kdf_limits());

// The public half of a secret key (libsodium's secret key carries it).
[[nodiscard]] PublicKey public_key_of(const SecretKey&);

// A fresh random key pair.
struct KeyPair {
  PublicKey public_key;
  SecretKey secret_key;
};
[[nodiscard]] KeyPair generate_key_pair();

// Writes DIR/gatecast.pub (0644) and DIR/gatecast.key (0600), creating DIR: the secret key
// encrypted with `password` at `limits`, or unencrypted when there is no password. Refuses
// (Error(usage)) when either file exists; Error(runtime) on I/O failure.
void write_new_key_pair(const std::filesystem::path& dir,
                        const std::optional<std::string>& password = std::nullopt,
                        const KdfLimits& limits = minisign_kdf_limits());

// The .minisig text of `message`, prehashed ("ED", minisign's default). `trusted_comment`
// must be one line (no '\n' or '\r'); throws Error(usage) otherwise.
[[nodiscard]] std::string sign_message(std::string_view message, const SecretKey&,
                                       std::string_view trusted_comment);

// A .minisig file's fields, checked for form only (nothing about keys or the message yet).
struct Signature {
  std::array<unsigned char, 2> algorithm;  // "Ed" or "ED"
  std::array<unsigned char, 8> key_id;
  std::array<unsigned char, 64> signature;
  std::string trusted_comment;  // without its "trusted comment: " prefix
  std::array<unsigned char, 64> global_signature;

  [[nodiscard]] bool prehashed() const { return algorithm[1] == 'D'; }
};

// Parses a .minisig text strictly, like minisign's sig_load and stricter: at most 16 KiB,
// exactly four lines (an optional final newline, "\r\n" accepted), each checked for length,
// prefix and alphabet; exact decoded sizes; algorithm Ed or ED; a trusted comment without
// control characters. Throws Error(rejected, subject, problem) in one line of plain words.
[[nodiscard]] Signature parse_signature(std::string_view signature_text, const std::string& subject);

// Checks a .minisig text over `message`: every line's length, prefix and alphabet first,
// algorithm Ed or ED, key id among `trusted` (a mismatch has its own message), the signature,
// then the global signature over signature + trusted comment. Throws
// Error(Outcome::rejected, subject, problem). Returns the trusted comment text.
std::string verify_message(std::string_view message, std::string_view signature_text,
                           const std::vector<PublicKey>& trusted, const std::string& subject);

// verify_message, also saying which of `trusted` made the signature (its index).
struct VerifiedSignature {
  std::size_t signer = 0;
  std::string trusted_comment;
};
[[nodiscard]] VerifiedSignature verify_signature(std::string_view message, std::string_view signature_text,
                                                 const std::vector<PublicKey>& trusted,
                                                 const std::string& subject);

}  // namespace gatecast::content
