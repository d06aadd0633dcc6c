// Key sets: strict parsing (content/signing/key_set.hpp) and the rule for a new key set
// (decide_key_set): thresholds of distinct keys, old and new roots, versions, expiry.
#include <catch2/catch.hpp>
#include <map>

#include "content/base/error.hpp"
#include "content/key_set_fixture.hpp"
#include "content/signing/approvals.hpp"
#include "content/signing/key_set.hpp"

using namespace gatecast;
using namespace gatecast::content;
using gatecast::test::fx::Office;
using gatecast::test::fx::test_now;

namespace {

// Signature files held in memory by key id, as a Source would serve them.
struct Signatures {
  std::map<std::string, std::string> by_id;
  SignatureLookup lookup() const {
    return [this](const std::string& id) -> std::optional<SignatureFile> {
      const auto it = by_id.find(id);
      if (it == by_id.end()) return std::nullopt;
      return SignatureFile{"keys.json." + id + ".minisig", it->second};
    };
  }
};

Error refusal_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  FAIL("expected a refusal");
  throw;
}

std::string sign_with(Office& office, const std::string& name, const std::string& raw) {
  return sign_message(raw, office.key(name).secret_key, "timestamp:1\tfile:keys.json");
}

}  // namespace

TEST_CASE("key set: written sets parse back to the same set", "[keyset]") {
  test::TempDir dir;
  Office office(dir.path());
  const KeySet set = office.set(4, {"R1", "R2"}, {"A1", "A2", "R1"}, 2, {{"langson", 2}});
  const std::string text = write_key_set(set);
  const KeySet back = parse_key_set(text, "keys.json");
  CHECK(back.version == 4);
  CHECK(back.root_threshold == 2);
  CHECK(back.keys_with(KeyRole::root).size() == 2);
  CHECK(back.keys_with(KeyRole::approver).size() == 3);
  CHECK(back.threshold_for("langson") == 2);
  CHECK(back.threshold_for("chima") == 1);
  CHECK(write_key_set(back) == text);
}

TEST_CASE("key set: broken, hostile and impossible sets are refused", "[keyset]") {
  test::TempDir dir;
  Office office(dir.path());
  const std::string r1 = office.public_line("R1"), a1 = office.public_line("A1");
  const auto doc = [&](const std::string& inner) {
    return R"({"format": "gatecast-keys/1", "version": 2, "expires": "2099-01-01T00:00:00Z", )" + inner + "}";
  };
  const std::string keys =
      R"("keys": [{"key": ")" + r1 + R"(", "role": "root"}, {"key": ")" + a1 + R"(", "role": "approver"}])";
  CHECK_NOTHROW(parse_key_set(doc(keys), "k"));
  const std::map<std::string, std::string> bad{
      {"not JSON", "{"},
      {"truncated", doc(keys).substr(0, 60)},
      {"unknown key", doc(keys + R"(, "extra": 1)")},
      {"wrong format",
       R"({"format": "gatecast-keys/9", "version": 2, "expires": "2099-01-01T00:00:00Z", )" + keys + "}"},
      {"version 0",
       R"({"format": "gatecast-keys/1", "version": 0, "expires": "2099-01-01T00:00:00Z", )" + keys + "}"},
      {"no offset on expires",
       R"({"format": "gatecast-keys/1", "version": 2, "expires": "2099-01-01T00:00:00", )" + keys + "}"},
      {"no root", doc(R"("keys": [{"key": ")" + a1 + R"(", "role": "approver"}])")},
      {"no approver", doc(R"("keys": [{"key": ")" + r1 + R"(", "role": "root"}])")},
      {"root listed twice", doc(R"("keys": [{"key": ")" + r1 + R"(", "role": "root"}, {"key": ")" + r1 +
                                R"(", "role": "root"}, {"key": ")" + a1 + R"(", "role": "approver"}])")},
      {"unknown role", doc(R"("keys": [{"key": ")" + r1 + R"(", "role": "admin"}])")},
      {"not a key", doc(R"("keys": [{"key": "RWQnotakey", "role": "root"}])")},
      {"root threshold too high", doc(keys + R"(, "root_threshold": 2)")},
      {"channel threshold too high", doc(keys + R"(, "channels": {"langson": {"threshold": 2}})")},
      {"bad channel name", doc(keys + R"(, "channels": {"../x": {"threshold": 1}})")},
      {"empty keys", doc(R"("keys": [])")},
      {"oversized", doc(keys) + std::string(max_key_set_bytes, ' ')},
  };
  for (const auto& [what, raw] : bad) {
    INFO(what);
    const Error e = refusal_of([&] { (void)parse_key_set(raw, "keys.json"); });
    CHECK(e.kind() == Outcome::rejected);
    CHECK(e.subject().rfind("keys.json", 0) == 0);
  }
}

