// minisign key files: parsing public keys (config lines and .pub files), reading unencrypted
// secret keys, generating and writing new key pairs.
#include <sodium.h>

#include <algorithm>
#include <cstring>

#include "content/base/atomic_write.hpp"
#include "content/base/base64.hpp"
#include "content/base/error.hpp"
#include "content/signing/minisign.hpp"
#include "content/signing/minisign_format.hpp"
#include "content/signing/secret_key_kdf.hpp"

namespace gatecast::content {

namespace fmt = minisign_format;

namespace {

std::string_view trim_blanks(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

// Splits a key file into its comment line and key line, refusing anything else.
std::string_view key_line_of(std::string_view text, const std::string& subject, const char* what) {
  const std::vector<std::string_view> lines = fmt::split_lines(text);
  if (lines.empty()) fail_usage(Reason::key, subject, "is empty, expected a minisign " + std::string(what));
  if (lines.size() != 2) {
    fail_usage(
        Reason::key, subject,
        "has " + std::to_string(lines.size()) + " lines, expected 2 (untrusted comment, " + what + ")");
  }
  if (lines[0].substr(0, fmt::untrusted_prefix.size()) != fmt::untrusted_prefix) {
    fail_usage(Reason::key, subject, "line 1 does not start with \"untrusted comment: \"");
  }
  if (lines[0].size() > fmt::untrusted_line_max)
    fail_usage(Reason::key, subject, "line 1 (untrusted comment) is too long");
  return lines[1];
}

std::array<unsigned char, 32> blake2b_checksum(const SecretKey& key) {
  std::array<unsigned char, 32> sum{};
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, sum.size());
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(fmt::plain_algorithm.data()),
                            fmt::algorithm_bytes);
  crypto_generichash_update(&state, key.key_id.data(), key.key_id.size());
  crypto_generichash_update(&state, key.key.data(), key.key.size());
  crypto_generichash_final(&state, sum.data(), sum.size());
  return sum;
}

// Where the encrypted part of a secret key record starts: key id || secret key || checksum.
constexpr std::size_t kdf_offset = 3 * fmt::algorithm_bytes;
constexpr std::size_t encrypted_offset = kdf_offset + fmt::salt_bytes + 16;

std::uint64_t load_le64(const std::string& bytes, std::size_t offset) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i)
    v = (v << 8) | static_cast<unsigned char>(bytes[offset + static_cast<std::size_t>(i)]);
  return v;
}

