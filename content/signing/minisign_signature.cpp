// minisign signatures: parsing .minisig text, checking it against trusted keys, and signing.
#include <sodium.h>

#include <cstring>

#include "content/base/base64.hpp"
#include "content/base/error.hpp"
#include "content/signing/minisign.hpp"
#include "content/signing/minisign_format.hpp"

namespace gatecast::content {

namespace fmt = minisign_format;

namespace {

// Three lines of comment and two of base64 can never need more; refusing early bounds the
// work an attacker can ask for.
constexpr std::size_t signature_file_max = 16 * 1024;

constexpr std::size_t prehash_bytes = crypto_generichash_BYTES_MAX;  // BLAKE2b-512

std::string printable_algorithm(std::string_view alg) {
  std::string out;
  for (const char c : alg) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x21 && b < 0x7f) {
      out += c;
    } else {
      static constexpr char digits[] = "0123456789abcdef";
      out += "\\x";
      out += digits[b >> 4];
      out += digits[b & 15];
    }
  }
  return out;
}

std::string signed_comment(const std::array<unsigned char, 64>& signature, std::string_view comment) {
  std::string bytes(reinterpret_cast<const char*>(signature.data()), signature.size());
  bytes += comment;
  return bytes;
}

// What Ed25519 signs for each algorithm: the message itself, or its BLAKE2b-512 digest.
std::string signed_message(std::string_view message, bool prehashed) {
  if (!prehashed) return std::string(message);
  std::string digest(prehash_bytes, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(digest.data()), digest.size(),
                     reinterpret_cast<const unsigned char*>(message.data()), message.size(), nullptr, 0);
  return digest;
}

bool ed25519_verify(const std::array<unsigned char, 64>& signature, std::string_view bytes,
                    const std::array<unsigned char, 32>& key) {
  return crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                                     bytes.size(), key.data()) == 0;
}

}  // namespace

Signature parse_signature(std::string_view text, const std::string& subject) {
  if (text.empty()) fail_rejected(Reason::signature, subject, "signature file is empty");
  if (text.size() > signature_file_max) {
    fail_rejected(Reason::limit, subject,
                  "signature file is larger than " + std::to_string(signature_file_max) + " bytes");
  }
  const std::vector<std::string_view> lines = fmt::split_lines(text);
  if (lines.size() < 4) fail_rejected(Reason::signature, subject, "signature file is truncated");
  if (lines.size() > 4)
    fail_rejected(Reason::signature, subject, "signature file has extra lines after the global signature");

  if (lines[0].size() > fmt::untrusted_line_max)
    fail_rejected(Reason::signature, subject, "untrusted comment line is too long");
  if (lines[0].substr(0, fmt::untrusted_prefix.size()) != fmt::untrusted_prefix) {
    fail_rejected(Reason::signature, subject, "line 1 does not start with \"untrusted comment: \"");
  }
  const std::string record = fmt::decode_line(lines[1], fmt::signature_record_bytes, subject,
                                              "signature line", Outcome::rejected, Reason::signature);
  if (lines[2].size() > fmt::trusted_line_max)
    fail_rejected(Reason::signature, subject, "trusted comment is too long");
  if (lines[2].substr(0, fmt::trusted_prefix.size()) != fmt::trusted_prefix) {
    fail_rejected(Reason::signature, subject, "line 3 does not start with \"trusted comment: \"");
  }
  const std::string_view comment = lines[2].substr(fmt::trusted_prefix.size());
  if (fmt::has_control_character(comment))
    fail_rejected(Reason::signature, subject, "trusted comment contains a control character");
  const std::string global = fmt::decode_line(lines[3], fmt::signature_bytes, subject,
                                              "global signature line", Outcome::rejected, Reason::signature);

  const std::string_view algorithm = std::string_view(record).substr(0, fmt::algorithm_bytes);
  if (algorithm != fmt::plain_algorithm && algorithm != fmt::hashed_algorithm) {
    fail_rejected(Reason::signature, subject,
                  "signature algorithm \"" + printable_algorithm(algorithm) + "\" is neither Ed nor ED");
  }
  Signature sig{};
  fmt::copy_out(sig.algorithm, record, 0);
  fmt::copy_out(sig.key_id, record, fmt::algorithm_bytes);
  fmt::copy_out(sig.signature, record, fmt::algorithm_bytes + fmt::key_id_bytes);
  sig.trusted_comment = std::string(comment);
  fmt::copy_out(sig.global_signature, global, 0);
  return sig;
}

