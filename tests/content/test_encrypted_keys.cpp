// Password-protected secret keys in minisign's format ("Sc": scrypt, XOR, BLAKE2b checksum).
// Here with scrypt's smallest limits so that the cases stay fast; the real minisign tool and
// its own limits are exercised in tests/integration/test_minisign_encrypted.cpp.
#include <sodium.h>

#include <catch2/catch.hpp>
#include <functional>

#include "content/base/base64.hpp"
#include "content/base/error.hpp"
#include "content/signing/minisign.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::content;

namespace {

const KdfLimits fast{crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN,
                     crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN};

PasswordSource given(std::string password, int* asked = nullptr) {
  return [password, asked] {
    if (asked) ++*asked;
    return password;
  };
}

Error refusal_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  FAIL("expected a refusal");
  throw;
}

// The key file's record with `edit` applied, re-encoded.
std::string edited(const std::string& text, const std::function<void(std::string&)>& edit) {
  const std::size_t nl = text.find('\n');
  std::string record = *base64_decode(text.substr(nl + 1, text.size() - nl - 2));
  edit(record);
  return text.substr(0, nl + 1) + base64_encode(record) + "\n";
}

}  // namespace

TEST_CASE("encrypted keys: a round trip with the right password", "[minisign][password]") {
  const KeyPair pair = generate_key_pair();
  const std::string text = encrypted_secret_key_file_text(pair.secret_key, "mật khẩu 密码", fast);
  CHECK(text.find("\nRWRTY0Iy") != std::string::npos);  // "Ed" "Sc" "B2", as minisign -G writes
  int asked = 0;
  const SecretKey back = parse_secret_key_file_text(text, "k.key", given("mật khẩu 密码", &asked));
  CHECK(asked == 1);
  CHECK(back.key == pair.secret_key.key);
  CHECK(back.key_id == pair.secret_key.key_id);
  // Two encryptions of one key differ (a fresh salt each time).
  CHECK(encrypted_secret_key_file_text(pair.secret_key, "x", fast) !=
        encrypted_secret_key_file_text(pair.secret_key, "x", fast));
}

TEST_CASE("encrypted keys: wrong password, no password, damage and hostile limits", "[minisign][password]") {
  const KeyPair pair = generate_key_pair();
  const std::string text = encrypted_secret_key_file_text(pair.secret_key, "right", fast);
  Error e = refusal_of([&] { (void)parse_secret_key_file_text(text, "k.key", given("wrong")); });
  CHECK(e.kind() == Outcome::usage);
  CHECK_THAT(e.problem(), Catch::Contains("wrong password"));
  e = refusal_of([&] { (void)parse_secret_key_file_text(text, "k.key"); });
  CHECK(e.kind() == Outcome::usage);
  CHECK_THAT(e.problem(), Catch::Contains("protected by a password"));
  // One flipped bit in the encrypted part reads as a wrong password or a damaged file.
  const std::string flipped = edited(text, [](std::string& r) { r[100] = static_cast<char>(r[100] ^ 1); });
  CHECK(refusal_of([&] { (void)parse_secret_key_file_text(flipped, "k.key", given("right")); }).kind() ==
        Outcome::usage);
  // A file asking for 1 TiB of memory or no work at all is refused before any derivation.
  for (const std::size_t offset : {38u, 46u}) {
    for (const unsigned char top : {0x00, 0x01}) {
      const std::string hostile = edited(text, [&](std::string& r) {
        for (std::size_t i = 0; i < 8; ++i) r[offset + i] = 0;
        if (top) r[offset + 5] = 1;  // 2^40
      });
      INFO("offset " << offset << " top " << int(top));
      int asked = 0;
      e = refusal_of([&] { (void)parse_secret_key_file_text(hostile, "k.key", given("right", &asked)); });
      CHECK(e.kind() == Outcome::usage);
      CHECK_THAT(e.problem(), Catch::Contains("limits outside minisign's range"));
    }
  }
  // An unknown key derivation is refused without asking for a password.
  int asked = 0;
  const std::string unknown = edited(text, [](std::string& r) { r[2] = 'X'; });
  e = refusal_of([&] { (void)parse_secret_key_file_text(unknown, "k.key", given("right", &asked)); });
  CHECK(asked == 0);
  CHECK_THAT(e.problem(), Catch::Contains("unknown key derivation"));
}

TEST_CASE("encrypted keys: write_new_key_pair encrypts and refuses to overwrite", "[minisign][password]") {
  test::TempDir dir;
  write_new_key_pair(dir.path() / "k", std::string("pw"), fast);
  const SecretKey key = read_secret_key_file(dir.path() / "k" / "gatecast.key", given("pw"));
  CHECK(public_key_of(key).key == read_public_key_file(dir.path() / "k" / "gatecast.pub").key);
  CHECK_THROWS_AS(write_new_key_pair(dir.path() / "k", std::string("pw"), fast), Error);
}
