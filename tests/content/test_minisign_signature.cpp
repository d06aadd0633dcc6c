// Signing and verifying .minisig text, and every way a hostile signature file can be wrong.
#include <sodium.h>

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "content/base/base64.hpp"
#include "content/base/error.hpp"
#include "content/signing/minisign.hpp"
#include "support/refusal.hpp"

using namespace gatecast::content;
using gatecast::Reason;

namespace {

const std::string subject = "channels/langson/manifest.json.minisig";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string join(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  return text;
}

// Why verify_message refuses `text`: nullopt when it passes. Every refusal is a one-line
// Error(rejected) about `subject`.
std::optional<Reason> reason_of(std::string_view message, const std::string& text,
                                const std::vector<PublicKey>& trusted) {
  try {
    (void)verify_message(message, text, trusted, subject);
    return std::nullopt;
  } catch (const gatecast::Error& e) {
    CHECK(e.kind() == gatecast::Outcome::rejected);
    CHECK(e.subject() == subject);
    CHECK(std::string(e.what()).find('\n') == std::string::npos);
    return e.reason();
  }
}

// A signature file made the way `minisign -S -l` makes one: Ed25519 over the raw message.
std::string legacy_signature(std::string_view message, const SecretKey& key, const std::string& comment) {
  unsigned char sig[64];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       key.key.data());
  std::string record = "Ed";
  record.append(reinterpret_cast<const char*>(key.key_id.data()), 8);
  record.append(reinterpret_cast<const char*>(sig), 64);
  std::string signed_comment(reinterpret_cast<const char*>(sig), 64);
  signed_comment += comment;
  unsigned char global[64];
  crypto_sign_detached(global, nullptr, reinterpret_cast<const unsigned char*>(signed_comment.data()),
                       signed_comment.size(), key.key.data());
  return "untrusted comment: legacy\n" + base64_encode(record) + "\ntrusted comment: " + comment + "\n" +
         base64_encode(std::string(reinterpret_cast<const char*>(global), 64)) + "\n";
}

// Flips one bit of the decoded bytes of `line` and re-encodes it.
std::string flip_in_line(const std::string& text, std::size_t line, std::size_t byte, int bit) {
  auto lines = lines_of(text);
  std::string bytes = *base64_decode(lines[line]);
  bytes[byte] = static_cast<char>(bytes[byte] ^ (1 << bit));
  lines[line] = base64_encode(bytes);
  return join(lines);
}

struct Fixture {
  KeyPair pair = generate_key_pair();
  std::vector<PublicKey> trusted{pair.public_key};
  std::string message = R"({"format":"gatecast/1","channel":"langson"})";
  std::string text = sign_message(message, pair.secret_key, "timestamp:1795598841\tfile:manifest.json");
};

}  // namespace

TEST_CASE_METHOD(Fixture, "minisign: a signature made here verifies and returns its trusted comment",
                 "[minisign]") {
  CHECK(verify_message(message, text, trusted, subject) == "timestamp:1795598841\tfile:manifest.json");
  const auto lines = lines_of(text);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].rfind("untrusted comment: ", 0) == 0);
  CHECK(lines[1].rfind("RU", 0) == 0);  // base64 of "ED": minisign's prehashed default
  CHECK(lines[1].size() == 100);
  CHECK(lines[2] == "trusted comment: timestamp:1795598841\tfile:manifest.json");
  CHECK(lines[3].size() == 88);
  const Signature parsed = parse_signature(text, subject);
  CHECK(parsed.prehashed());
  CHECK(parsed.key_id == pair.public_key.key_id);
}

TEST_CASE_METHOD(Fixture, "minisign: a legacy Ed signature verifies too", "[minisign]") {
  const std::string legacy = legacy_signature(message, pair.secret_key, "legacy comment");
  CHECK_FALSE(parse_signature(legacy, subject).prehashed());
  CHECK(verify_message(message, legacy, trusted, subject) == "legacy comment");
  CHECK(reason_of(message + " ", legacy, trusted) == Reason::signature);
}

TEST_CASE_METHOD(Fixture, "minisign: empty and huge messages sign and verify", "[minisign]") {
  const std::string empty_sig = sign_message("", pair.secret_key, "");
  CHECK(verify_message("", empty_sig, trusted, subject).empty());
  const std::string big(1u << 20, 'x');
  const std::string big_sig = sign_message(big, pair.secret_key, "big");
  CHECK(verify_message(big, big_sig, trusted, subject) == "big");
  CHECK(reason_of(big.substr(1), big_sig, trusted) == Reason::signature);
}