std::string verify_message(std::string_view message, std::string_view signature_text,
                           const std::vector<PublicKey>& trusted, const std::string& subject) {
  return verify_signature(message, signature_text, trusted, subject).trusted_comment;
}

VerifiedSignature verify_signature(std::string_view message, std::string_view signature_text,
                                   const std::vector<PublicKey>& trusted, const std::string& subject) {
  fmt::ensure_sodium();
  const Signature sig = parse_signature(signature_text, subject);
  // The key id is compared before any signature is checked, so that "wrong key" and
  // "tampered" are told apart, as minisign does.
  std::vector<const PublicKey*> candidates;
  for (const PublicKey& key : trusted) {
    if (sodium_memcmp(key.key_id.data(), sig.key_id.data(), sig.key_id.size()) == 0)
      candidates.push_back(&key);
  }
  if (candidates.empty()) {
    fail_rejected(Reason::key, subject,
                  "signed by key id " + key_id_hex(sig.key_id) +
                      (trusted.empty() ? ", but no key is trusted" : " which is not trusted"));
  }
  const std::string signed_bytes = signed_message(message, sig.prehashed());
  // Two trusted keys may share an id only by accident or misconfiguration; either may match.
  const PublicKey* signer = nullptr;
  for (const PublicKey* key : candidates) {
    if (ed25519_verify(sig.signature, signed_bytes, key->key)) {
      signer = key;
      break;
    }
  }
  if (signer == nullptr) fail_rejected(Reason::signature, subject, "signature does not match");
  if (!ed25519_verify(sig.global_signature, signed_comment(sig.signature, sig.trusted_comment),
                      signer->key)) {
    fail_rejected(Reason::signature, subject, "trusted comment signature does not match");
  }
  return VerifiedSignature{static_cast<std::size_t>(signer - trusted.data()), sig.trusted_comment};
}

std::string sign_message(std::string_view message, const SecretKey& key, std::string_view trusted_comment) {
  fmt::ensure_sodium();
  if (fmt::has_control_character(trusted_comment)) {
    fail_usage("trusted comment", "must be one line without control characters");
  }
  if (fmt::trusted_prefix.size() + trusted_comment.size() > fmt::trusted_line_max) {
    fail_usage(
        Reason::limit, "trusted comment",
        "is longer than " + std::to_string(fmt::trusted_line_max - fmt::trusted_prefix.size()) + " bytes");
  }
  const std::string digest = signed_message(message, true);
  std::array<unsigned char, 64> signature{};
  crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(digest.data()),
                       digest.size(), key.key.data());
  const std::string comment_bytes = signed_comment(signature, trusted_comment);
  std::array<unsigned char, 64> global{};
  crypto_sign_detached(global.data(), nullptr, reinterpret_cast<const unsigned char*>(comment_bytes.data()),
                       comment_bytes.size(), key.key.data());

  std::string record(fmt::hashed_algorithm);
  record.append(reinterpret_cast<const char*>(key.key_id.data()), key.key_id.size());
  record.append(reinterpret_cast<const char*>(signature.data()), signature.size());
  std::string text(fmt::untrusted_prefix);
  text += "signature from gatecast secret key " + key_id_hex(key.key_id) + "\n";
  text += base64_encode(record) + "\n";
  text += std::string(fmt::trusted_prefix) + std::string(trusted_comment) + "\n";
  text += base64_encode(std::string_view(reinterpret_cast<const char*>(global.data()), global.size())) + "\n";
  return text;
}

}  // namespace gatecast::content