void store_le64(std::string& bytes, std::size_t offset, std::uint64_t v) {
  for (std::size_t i = 0; i < 8; ++i) bytes[offset + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

// Decrypts the key id, secret key and checksum of an "Sc" record in place. The password is
// asked for only here, after the file's form was checked.
void decrypt_record(std::string& record, const std::string& subject, const PasswordSource& password) {
  if (!password) {
    fail_usage(Reason::key, subject,
               "is protected by a password, and no password was given (use a terminal, --password-file "
               "or --password-env)");
  }
  // The password's own problems (no terminal to ask on, an unreadable password file) are about
  // this key: say which one.
  std::string secret;
  try {
    secret = password();
  } catch (const Error& e) {
    throw Error(e.kind(), Reason::key, subject, e.problem());
  }
  const std::string_view salt = std::string_view(record).substr(kdf_offset, fmt::salt_bytes);
  const KdfLimits limits{load_le64(record, kdf_offset + fmt::salt_bytes),
                         load_le64(record, kdf_offset + fmt::salt_bytes + 8)};
  std::string sealed = record.substr(encrypted_offset);
  try {
    fmt::apply_scrypt_stream(sealed, secret, salt, limits, subject);
  } catch (...) {
    fmt::wipe(secret);
    fmt::wipe(sealed);
    throw;
  }
  fmt::wipe(secret);
  record.replace(encrypted_offset, sealed.size(), sealed);
  fmt::wipe(sealed);
}

template <std::size_t N>
void append(std::string& to, const std::array<unsigned char, N>& bytes) {
  to.append(reinterpret_cast<const char*>(bytes.data()), N);
}

}  // namespace

void wipe_secret_key(SecretKey& key) {
  sodium_memzero(key.key.data(), key.key.size());
}

std::string key_id_hex(const std::array<unsigned char, 8>& key_id) {
  // minisign prints the id as a little-endian 64-bit number: last byte first.
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (auto it = key_id.rbegin(); it != key_id.rend(); ++it) {
    out += digits[*it >> 4];
    out += digits[*it & 15];
  }
  return out;
}

PublicKey parse_public_key(std::string_view base64_line, const std::string& subject) {
  const std::string_view line = trim_blanks(base64_line);
  const std::string record =
      fmt::decode_line(line, fmt::public_record_bytes, subject, "public key", Outcome::usage, Reason::key);
  if (std::string_view(record).substr(0, 2) != fmt::plain_algorithm) {
    fail_usage(Reason::key, subject, "is not an Ed25519 minisign public key (it must start with \"RW\")");
  }
  PublicKey key{};
  fmt::copy_out(key.key_id, record, fmt::algorithm_bytes);
  fmt::copy_out(key.key, record, fmt::algorithm_bytes + fmt::key_id_bytes);
  return key;
}

PublicKey parse_public_key_file_text(std::string_view text, const std::string& subject) {
  if (text.size() > fmt::key_file_max)
    fail_usage(Reason::key, subject, "is too large for a minisign public key");
  return parse_public_key(key_line_of(text, subject, "public key"), subject);
}

PublicKey read_public_key_file(const std::filesystem::path& file) {
  return parse_public_key_file_text(fmt::read_key_file(file), file.string());
}

SecretKey read_secret_key_file(const std::filesystem::path& file, const PasswordSource& password) {
  std::string text = fmt::read_key_file(file);
  try {
    const SecretKey key = parse_secret_key_file_text(text, file.string(), password);
    fmt::wipe(text);
    return key;
  } catch (...) {
    fmt::wipe(text);
    throw;
  }
}

SecretKey parse_secret_key_file_text(std::string_view text, const std::string& subject,
                                     const PasswordSource& password) {
  fmt::ensure_sodium();
  if (text.size() > fmt::key_file_max)
    fail_usage(Reason::key, subject, "is too large for a minisign secret key");
  std::string record;
  SecretKey key{};
  try {
    record = fmt::decode_line(key_line_of(text, subject, "secret key"), fmt::secret_record_bytes, subject,
                              "secret key", Outcome::usage, Reason::key);
    const std::string_view view(record);
    if (view.substr(0, 2) != fmt::plain_algorithm)
      fail_usage(Reason::key, subject, "is not an Ed25519 minisign secret key");
    if (view.substr(4, 2) != fmt::checksum_algorithm)
      fail_usage(Reason::key, subject, "has an unknown checksum algorithm");
    const std::string_view kdf = view.substr(2, 2);
    const bool encrypted = kdf == fmt::scrypt_kdf;
    if (!encrypted && kdf != fmt::no_kdf)
      fail_usage(Reason::key, subject, "has an unknown key derivation algorithm");
    std::size_t offset = 3 * fmt::algorithm_bytes + fmt::salt_bytes + 16;
    if (encrypted) decrypt_record(record, subject, password);
    fmt::copy_out(key.key_id, record, offset);
    fmt::copy_out(key.key, record, offset += fmt::key_id_bytes);
    std::array<unsigned char, 32> stored_checksum{};
    fmt::copy_out(stored_checksum, record, offset += fmt::secret_key_bytes);
    fmt::wipe(record);
    // `minisign -G -W` leaves the checksum zero (it is only computed when encrypting); keys
    // made by gatecast or decrypted with `minisign -C -W` carry a real one. A non-zero
    // checksum must match.
    const bool no_checksum = !encrypted && std::all_of(stored_checksum.begin(), stored_checksum.end(),
                                                       [](unsigned char b) { return b == 0; });
    if (!no_checksum && sodium_memcmp(stored_checksum.data(), blake2b_checksum(key).data(), 32) != 0) {
      fail_usage(Reason::key, subject,
                 encrypted ? "wrong password for this key (or the file is damaged)"
                           : "secret key checksum does not match (the file is damaged)");
    }
    // An Ed25519 secret key is seed || public key; recomputing the public half from the seed
    // catches damage that a zero checksum cannot.
    std::array<unsigned char, 32> derived_public{};
    std::array<unsigned char, 64> derived_secret{};
    crypto_sign_seed_keypair(derived_public.data(), derived_secret.data(), key.key.data());
    sodium_memzero(derived_secret.data(), derived_secret.size());
    if (sodium_memcmp(derived_public.data(), key.key.data() + 32, 32) != 0) {
      fail_usage(Reason::key, subject, "secret key is damaged (its public half does not match its seed)");
    }
  } catch (...) {
    fmt::wipe(record);
    sodium_memzero(key.key.data(), key.key.size());
    throw;
  }
  return key;
}

std::string public_key_line(const PublicKey& key) {
  std::string record(fmt::plain_algorithm);
  append(record, key.key_id);
  append(record, key.key);
  return base64_encode(record);
}

std::string public_key_file_text(const PublicKey& key) {
  return std::string(fmt::untrusted_prefix) + "gatecast public key " + key_id_hex(key.key_id) + "\n" +
         public_key_line(key) + "\n";
}

std::string secret_key_file_text(const SecretKey& key) {
  std::string record;
  record.reserve(fmt::secret_record_bytes);
  record += fmt::plain_algorithm;
  record += fmt::no_kdf;
  record += fmt::checksum_algorithm;
  record.append(fmt::salt_bytes + 16, '\0');  // salt, opslimit, memlimit: unused without a KDF
  append(record, key.key_id);
  append(record, key.key);
  append(record, blake2b_checksum(key));
  std::string text = std::string(fmt::untrusted_prefix) + "gatecast secret key " + key_id_hex(key.key_id) +
                     " (unencrypted)\n" + base64_encode(record) + "\n";
  fmt::wipe(record);
  return text;
}

std::string encrypted_secret_key_file_text(const SecretKey& key, std::string_view password,
                                           const KdfLimits& limits) {
  fmt::ensure_sodium();
  std::string record;
  record.reserve(fmt::secret_record_bytes);
  record += fmt::plain_algorithm;
  record += fmt::scrypt_kdf;
  record += fmt::checksum_algorithm;
  std::string salt(fmt::salt_bytes, '\0');
  randombytes_buf(salt.data(), salt.size());
  record += salt;
  record.append(16, '\0');
  store_le64(record, kdf_offset + fmt::salt_bytes, limits.opslimit);
  store_le64(record, kdf_offset + fmt::salt_bytes + 8, limits.memlimit);
  std::string sealed;
  append(sealed, key.key_id);
  append(sealed, key.key);
  append(sealed, blake2b_checksum(key));
  try {
    fmt::apply_scrypt_stream(sealed, password, salt, limits, "new secret key");
  } catch (...) {
    fmt::wipe(sealed);
    throw;
  }
  record += sealed;
  fmt::wipe(sealed);
  std::string text = std::string(fmt::untrusted_prefix) + "gatecast encrypted secret key " +
                     key_id_hex(key.key_id) + "\n" + base64_encode(record) + "\n";
  fmt::wipe(record);
  return text;
}

PublicKey public_key_of(const SecretKey& secret) {
  PublicKey key{};
  key.key_id = secret.key_id;
  std::memcpy(key.key.data(), secret.key.data() + 32, key.key.size());
  return key;
}

KeyPair generate_key_pair() {
  fmt::ensure_sodium();
  KeyPair pair{};
  randombytes_buf(pair.secret_key.key_id.data(), pair.secret_key.key_id.size());
  crypto_sign_keypair(pair.public_key.key.data(), pair.secret_key.key.data());
  pair.public_key.key_id = pair.secret_key.key_id;
  return pair;
}

void write_new_key_pair(const std::filesystem::path& dir, const std::optional<std::string>& password,
                        const KdfLimits& limits) {
  const std::filesystem::path public_file = dir / "gatecast.pub";
  const std::filesystem::path secret_file = dir / "gatecast.key";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) fail_runtime(Reason::io, dir.string(), "cannot create folder: " + ec.message());
  for (const auto& file : {public_file, secret_file}) {
    if (std::filesystem::symlink_status(file, ec).type() != std::filesystem::file_type::not_found) {
      fail_usage(file.string(), "already exists; refusing to overwrite a key");
    }
  }
  KeyPair pair = generate_key_pair();
  std::string secret_text;
  try {
    secret_text = password ? encrypted_secret_key_file_text(pair.secret_key, *password, limits)
                           : secret_key_file_text(pair.secret_key);
  } catch (...) {
    sodium_memzero(pair.secret_key.key.data(), pair.secret_key.key.size());
    throw;
  }
  sodium_memzero(pair.secret_key.key.data(), pair.secret_key.key.size());
  bool created = false;
  try {
    created = create_file_atomically(secret_file, secret_text, 0600);
  } catch (...) {
    fmt::wipe(secret_text);
    throw;
  }
  fmt::wipe(secret_text);
  if (!created) fail_usage(secret_file.string(), "already exists; refusing to overwrite a key");
  try {
    if (!create_file_atomically(public_file, public_key_file_text(pair.public_key), 0644)) {
      fail_usage(public_file.string(), "already exists; refusing to overwrite a key");
    }
  } catch (...) {
    // A secret key without its public half would only confuse; take it back.
    std::filesystem::remove(secret_file, ec);
    throw;
  }
}

}  // namespace gatecast::content
