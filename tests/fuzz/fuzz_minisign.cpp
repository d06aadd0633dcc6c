// Fuzz target for the minisign parsers: every input is tried as a .minisig text (verified
// against a fixed key and message, so that valid corpus entries reach the signature checks),
// as a public key line, as a .pub file and as a secret key file. A refusal must be a
// gatecast::Error; anything else escaping, a crash or a broken invariant is a finding.
#include <sodium.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "content/base/error.hpp"
#include "content/signing/minisign.hpp"

using namespace gatecast::content;

namespace {

// The corpus in corpus/fuzz_minisign/ was signed with the key from this seed, over this
// message. The key is public by construction: it is only ever trusted here.
constexpr std::string_view fuzz_message = "gatecast fuzz message\n";

PublicKey fuzz_key() {
  if (sodium_init() < 0) std::abort();
  unsigned char seed[32];
  for (unsigned char& b : seed) b = 0x42;
  unsigned char secret[64];
  PublicKey key{};
  crypto_sign_seed_keypair(key.key.data(), secret, seed);
  const char id[] = "gatefuzz";
  for (std::size_t i = 0; i < 8; ++i) key.key_id[i] = static_cast<unsigned char>(id[i]);
  return key;
}

std::string_view trimmed(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const PublicKey key = fuzz_key();
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  try {
    const std::string comment = verify_message(fuzz_message, text, {key}, "fuzz");
    // Whatever verified must parse to the same comment.
    if (parse_signature(text, "fuzz").trusted_comment != comment) std::abort();
  } catch (const gatecast::Error&) {
  }
  try {
    const PublicKey parsed = parse_public_key(text, "fuzz");
    // Strict base64: an accepted line is the one canonical encoding of its key.
    if (public_key_line(parsed) != trimmed(text)) std::abort();
  } catch (const gatecast::Error&) {
  }
  try {
    (void)parse_public_key_file_text(text, "fuzz");
  } catch (const gatecast::Error&) {
  }
  try {
    SecretKey secret = parse_secret_key_file_text(text, "fuzz");
    // An accepted secret key signs what its public half verifies.
    const std::string sig = sign_message("m", secret, "c");
    if (verify_message("m", sig, {public_key_of(secret)}, "fuzz") != "c") std::abort();
    wipe_secret_key(secret);
  } catch (const gatecast::Error&) {
  }
  return 0;
}
