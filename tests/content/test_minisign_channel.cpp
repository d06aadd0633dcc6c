// Signing a channel of a publish tree (what `gatecast sign` does), without the binary.
#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "content/base/error.hpp"
#include "content/base/publish_tree.hpp"
#include "content/publish/minisign_channel.hpp"
#include "content/signing/minisign.hpp"
#include "support/files.hpp"
#include "support/refusal.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast::content;
using gatecast::Outcome;
using gatecast::test::TempDir;

using gatecast::test::read_whole;
using gatecast::test::write_file;
namespace {

std::string manifest_for(const std::string& channel, int version) {
  return R"({"format": "gatecast/1", "channel": ")" + channel + R"(", "version": )" +
         std::to_string(version) +
         R"(, "created": "2026-11-20T08:00:00+07:00", "expires": "2036-11-20T08:00:00+07:00",
  "targets": ["*"], "assets": {},
  "layouts": {"full": {"size": [1920, 1080], "regions": {"t": {"rect": [0, 0, 1920, 1080]}}}},
  "playlists": {"day": {"slides": [{"layout": "full", "duration": 10,
    "content": {"t": {"type": "text", "text": {"en": "Hello"}}}}]}},
  "schedule": {"default": "day"}})";
}

Outcome outcome_of(const std::filesystem::path& root, const std::string& channel, const SecretKey& key) {
  try {
    (void)sign_channel_manifest(root, channel, key, 1);
    return Outcome::ok;
  } catch (const gatecast::Error& e) {
    return e.kind();
  }
}

}  // namespace

TEST_CASE("minisign channel: the trusted comment names time, file and channel", "[minisign]") {
  CHECK(manifest_trusted_comment(1795598841, "langson") ==
        "timestamp:1795598841\tfile:manifest.json\tchannel:langson");
}

TEST_CASE("minisign channel: signs the manifest's exact bytes and replaces an older signature",
          "[minisign]") {
  TempDir dir;
  const KeyPair pair = generate_key_pair();
  const auto manifest = dir / "channels" / "chima" / "manifest.json";
  write_file(manifest, manifest_for("chima", 1));
  const auto sig = sign_channel_manifest(dir.path(), "chima", pair.secret_key, 1795598841);
  CHECK(sig == manifest.string() + ".minisig");
  CHECK(verify_message(read_whole(manifest), read_whole(sig), {pair.public_key}, "sig") ==
        "timestamp:1795598841\tfile:manifest.json\tchannel:chima");

  write_file(manifest, manifest_for("chima", 2));
  CHECK_THROWS_MATCHES(verify_message(read_whole(manifest), read_whole(sig), {pair.public_key}, "sig"),
                       gatecast::Error, gatecast::test::Refused(gatecast::Reason::signature));
  (void)sign_channel_manifest(dir.path(), "chima", pair.secret_key, 1795598900);
  CHECK(verify_message(read_whole(manifest), read_whole(sig), {pair.public_key}, "sig") ==
        "timestamp:1795598900\tfile:manifest.json\tchannel:chima");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(manifest.parent_path()))
    ++entries;
  CHECK(entries == 2);  // no temporary file left behind
}

TEST_CASE("minisign channel: refusals keep the previous signature", "[minisign]") {
  TempDir dir;
  const KeyPair pair = generate_key_pair();
  const auto manifest = dir / "channels" / "langson" / "manifest.json";
  write_file(manifest, manifest_for("langson", 1));
  const std::string good = read_whole(sign_channel_manifest(dir.path(), "langson", pair.secret_key, 5));

  write_file(manifest, manifest_for("tanthanh", 2));
  CHECK(outcome_of(dir.path(), "langson", pair.secret_key) == Outcome::rejected);
  write_file(manifest, "{\"format\": \"gatecast/1\"}");
  CHECK(outcome_of(dir.path(), "langson", pair.secret_key) == Outcome::rejected);
  write_file(manifest, std::string((4u << 20) + 1, ' '));
  CHECK(outcome_of(dir.path(), "langson", pair.secret_key) == Outcome::rejected);
  CHECK(read_whole(manifest.string() + ".minisig") == good);

  CHECK(outcome_of(dir.path(), "../langson", pair.secret_key) == Outcome::usage);
  CHECK(outcome_of(dir.path(), "Langson", pair.secret_key) == Outcome::usage);
  CHECK(outcome_of(dir.path(), "chima", pair.secret_key) == Outcome::runtime);
  CHECK(outcome_of(dir / "absent", "langson", pair.secret_key) == Outcome::runtime);
  std::filesystem::create_directories(dir / "channels" / "folder" / "manifest.json");
  CHECK(outcome_of(dir.path(), "folder", pair.secret_key) == Outcome::runtime);
}

TEST_CASE("minisign channel: a second key adds an approval beside the first", "[minisign][approvals]") {
  TempDir dir;
  const KeyPair a = generate_key_pair(), b = generate_key_pair();
  const auto manifest = dir / "channels" / "langson" / "manifest.json";
  write_file(manifest, manifest_for("langson", 1));
  const auto first = sign_channel_manifest(dir.path(), "langson", a.secret_key, 1);
  const auto second = sign_channel_manifest(dir.path(), "langson", b.secret_key, 2);
  CHECK(first == manifest.string() + ".minisig");
  CHECK(second == approval_path(dir.path(), "langson", key_id_hex(b.public_key.key_id)));
  const std::string raw = read_whole(manifest);
  CHECK_NOTHROW(verify_message(raw, read_whole(first), {a.public_key}, "a"));
  CHECK_NOTHROW(verify_message(raw, read_whole(second), {b.public_key}, "b"));
  // The first signer signing again replaces its own file; the second's stays.
  CHECK(sign_channel_manifest(dir.path(), "langson", a.secret_key, 3) == first);
  CHECK(std::filesystem::exists(second));
  // New manifest bytes (what pack writes) drop the further approvals.
  remove_further_approvals(dir.path(), "langson");
  CHECK_FALSE(std::filesystem::exists(second));
  CHECK(std::filesystem::exists(first));
}
