// The exact lines users see for the refusals they meet most on the command line and in the
// journal. Every other test checks the typed reason (support/refusal.hpp) and may survive any
// rewording; these fail on purpose when a message changes, so that the change is deliberate
// (docs and the operators' notes quote them). The gatecast command prints each as
// "gatecast: " + what(). (The instruction for a password-protected key is pinned in
// tests/integration/test_minisign_interop.cpp, with a key minisign really made.)
#include <catch2/catch.hpp>

#include "content/base/rfc3339.hpp"
#include "content/base/sha256.hpp"
#include "content/config/config_json.hpp"
#include "content/install/install.hpp"
#include "content/manifest/manifest_check.hpp"
#include "content/store/blobs.hpp"
#include "content/store/layout.hpp"
#include "content/test_install_fixture.hpp"
#include "manifest_fixture.hpp"
#include "support/refusal.hpp"

using namespace gatecast;
using namespace gatecast::content;
namespace fx = gatecast::test::fx;
using gatecast::test::TempDir;

namespace {

const Instant now = parse_rfc3339("2026-12-01T00:00:00Z", "t");
const std::string url = "https://ttt.langson.gov.vn/gatecast/channels/langson/manifest.json";

// The one-line message verify_manifest gives for `fetched`, and its reason.
std::pair<std::string, Reason> verify_refusal(const FetchedManifest& fetched,
                                              const std::vector<PublicKey>& keys,
                                              const std::optional<std::string>& screen = std::nullopt,
                                              Instant at = now) {
  try {
    (void)verify_manifest(fetched, "langson", keys, at, screen, url);
  } catch (const Error& e) {
    return {e.what(), e.reason()};
  }
  FAIL("accepted");
  return {};
}

FetchedManifest signed_manifest(const SecretKey& key) {
  FetchedManifest fetched;
  fetched.manifest = test::valid_manifest_json().dump();
  fetched.signature = sign_message(fetched.manifest, key, "timestamp:1764000000");
  return fetched;
}

}  // namespace

TEST_CASE("messages: an expired manifest", "[messages]") {
  const KeyPair keys = generate_key_pair();
  const auto [message, reason] =
      verify_refusal(signed_manifest(keys.secret_key), {keys.public_key}, std::nullopt,
                     parse_rfc3339("2027-02-20T00:00:00+07:00", "t"));
  CHECK(reason == Reason::expired);
  CHECK(message == url + ": manifest expired at 2027-02-19T17:00:00Z (version 12)");
}

TEST_CASE("messages: a manifest signed by a key this screen does not trust", "[messages]") {
  const KeyPair signer = generate_key_pair();
  const KeyPair trusted = generate_key_pair();
  const auto [message, reason] = verify_refusal(signed_manifest(signer.secret_key), {trusted.public_key});
  CHECK(reason == Reason::key);
  CHECK(message ==
        url + ": signed by key id " + key_id_hex(signer.public_key.key_id) + " which is not trusted");
}

TEST_CASE("messages: a manifest changed after signing", "[messages]") {
  const KeyPair keys = generate_key_pair();
  FetchedManifest fetched = signed_manifest(keys.secret_key);
  fetched.manifest[fetched.manifest.find("12")] = '9';
  const auto [message, reason] = verify_refusal(fetched, {keys.public_key});
  CHECK(reason == Reason::signature);
  CHECK(message == url + ": signature does not match");
}

TEST_CASE("messages: a manifest for other screens", "[messages]") {
  const KeyPair keys = generate_key_pair();
  const auto [message, reason] =
      verify_refusal(signed_manifest(keys.secret_key), {keys.public_key}, std::string("langson/chima/1"));
  CHECK(reason == Reason::target);
  CHECK(message == url +
                       ": manifest is not meant for screen 'langson/chima/1' (targets: langson/huunghi/*, "
                       "langson/tanthanh/1)");
}

TEST_CASE("messages: an older version than the screen accepted", "[messages]") {
  fx::PublishTree tree;
  TempDir data;
  const Config config = tree.config(data.path());
  fx::PackageSpec spec;
  spec.version = 5;
  spec.assets = {{"photo", fx::blob_bytes(2000, 1)}};
  tree.publish(spec);
  const std::unique_ptr<Source> source = open_folder_source(tree.root());
  REQUIRE(install_channel(*source, "langson", config, fx::test_now()).version == 5);
  spec.version = 4;
  tree.publish(spec);
  try {
    (void)install_channel(*source, "langson", config, fx::test_now());
    FAIL("an older version was accepted");
  } catch (const Error& e) {
    CHECK(e.reason() == Reason::rollback);
    CHECK(std::string(e.what()) ==
          tree.root().string() + "/channels/langson/manifest.json: version 4 is " +
              "older than version 5, the highest this screen accepted (rollback refused)");
  }
}

TEST_CASE("messages: a blob whose bytes are not the manifest's", "[messages]") {
  TempDir tmp;
  const StoreLayout layout(tmp / "data");
  create_store_folders(layout);
  const std::string bytes = fx::blob_bytes(5000, 1);
  std::string flipped = bytes;
  flipped[2500] = static_cast<char>(flipped[2500] ^ 0x01);
  const BlobRef ref{sha256_hex(bytes), bytes.size()};
  const std::filesystem::path staging = layout.staging_for(std::string(64, 'c'));
  create_store_folder(staging);
  const std::filesystem::path partial = staging / (ref.sha256 + ".partial");
  fx::write_bytes(partial, flipped);
  try {
    verify_staged_blob(partial, ref, "asset photo");
    FAIL("accepted a flipped blob");
  } catch (const Error& e) {
    CHECK(e.reason() == Reason::hash);
    CHECK(std::string(e.what()) ==
          "asset photo: blob's SHA-256 is " + sha256_hex(flipped) + ", the manifest says " + ref.sha256);
  }
}

TEST_CASE("messages: a typo in a manifest key", "[messages]") {
  nlohmann::json doc = test::valid_manifest_json();
  doc["shedule"] = doc["schedule"];
  const Error e = test::refusal_of(doc);
  CHECK(e.reason() == Reason::schema);
  CHECK(std::string(e.what()) ==
        "site/manifest.json: shedule: unknown key (not part of the format; a typo?)");
}

TEST_CASE("messages: a typo in player.json", "[messages]") {
  const std::string raw = R"({"screen": "langson/huunghi/1", "trusted_keys": [")" +
                          public_key_line(generate_key_pair().public_key) + R"("], "poll_secs": 60})";
  try {
    (void)parse_config(raw, "/etc/gatecast/player.json");
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.kind() == Outcome::usage);
    CHECK(e.reason() == Reason::schema);
    CHECK(std::string(e.what()) ==
          "/etc/gatecast/player.json: poll_secs: unknown key (not part of the format; a typo?)");
  }
}