TEST_CASE_METHOD(Fixture, "minisign: any change to the message is refused", "[minisign]") {
  CHECK(reason_of(message + "\n", text, trusted) == Reason::signature);
  CHECK(reason_of(message.substr(0, message.size() - 1), text, trusted) == Reason::signature);
  CHECK(reason_of("", text, trusted) == Reason::signature);
  for (std::size_t i = 0; i < message.size(); i += 7) {
    std::string changed = message;
    changed[i] = static_cast<char>(changed[i] ^ 1);
    CHECK(reason_of(changed, text, trusted) == Reason::signature);
  }
}

TEST_CASE_METHOD(Fixture, "minisign: flipped bits in the signature or the global signature are refused",
                 "[minisign]") {
  for (std::size_t byte = 10; byte < 74; byte += 5) {
    CHECK(reason_of(message, flip_in_line(text, 1, byte, static_cast<int>(byte % 8)), trusted) ==
          Reason::signature);
  }
  for (std::size_t byte = 0; byte < 64; byte += 5) {
    CHECK(reason_of(message, flip_in_line(text, 3, byte, static_cast<int>(byte % 8)), trusted) ==
          Reason::signature);
  }
}

TEST_CASE_METHOD(Fixture, "minisign: an edited trusted comment is refused", "[minisign]") {
  auto lines = lines_of(text);
  for (const char* edited : {"trusted comment: timestamp:1795598842\tfile:manifest.json",
                             "trusted comment: timestamp:1795598841\tfile:manifest.json ",
                             "trusted comment: timestamp:1795598841", "trusted comment: "}) {
    lines[2] = edited;
    CHECK(reason_of(message, join(lines), trusted) == Reason::signature);
  }
}

TEST_CASE_METHOD(Fixture, "minisign: the untrusted comment may change freely", "[minisign]") {
  auto lines = lines_of(text);
  lines[0] = "untrusted comment: anything at all, even \xe4\xb8\xad\xe6\x96\x87";
  CHECK_FALSE(reason_of(message, join(lines), trusted).has_value());
}

TEST_CASE_METHOD(Fixture, "minisign: a key id that is not trusted has its own message", "[minisign]") {
  const KeyPair other = generate_key_pair();
  CHECK(reason_of(message, text, {other.public_key}) == Reason::key);
  CHECK(reason_of(message, text, {}) == Reason::key);
  // The right key among others is found.
  CHECK_FALSE(reason_of(message, text, {other.public_key, pair.public_key}).has_value());
}

TEST_CASE_METHOD(Fixture, "minisign: a different key that claims the same key id is refused", "[minisign]") {
  PublicKey impostor = generate_key_pair().public_key;
  impostor.key_id = pair.public_key.key_id;
  CHECK(reason_of(message, text, {impostor}) == Reason::signature);
  // A signature made by the impostor's key under the trusted id must not pass either.
  KeyPair forger = generate_key_pair();
  forger.secret_key.key_id = pair.public_key.key_id;
  CHECK(reason_of(message, sign_message(message, forger.secret_key, "x"), trusted) == Reason::signature);
}

TEST_CASE_METHOD(Fixture, "minisign: a changed key id in the signature is refused before any check",
                 "[minisign]") {
  const std::string changed = flip_in_line(text, 1, 2, 0);
  CHECK(reason_of(message, changed, trusted) == Reason::key);
}

