// verify_manifest and verify_publish_tree: the order of checks (nothing unsigned is parsed)
// and each reason a screen refuses a package.
#include <catch2/catch.hpp>

#include "content/manifest/manifest_check.hpp"
#include "content/publish/pack.hpp"
#include "content/base/publish_tree.hpp"
#include "content/base/rfc3339.hpp"
#include "content/publish/tree_check.hpp"
#include "manifest_fixture.hpp"
#include "pack_fixture.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using gatecast::Error;
using gatecast::Instant;
using gatecast::Outcome;
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

std::string refusal(const FetchedManifest& fetched, const std::vector<PublicKey>& keys,
                    const std::optional<std::string>& screen = std::nullopt,
                    const std::string& channel = "langson", Instant at = now,
                    const ManifestLimits& limits = {}) {
  try {
    (void)verify_manifest(fetched, channel, keys, at, screen, "https://x/manifest.json", limits);
  } catch (const Error& e) {
    CHECK(e.kind() == Outcome::rejected);
    CHECK(e.subject() == "https://x/manifest.json");
    return e.what();
  }
  FAIL("accepted");
  return {};
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
             Catch::Contains("more than the limit of 100"));
  FetchedManifest big_sig = s.fetched;
  big_sig.signature += std::string(5000, 'A');
  CHECK_THAT(refusal(big_sig, {s.keys.public_key}), Catch::Contains("signature is"));
}

TEST_CASE("manifest check: the signature is checked on the raw bytes before parsing", "[manifest_check]") {
  const Signed s(valid_manifest_json().dump());
  CHECK_THAT(refusal(s.fetched, {}), Catch::Contains("no trusted public keys"));
  // Signed by another key: refused, whatever the bytes say.
  CHECK_THAT(refusal(s.fetched, {generate_key_pair().public_key}), Catch::Contains("key"));
  FetchedManifest tampered = s.fetched;
  tampered.manifest[tampered.manifest.find("12")] = '9';
  const std::string message = refusal(tampered, {s.keys.public_key});
  CHECK_THAT(message, Catch::Contains("signature"));
  // Unsigned garbage never reaches the parser: the refusal is about the signature, not JSON.
  FetchedManifest garbage = s.fetched;
  garbage.manifest = "{\"format\": ";
  CHECK_THAT(refusal(garbage, {s.keys.public_key}), !Catch::Contains("JSON"));
  // Signed garbage is parsed, and refused by the parser.
  const Signed signed_garbage("{\"format\": ");
  CHECK_THAT(refusal(signed_garbage.fetched, {signed_garbage.keys.public_key}),
             Catch::Contains("not valid JSON"));
}

TEST_CASE("manifest check: channel, expiry and targets", "[manifest_check]") {
  const Signed s(valid_manifest_json().dump());
  const std::vector<PublicKey> keys{s.keys.public_key};
  CHECK_THAT(refusal(s.fetched, keys, std::nullopt, "chima"),
             Catch::Contains("manifest is for channel 'langson', not 'chima'"));
  CHECK_THAT(
      refusal(s.fetched, keys, std::nullopt, "langson", parse_rfc3339("2027-02-20T00:00:00+07:00", "t")),
      Catch::Contains("manifest expired at 2027-02-19T17:00:00Z"));
  CHECK_THAT(refusal(s.fetched, keys, std::string("langson/chima/1")),
             Catch::Contains(
                 "not meant for screen 'langson/chima/1' (targets: langson/huunghi/*, langson/tanthanh/1)"));
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
    CHECK(e.kind() == Outcome::rejected);
    CHECK_THAT(e.what(), Catch::Contains("blob of asset 'logo' has SHA-256"));
  }
  write_bytes(logo, good + "x");
  CHECK_THROWS_WITH(verify({keys.public_key}), Catch::Contains("bytes, the manifest says"));
  std::filesystem::remove(logo);
  CHECK_THROWS_WITH(verify({keys.public_key}), Catch::Contains("blob of asset 'logo' is missing"));
  write_bytes(logo, good);
  REQUIRE_NOTHROW(verify({keys.public_key}));

  CHECK_THROWS_AS(verify({generate_key_pair().public_key}), Error);
  CHECK_THROWS_WITH(verify_publish_tree(root, "chima", {keys.public_key}, now, std::nullopt),
                    Catch::Contains("no channel 'chima'"));
  std::filesystem::remove(signature_path(root, "langson"));
  CHECK_THROWS_WITH(verify({keys.public_key}), Catch::Contains("the manifest is not signed"));
  try {
    (void)verify_publish_tree(dir / "nosuch", "langson", {keys.public_key}, now, std::nullopt);
    FAIL("accepted a missing root");
  } catch (const Error& e) {
    CHECK(e.kind() == Outcome::runtime);
  }
}

TEST_CASE("publish tree check: bounded reads", "[manifest_check]") {
  TempDir dir;
  write_bytes(dir / "f", std::string(100, 'x'));
  CHECK(read_file_bounded(dir / "f", 100).size() == 100);
  CHECK_THROWS_WITH(read_file_bounded(dir / "f", 99), Catch::Contains("larger than the limit of 99 bytes"));
  CHECK_THROWS_AS(read_file_bounded(dir / "missing", 99), Error);
}
