// verify_manifest and verify_publish_tree: the order of checks (nothing unsigned is parsed)
// and each reason a screen refuses a package.
#include <catch2/catch.hpp>

#include "content/base/publish_tree.hpp"
#include "content/base/rfc3339.hpp"
#include "content/manifest/manifest_check.hpp"
#include "content/publish/pack.hpp"
#include "content/publish/tree_check.hpp"
#include "manifest_fixture.hpp"
#include "pack_fixture.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using gatecast::Error;
using gatecast::Instant;
using gatecast::Outcome;
using gatecast::Reason;
using namespace gatecast::content;
using namespace gatecast::test;

namespace {

const Instant now = parse_rfc3339("2026-12-01T00:00:00Z", "t");

struct Signed {
  KeyPair keys = generate_key_pair();
  FetchedManifest fetched;
  explicit Signed(const std::string& manifest) {
    fetched.manifest = manifest;
    fetched.signature = sign_message(manifest, keys.secret_key, "test");
  }
};

Error refusal(const FetchedManifest& fetched, const std::vector<PublicKey>& keys,
              const std::optional<std::string>& screen = std::nullopt, const std::string& channel = "langson",
              Instant at = now, const ManifestLimits& limits = {}) {
  try {
    (void)verify_manifest(fetched, channel, keys, at, screen, "https://x/manifest.json", limits);
  } catch (const Error& e) {
    CHECK(e.kind() == Outcome::rejected);
    CHECK(e.subject() == "https://x/manifest.json");
    return e;
  }
  FAIL("accepted");
  return Error(Outcome::ok, "", "accepted");
}

}  // namespace

TEST_CASE("manifest check: a signed, current, targeted manifest verifies", "[manifest_check]") {
  const Signed s(valid_manifest_json().dump());
  const VerifiedManifest v =
      verify_manifest(s.fetched, "langson", {generate_key_pair().public_key, s.keys.public_key}, now,
                      std::string("langson/huunghi/1"), "m");
  CHECK(v.manifest.version == 12);
  CHECK(v.raw == s.fetched.manifest);
  CHECK(v.signature == s.fetched.signature);
  CHECK(v.trusted_comment == "test");
  CHECK_NOTHROW(verify_manifest(s.fetched, "langson", {s.keys.public_key}, now, std::nullopt, "m"));
}

TEST_CASE("manifest check: sizes are checked before anything else", "[manifest_check]") {
  const Signed s(valid_manifest_json().dump());
  ManifestLimits limits;
  limits.max_manifest_bytes = 100;
  CHECK_THAT(refusal(s.fetched, {s.keys.public_key}, std::nullopt, "langson", now, limits),
             Refused(Reason::limit));
  FetchedManifest big_sig = s.fetched;
  big_sig.signature += std::string(5000, 'A');
  CHECK_THAT(refusal(big_sig, {s.keys.public_key}), Refused(Reason::limit));
}

TEST_CASE("manifest check: the signature is checked on the raw bytes before parsing", "[manifest_check]") {
  const Signed s(valid_manifest_json().dump());
  CHECK_THAT(refusal(s.fetched, {}), Refused(Reason::key));
  // Signed by another key: refused, whatever the bytes say.
  CHECK_THAT(refusal(s.fetched, {generate_key_pair().public_key}), Refused(Reason::key));
  FetchedManifest tampered = s.fetched;
  tampered.manifest[tampered.manifest.find("12")] = '9';
  CHECK_THAT(refusal(tampered, {s.keys.public_key}), Refused(Reason::signature));
  // Unsigned garbage never reaches the parser: the refusal is about the signature, not JSON.
  FetchedManifest garbage = s.fetched;
  garbage.manifest = "{\"format\": ";
  CHECK_THAT(refusal(garbage, {s.keys.public_key}), Refused(Reason::signature));
  // Signed garbage is parsed, and refused by the parser.
  const Signed signed_garbage("{\"format\": ");
  CHECK_THAT(refusal(signed_garbage.fetched, {signed_garbage.keys.public_key}), Refused(Reason::schema));
}

TEST_CASE("manifest check: channel, expiry and targets", "[manifest_check]") {
  const Signed s(valid_manifest_json().dump());
  const std::vector<PublicKey> keys{s.keys.public_key};
  CHECK_THAT(refusal(s.fetched, keys, std::nullopt, "chima"), Refused(Reason::target));
  CHECK_THAT(
      refusal(s.fetched, keys, std::nullopt, "langson", parse_rfc3339("2027-02-20T00:00:00+07:00", "t")),
      Refused(Reason::expired));
  CHECK_THAT(refusal(s.fetched, keys, std::string("langson/chima/1")), Refused(Reason::target));
}

TEST_CASE("publish tree check: refuses a damaged or missing blob, a bad signature, a missing tree",
          "[manifest_check]") {
  TempDir dir;
  write_authoring_folder(dir / "src");
  const KeyPair keys = write_key_pair(dir / "keys");
  PackOptions o;
  o.source = dir / "src";
  o.out = dir / "root";
  o.channel = "langson";
  o.version = 3;
  o.now = now;
  o.key = dir / "keys" / "gatecast.key";
  const Manifest m = pack(o).manifest;
  const auto root = dir / "root";
  const auto verify = [&](const std::vector<PublicKey>& trusted) {
    return verify_publish_tree(root, "langson", trusted, now, std::nullopt);
  };
  REQUIRE_NOTHROW(verify({keys.public_key}));

  const auto logo = blob_path(root, m.assets.at("logo").sha256);
  const std::string good = read_whole(logo);
  std::string flipped = good;
  flipped[5] = static_cast<char>(flipped[5] ^ 1);
  write_bytes(logo, flipped);
  try {
    (void)verify({keys.public_key});
    FAIL("accepted a flipped byte");
  } catch (const Error& e) {
    CHECK_THAT(e, Refused(Reason::hash).about(logo.string()));
  }
  write_bytes(logo, good + "x");
  CHECK_THROWS_MATCHES(verify({keys.public_key}), Error, Refused(Reason::hash).about(logo.string()));
  std::filesystem::remove(logo);
  CHECK_THROWS_MATCHES(verify({keys.public_key}), Error, Refused(Reason::not_found).about(logo.string()));
  write_bytes(logo, good);
  REQUIRE_NOTHROW(verify({keys.public_key}));

  CHECK_THROWS_MATCHES(verify({generate_key_pair().public_key}), Error, Refused(Reason::key));
  CHECK_THROWS_MATCHES(verify_publish_tree(root, "chima", {keys.public_key}, now, std::nullopt), Error,
                       Refused(Reason::not_found).about(manifest_path(root, "chima").string()));
  std::filesystem::remove(signature_path(root, "langson"));
  CHECK_THROWS_MATCHES(verify({keys.public_key}), Error,
                       Refused(Reason::signature).about(signature_path(root, "langson").string()));
  try {
    (void)verify_publish_tree(dir / "nosuch", "langson", {keys.public_key}, now, std::nullopt);
    FAIL("accepted a missing root");
  } catch (const Error& e) {
    CHECK_THAT(e, Failed(Reason::not_found));
  }
}

TEST_CASE("publish tree check: bounded reads", "[manifest_check]") {
  TempDir dir;
  write_bytes(dir / "f", std::string(100, 'x'));
  CHECK(read_file_bounded(dir / "f", 100).size() == 100);
  CHECK_THROWS_MATCHES(read_file_bounded(dir / "f", 99), Error, Refused(Reason::limit));
  CHECK_THROWS_MATCHES(read_file_bounded(dir / "missing", 99), Error, Failed(Reason::io));
}