TEST_CASE_METHOD(Fixture, "minisign: every truncation of a signature file is refused", "[minisign]") {
  for (std::size_t n = 0; n < text.size() - 1; ++n) {
    INFO("first " << n << " bytes");
    CHECK(reason_of(message, text.substr(0, n), trusted) == Reason::signature);
  }
  CHECK(reason_of(message, "", trusted) == Reason::signature);
  const auto lines = lines_of(text);
  CHECK(reason_of(message, lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n", trusted) ==
        Reason::signature);
  // Only the final newline is optional.
  CHECK_FALSE(reason_of(message, text.substr(0, text.size() - 1), trusted).has_value());
}

TEST_CASE_METHOD(Fixture, "minisign: extra lines and trailing garbage are refused", "[minisign]") {
  CHECK(reason_of(message, text + "\n", trusted) == Reason::signature);
  CHECK(reason_of(message, text + "untrusted comment: again\n", trusted) == Reason::signature);
  CHECK(reason_of(message, text + text, trusted) == Reason::signature);
  std::string spaced = text;
  spaced.insert(spaced.size() - 1, " ");
  CHECK(reason_of(message, spaced, trusted) == Reason::signature);
}

TEST_CASE_METHOD(Fixture, "minisign: Windows line endings are accepted", "[minisign]") {
  std::string crlf;
  for (const auto& line : lines_of(text)) crlf += line + "\r\n";
  CHECK_FALSE(reason_of(message, crlf, trusted).has_value());
  auto lines = lines_of(text);
  lines[2] += "\r\r";
  CHECK(reason_of(message, join(lines), trusted) == Reason::signature);
}

TEST_CASE_METHOD(Fixture, "minisign: wrong line prefixes are refused", "[minisign]") {
  auto lines = lines_of(text);
  auto broken = lines;
  broken[0] = "Untrusted comment: x";
  CHECK(reason_of(message, join(broken), trusted) == Reason::signature);
  broken = lines;
  broken[2] = "trusted comment:" + lines[2].substr(17);
  CHECK(reason_of(message, join(broken), trusted) == Reason::signature);
  broken = lines;
  std::swap(broken[1], broken[3]);
  CHECK(reason_of(message, join(broken), trusted) == Reason::signature);
}

TEST_CASE_METHOD(Fixture, "minisign: wrong lengths and bad base64 are refused", "[minisign]") {
  auto lines = lines_of(text);
  auto broken = lines;
  broken[1] = lines[1].substr(0, 96);
  CHECK(reason_of(message, join(broken), trusted) == Reason::signature);
  broken = lines;
  broken[1][50] = '-';
  CHECK(reason_of(message, join(broken), trusted) == Reason::signature);
  broken = lines;
  broken[1][50] = '=';
  CHECK(reason_of(message, join(broken), trusted) == Reason::signature);
  broken = lines;
  broken[3][10] = '\x80';
  CHECK(reason_of(message, join(broken), trusted) == Reason::signature);
  broken = lines;
  broken[3] = base64_encode(std::string(65, 'x'));
  CHECK(reason_of(message, join(broken), trusted) == Reason::signature);
  broken = lines;
  broken[1] = base64_encode(*base64_decode(lines[1]) + "xx");
  CHECK(reason_of(message, join(broken), trusted) == Reason::signature);
}

TEST_CASE_METHOD(Fixture, "minisign: unknown signature algorithms are refused", "[minisign]") {
  auto lines = lines_of(text);
  for (const std::string& alg :
       std::vector<std::string>{"Ex", "ed", "EE", std::string("\0\0", 2), std::string("E\xff")}) {
    std::string record = *base64_decode(lines[1]);
    record.replace(0, 2, alg);
    auto broken = lines;
    broken[1] = base64_encode(record);
    CHECK(reason_of(message, join(broken), trusted) == Reason::signature);
  }
  // "Ed" in place of "ED" is a valid form but signs something else: the raw message.
  CHECK(reason_of(message, flip_in_line(text, 1, 1, 5), trusted) == Reason::signature);
}

TEST_CASE_METHOD(Fixture, "minisign: oversized comments and files are refused", "[minisign]") {
  auto lines = lines_of(text);
  auto broken = lines;
  broken[0] = "untrusted comment: " + std::string(1100, 'u');
  CHECK(reason_of(message, join(broken), trusted) == Reason::signature);
  broken = lines;
  broken[2] = "trusted comment: " + std::string(8200, 't');
  CHECK(reason_of(message, join(broken), trusted) == Reason::signature);
  CHECK(reason_of(message, std::string(1u << 20, 'A'), trusted) == Reason::limit);
  CHECK(reason_of(message, text + std::string(1u << 20, '\n'), trusted) == Reason::limit);
}

TEST_CASE_METHOD(Fixture, "minisign: control characters in the trusted comment are refused", "[minisign]") {
  auto lines = lines_of(text);
  for (const std::string& bad : std::vector<std::string>{std::string("a\0b", 3), std::string("a\rb"),
                                                         std::string("\x1b[2J"), std::string("\x7f")}) {
    auto broken = lines;
    broken[2] = "trusted comment: " + bad;
    CHECK(reason_of(message, join(broken), trusted) == Reason::signature);
  }
}

TEST_CASE_METHOD(Fixture, "minisign: sign_message refuses a multi-line trusted comment", "[minisign]") {
  for (const char* bad : {"a\nb", "a\rb", "a\x01"}) {
    try {
      (void)sign_message(message, pair.secret_key, bad);
      FAIL("no error");
    } catch (const gatecast::Error& e) {
      CHECK_THAT(e, gatecast::test::UsageError(Reason::none).about("trusted comment"));
    }
  }
  CHECK_THROWS_MATCHES(sign_message(message, pair.secret_key, std::string(9000, 'c')), gatecast::Error,
                       gatecast::test::UsageError(Reason::limit).about("trusted comment"));
  CHECK_NOTHROW(sign_message(message, pair.secret_key, std::string(8191 - 17, 'c')));
}

TEST_CASE("minisign: random garbage never passes and never crashes", "[minisign]") {
  const KeyPair pair = generate_key_pair();
  std::uint32_t state = 12345;
  for (int round = 0; round < 300; ++round) {
    std::string junk(static_cast<std::size_t>(state % 400), '\0');
    for (auto& c : junk) {
      state = state * 1103515245 + 12345;
      c = static_cast<char>(state >> 16);
    }
    CHECK_THROWS_MATCHES(verify_message("m", junk, {pair.public_key}, "junk"), gatecast::Error,
                         gatecast::test::Refused(Reason::signature));
  }
}
