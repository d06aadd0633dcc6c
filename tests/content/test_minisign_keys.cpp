// minisign key files: public key lines and files, unencrypted secret keys, new key pairs.
#include <sodium.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "content/base64.hpp"
#include "content/error.hpp"
#include "content/minisign.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast::content;
using gatecast::Outcome;
using gatecast::test::TempDir;

using gatecast::test::read_whole;
using gatecast::test::write_file;
namespace {

template <typename F>
gatecast::Error error_of(F&& f) {
  try {
    f();
  } catch (const gatecast::Error& e) {
    return e;
  }
  FAIL("no gatecast::Error thrown");
  throw std::logic_error("unreachable");
}

// The secret key file's decoded record with `edit` applied, written back as a key file.
template <typename Edit>
std::filesystem::path edited_secret_key(const TempDir& dir, const SecretKey& key, Edit edit) {
  const std::string text = secret_key_file_text(key);
  const std::size_t nl = text.find('\n');
  std::string record = *base64_decode(text.substr(nl + 1, text.size() - nl - 2));
  edit(record);
  const auto file = dir / "edited.key";
  write_file(file, text.substr(0, nl + 1) + base64_encode(record) + "\n");
  return file;
}

constexpr std::size_t checksum_offset = 158 - 32;
constexpr std::size_t secret_offset = 54 + 8;

}  // namespace

TEST_CASE("minisign keys: public key line and file round-trip", "[minisign]") {
  TempDir dir;
  const KeyPair pair = generate_key_pair();
  const std::string line = public_key_line(pair.public_key);
  CHECK(line.size() == 56);
  CHECK(line.rfind("RW", 0) == 0);
  const PublicKey parsed = parse_public_key("  " + line + " \r\n", "trusted_keys[0]");
  CHECK(parsed.key_id == pair.public_key.key_id);
  CHECK(parsed.key == pair.public_key.key);
  write_file(dir / "k.pub", public_key_file_text(pair.public_key));
  const PublicKey from_file = read_public_key_file(dir / "k.pub");
  CHECK(from_file.key == pair.public_key.key);
  CHECK(from_file.key_id == pair.public_key.key_id);
  CHECK(public_key_file_text(pair.public_key).find(key_id_hex(pair.public_key.key_id)) != std::string::npos);
}

TEST_CASE("minisign keys: key ids print as minisign prints them", "[minisign]") {
  // minisign's A9CE19D140E1487D is stored as 7d 48 e1 40 d1 19 ce a9.
  const PublicKey key = parse_public_key("RWR9SOFA0RnOqbTtMMcJEsQPncn/B1dORpTlDmASSj0AOluEr5C4xkdX", "k");
  CHECK(key_id_hex(key.key_id) == "A9CE19D140E1487D");
}

TEST_CASE("minisign keys: malformed public key lines are usage errors", "[minisign]") {
  const std::string good = public_key_line(generate_key_pair().public_key);
  auto problem = [](const std::string& line) {
    const gatecast::Error e = error_of([&] { (void)parse_public_key(line, "trusted_keys[1]"); });
    CHECK(e.kind() == Outcome::usage);
    CHECK(e.subject() == "trusted_keys[1]");
    return e.problem();
  };
  CHECK(problem("") == "public key has 0 characters, expected 56");
  CHECK(problem(good.substr(0, 55)) == "public key has 55 characters, expected 56");
  CHECK(problem(good + "A") == "public key has 57 characters, expected 56");
  std::string bad = good;
  bad[20] = '!';
  CHECK(problem(bad) == "public key is not valid base64");
  std::string record = *base64_decode(good);
  record[1] = 'D';
  CHECK_THAT(problem(base64_encode(record)), Catch::StartsWith("is not an Ed25519 minisign public key"));
  // A secret key line where a public key belongs.
  CHECK_THAT(problem(std::string(212, 'A')), Catch::Contains("expected 56"));
}

TEST_CASE("minisign keys: malformed public key files are refused", "[minisign]") {
  TempDir dir;
  const KeyPair pair = generate_key_pair();
  const std::string line = public_key_line(pair.public_key);
  auto problem = [&](const std::string& text) {
    write_file(dir / "k.pub", text);
    const gatecast::Error e = error_of([&] { (void)read_public_key_file(dir / "k.pub"); });
    CHECK(e.kind() == Outcome::usage);
    return e.problem();
  };
  CHECK_THAT(problem(""), Catch::StartsWith("is empty"));
  CHECK(problem(line + "\n") == "has 1 lines, expected 2 (untrusted comment, public key)");
  CHECK(problem("untrusted comment: x\n" + line + "\nextra\n") ==
        "has 3 lines, expected 2 (untrusted comment, public key)");
  CHECK(problem("comment: x\n" + line + "\n") == "line 1 does not start with \"untrusted comment: \"");
  CHECK(problem("untrusted comment: x\n" + line.substr(1) + "\n") ==
        "public key has 55 characters, expected 56");
  CHECK_THAT(problem(std::string(5000, 'x')), Catch::Contains("larger than 4096 bytes"));
  const gatecast::Error missing = error_of([&] { (void)read_public_key_file(dir / "absent.pub"); });
  CHECK(missing.kind() == Outcome::runtime);
  CHECK(missing.subject() == (dir / "absent.pub").string());
}

TEST_CASE("minisign keys: secret key files round-trip and sign", "[minisign]") {
  TempDir dir;
  const KeyPair pair = generate_key_pair();
  write_file(dir / "k.key", secret_key_file_text(pair.secret_key));
  const SecretKey key = read_secret_key_file(dir / "k.key");
  CHECK(key.key_id == pair.secret_key.key_id);
  CHECK(key.key == pair.secret_key.key);
  CHECK(public_key_of(key).key == pair.public_key.key);
  const std::string sig = sign_message("m", key, "c");
  CHECK(verify_message("m", sig, {pair.public_key}, "s") == "c");
}