TEST_CASE("key set: a new set needs the current roots and its own roots, each key once", "[keyset]") {
  test::TempDir dir;
  Office office(dir.path());
  const KeySet current = office.set(1, {"R1", "R2"}, {"A1"}, 2);
  const std::string current_raw = write_key_set(current);
  const KeySet next_set = office.set(2, {"R2", "R3"}, {"A1"}, 2);
  const std::string next = write_key_set(next_set);
  const Instant now = test_now();

  Signatures sigs;
  const auto decide = [&] {
    return decide_key_set(current, current_raw, next, sigs.lookup(), now, "keys.json");
  };

  SECTION("signed by R1, R2 (old) and R2, R3 (new): accepted") {
    for (const char* n : {"R1", "R2", "R3"}) sigs.by_id[office.id(n)] = sign_with(office, n, next);
    const KeySetDecision d = decide();
    CHECK(d.changed);
    CHECK(d.set.version == 2);
    CHECK(d.signed_by.size() == 3);
  }
  SECTION("old keys only: refused for want of new roots") {
    for (const char* n : {"R1", "R2"}) sigs.by_id[office.id(n)] = sign_with(office, n, next);
    CHECK_THAT(refusal_of([&] { (void)decide(); }).problem(),
               Catch::Contains("by distinct new root keys, has 1"));
  }
  SECTION("new keys only: refused for want of current roots") {
    for (const char* n : {"R3"}) sigs.by_id[office.id(n)] = sign_with(office, n, next);
    CHECK_THAT(refusal_of([&] { (void)decide(); }).problem(),
               Catch::Contains("by distinct current root keys, has 0"));
  }
  SECTION("one key's signature under two names counts once") {
    const std::string r1 = sign_with(office, "R1", next);
    sigs.by_id[office.id("R1")] = r1;
    sigs.by_id[office.id("R2")] = r1;  // R1 signed twice, filed under R2's name
    sigs.by_id[office.id("R3")] = sign_with(office, "R3", next);
    CHECK_THAT(refusal_of([&] { (void)decide(); }).problem(), Catch::Contains("current root keys, has 1"));
  }
  SECTION("a signature over other bytes does not count") {
    for (const char* n : {"R1", "R2", "R3"}) sigs.by_id[office.id(n)] = sign_with(office, n, next + " ");
    CHECK(refusal_of([&] { (void)decide(); }).kind() == Outcome::rejected);
  }
}

TEST_CASE("key set: versions only go up; an expired set is refused", "[keyset]") {
  test::TempDir dir;
  Office office(dir.path());
  const KeySet current = office.set(3, {"R1"}, {"A1"});
  const std::string current_raw = write_key_set(current);
  Signatures sigs;
  const auto decide_raw = [&](const std::string& raw) {
    sigs.by_id[office.id("R1")] = sign_with(office, "R1", raw);
    return decide_key_set(current, current_raw, raw, sigs.lookup(), test_now(), "keys.json");
  };
  CHECK_FALSE(decide_raw(current_raw).changed);  // the same set again: nothing to do
  CHECK_THAT(refusal_of([&] { (void)decide_raw(write_key_set(office.set(2, {"R1"}, {"A1"}))); }).problem(),
             Catch::Contains("older than version 3"));
  CHECK_THAT(refusal_of([&] {
               (void)decide_raw(write_key_set(office.set(3, {"R1"}, {"A1", "A2"})));
             }).problem(),
             Catch::Contains("already accepted with different content"));
  CHECK_THAT(refusal_of([&] {
               (void)decide_raw(write_key_set(office.set(4, {"R1"}, {"A1"}, 1, {}, "2026-01-01T00:00:00Z")));
             }).problem(),
             Catch::Contains("expired"));
  CHECK(decide_raw(write_key_set(office.set(4, {"R1"}, {"A1"}))).changed);
}

TEST_CASE("key set: the config's keys are the first roots and approvers", "[keyset]") {
  test::TempDir dir;
  Office office(dir.path());
  const KeySet first = key_set_from_config({office.key("R1").public_key});
  CHECK(first.version == 0);
  CHECK_FALSE(first.expired_at(test_now()));
  CHECK(first.threshold_for("langson") == 1);
  const std::string raw = write_key_set(office.set(1, {"R2"}, {"A1"}));
  Signatures sigs;
  sigs.by_id[office.id("R1")] = sign_with(office, "R1", raw);
  sigs.by_id[office.id("R2")] = sign_with(office, "R2", raw);
  CHECK(decide_key_set(first, std::nullopt, raw, sigs.lookup(), test_now(), "k").changed);
}

TEST_CASE("approvals: distinct approver keys over the exact bytes", "[keyset]") {
  test::TempDir dir;
  Office office(dir.path());
  const std::string message = "manifest bytes";
  const std::vector<PublicKey> approvers{office.key("A1").public_key, office.key("A2").public_key};
  const auto file = [&](const std::string& n, const std::string& text) {
    return SignatureFile{n, sign_message(text, office.key(n).secret_key, "c")};
  };
  Signers s =
      count_signers(message, {file("A1", message), file("A1", message), file("A2", message)}, approvers);
  CHECK(s.keys.size() == 2);
  s = count_signers(message, {file("A1", message), file("A1", message)}, approvers);
  CHECK(s.keys.size() == 1);
  CHECK_THROWS_AS(require_signers(s, 2, "m", "approver"), Error);
  s = count_signers(message, {file("A1", message), file("X9", message), file("A2", "other bytes")},
                    approvers);
  CHECK(s.keys.size() == 1);
  CHECK(s.problems.size() == 2);
  const std::vector<SignatureFile> many(max_signature_files + 1, file("A1", message));
  CHECK_THROWS_AS(count_signers(message, many, approvers), Error);
}