TEST_CASE("minisign keys: a zero checksum (minisign -G -W) is accepted, a wrong one is not", "[minisign]") {
  TempDir dir;
  const KeyPair pair = generate_key_pair();
  const auto zero = edited_secret_key(
      dir, pair.secret_key, [](std::string& r) { std::fill(r.begin() + checksum_offset, r.end(), '\0'); });
  CHECK(read_secret_key_file(zero).key == pair.secret_key.key);
  const auto wrong =
      edited_secret_key(dir, pair.secret_key, [](std::string& r) { r[checksum_offset + 3] ^= 1; });
  const gatecast::Error e = error_of([&] { (void)read_secret_key_file(wrong); });
  CHECK(e.kind() == Outcome::usage);
  CHECK(e.problem() == "secret key checksum does not match (the file is damaged)");
}

TEST_CASE("minisign keys: a damaged secret key is refused even without a checksum", "[minisign]") {
  TempDir dir;
  const KeyPair pair = generate_key_pair();
  for (std::size_t at : {secret_offset, secret_offset + 40}) {
    const auto file = edited_secret_key(dir, pair.secret_key, [at](std::string& r) {
      std::fill(r.begin() + checksum_offset, r.end(), '\0');
      r[at] ^= 0x10;
    });
    const gatecast::Error e = error_of([&] { (void)read_secret_key_file(file); });
    CHECK(e.problem() == "secret key is damaged (its public half does not match its seed)");
  }
}

TEST_CASE("minisign keys: encrypted and foreign secret keys are refused with a reason", "[minisign]") {
  TempDir dir;
  const KeyPair pair = generate_key_pair();
  auto problem = [&](auto edit) {
    const auto file = edited_secret_key(dir, pair.secret_key, edit);
    const gatecast::Error e = error_of([&] { (void)read_secret_key_file(file); });
    CHECK(e.kind() == Outcome::usage);
    CHECK(e.subject() == file.string());
    return e.problem();
  };
  CHECK_THAT(problem([](std::string& r) { r.replace(2, 2, "Sc"); }),
             Catch::StartsWith("is protected by a password") && Catch::Contains("--password-file"));
  CHECK(problem([](std::string& r) { r.replace(2, 2, "Xx"); }) == "has an unknown key derivation algorithm");
  CHECK(problem([](std::string& r) { r.replace(4, 2, "B3"); }) == "has an unknown checksum algorithm");
  CHECK(problem([](std::string& r) { r.replace(0, 2, "ED"); }) == "is not an Ed25519 minisign secret key");
  CHECK(problem([](std::string& r) { r.pop_back(); }) == "secret key decodes to 157 bytes, expected 158");
  CHECK(problem([](std::string& r) { r.resize(150); }) == "secret key has 200 characters, expected 212");
}

TEST_CASE("minisign keys: secret key files with broken lines are refused", "[minisign]") {
  TempDir dir;
  const KeyPair pair = generate_key_pair();
  const std::string text = secret_key_file_text(pair.secret_key);
  auto problem = [&](const std::string& t) {
    write_file(dir / "k.key", t);
    const gatecast::Error e = error_of([&] { (void)read_secret_key_file(dir / "k.key"); });
    CHECK(e.kind() == Outcome::usage);
    return e.problem();
  };
  CHECK_THAT(problem(""), Catch::StartsWith("is empty"));
  CHECK(problem(text.substr(0, text.find('\n') + 1)) ==
        "has 1 lines, expected 2 (untrusted comment, secret key)");
  CHECK(problem(text + "\n") == "has 3 lines, expected 2 (untrusted comment, secret key)");
  std::string bad = text;
  bad[text.find('\n') + 30] = '*';
  CHECK(problem(bad) == "secret key is not valid base64");
  // A public key file given as --key.
  CHECK(problem(public_key_file_text(pair.public_key)) == "secret key has 56 characters, expected 212");
}

TEST_CASE("minisign keys: write_new_key_pair writes a usable pair and never overwrites", "[minisign]") {
  TempDir dir;
  const auto keys = dir / "office" / "keys";
  write_new_key_pair(keys);
  const SecretKey secret = read_secret_key_file(keys / "gatecast.key");
  const PublicKey pub = read_public_key_file(keys / "gatecast.pub");
  CHECK(public_key_of(secret).key == pub.key);
  CHECK(secret.key_id == pub.key_id);
  struct stat st {};
  REQUIRE(::stat((keys / "gatecast.key").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  REQUIRE(::stat((keys / "gatecast.pub").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0644);

  const std::string before = read_whole(keys / "gatecast.key");
  const gatecast::Error again = error_of([&] { write_new_key_pair(keys); });
  CHECK(again.kind() == Outcome::usage);
  CHECK_THAT(again.problem(), Catch::Contains("refusing to overwrite"));
  CHECK(read_whole(keys / "gatecast.key") == before);

  // Only the public half present: still refused, and no secret key appears.
  TempDir other;
  write_file(other / "gatecast.pub", "x");
  CHECK_THROWS_AS(write_new_key_pair(other.path()), gatecast::Error);
  CHECK_FALSE(std::filesystem::exists(other / "gatecast.key"));
  // Two fresh pairs differ.
  TempDir third;
  write_new_key_pair(third.path());
  CHECK(read_public_key_file(third / "gatecast.pub").key != pub.key);
}
