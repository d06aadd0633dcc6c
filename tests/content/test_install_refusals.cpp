// Every way a package is refused: each must fail with Error(rejected) (or the stated kind), a
// message naming the problem, and a store that is byte-for-byte what it was before.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "content/base/base64.hpp"
#include "content/base/error.hpp"
#include "content/base/sha256.hpp"
#include "content/install/install.hpp"
#include "content/signing/minisign.hpp"
#include "content/store/installed.hpp"
#include "content/test_install_fixture.hpp"
#include "support/refusal.hpp"
#include "support/run.hpp"

using namespace gatecast;
namespace fx = gatecast::test::fx;
using namespace gatecast::content;
using fx::PackageSpec;
using fx::PublishTree;
using gatecast::test::TempDir;

namespace {

// A screen with version 5 installed from `tree`, ready for a refused version 6.
struct Screen {
  PublishTree tree;
  TempDir data;
  Config config = tree.config(data.path());
  std::string photo = fx::blob_bytes(20000, 1);
  std::string logo = fx::blob_bytes(3000, 2);

  Screen() {
    tree.publish(next(5));
    const std::unique_ptr<Source> source = open_folder_source(tree.root());
    REQUIRE(install_channel(*source, "langson", config, fx::test_now()).version == 5);
  }

  PackageSpec next(std::int64_t version) const {
    PackageSpec s;
    s.version = version;
    s.assets = {
        {"photo", photo}, {"logo", logo}, {"new", fx::blob_bytes(5000, static_cast<std::uint32_t>(version))}};
    return s;
  }

  // Installs from the tree, expects a refusal of `kind` for `reason`, and checks that nothing
  // in data_dir changed and version 5 still plays.
  void expect_refused(Reason reason, Outcome kind = Outcome::rejected) {
    const auto before = fx::listing(data.path());
    try {
      const std::unique_ptr<Source> source = open_folder_source(tree.root());
      (void)install_channel(*source, "langson", config, fx::test_now());
      FAIL("the package was accepted");
    } catch (const Error& e) {
      CHECK_THAT(e, test::ErrorMatcher(kind, reason));
    }
    CHECK(fx::listing(data.path()) == before);
    const auto playing = load_installed(config, "langson");
    REQUIRE(playing);
    CHECK(playing->version == 5);
  }

  // Publishes `spec`'s blobs and a manifest edited by `edit` (signed after the edit).
  void publish_edited(const PackageSpec& spec, const std::function<void(nlohmann::json&)>& edit) {
    tree.publish(spec);
    nlohmann::json doc = fx::manifest_document(spec);
    edit(doc);
    tree.publish_manifest("langson", doc.dump(2));
  }
};

// A signature over `raw` made by `signer`, with the key id bytes replaced by `claimed_id`.
std::string signature_claiming(const std::string& raw, const SecretKey& signer,
                               const std::array<unsigned char, 8>& claimed_id) {
  const std::string text = sign_message(raw, signer, "timestamp:1764000000");
  const std::size_t line2 = text.find('\n') + 1;
  const std::size_t end2 = text.find('\n', line2);
  std::string bytes = *base64_decode(text.substr(line2, end2 - line2));
  std::copy(claimed_id.begin(), claimed_id.end(), bytes.begin() + 2);
  return text.substr(0, line2) + base64_encode(bytes) + text.substr(end2);
}

std::filesystem::path blob_of(const Screen& s, const std::string& bytes) {
  return s.tree.blob_file(bytes);
}

}  // namespace

TEST_CASE("refused: a blob with one byte flipped", "[install][refusal]") {
  Screen s;
  const PackageSpec v6 = s.next(6);
  s.tree.publish(v6);
  std::string flipped = v6.assets.at("new");
  flipped[1234] = static_cast<char>(flipped[1234] ^ 0x40);
  fx::write_bytes(blob_of(s, v6.assets.at("new")), flipped);
  s.expect_refused(Reason::hash);
}

TEST_CASE("refused: a blob missing from the tree", "[install][refusal]") {
  Screen s;
  const PackageSpec v6 = s.next(6);
  s.tree.publish(v6);
  std::filesystem::remove(blob_of(s, v6.assets.at("new")));
  s.expect_refused(Reason::not_found);
}

TEST_CASE("refused: a truncated blob", "[install][refusal]") {
  Screen s;
  const PackageSpec v6 = s.next(6);
  s.tree.publish(v6);
  std::filesystem::resize_file(blob_of(s, v6.assets.at("new")), 4000);
  s.expect_refused(Reason::hash);
}

TEST_CASE("refused: a blob longer than the manifest says", "[install][refusal]") {
  Screen s;
  const PackageSpec v6 = s.next(6);
  s.tree.publish(v6);
  fx::write_bytes(blob_of(s, v6.assets.at("new")), v6.assets.at("new") + "x");
  s.expect_refused(Reason::hash);
}

TEST_CASE("refused: a manifest size that does not match the blob", "[install][refusal]") {
  Screen s;
  s.publish_edited(s.next(6), [](nlohmann::json& doc) { doc["assets"]["new"]["size"] = 4999; });
  s.expect_refused(Reason::hash);
}

TEST_CASE("refused: a manifest hash that is not the blob's", "[install][refusal]") {
  Screen s;
  const PackageSpec v6 = s.next(6);
  const std::string other = fx::blob_bytes(5000, 99);
  // blobs/<hash of other> holds the bytes of "new": same size, wrong hash.
  s.publish_edited(v6, [&](nlohmann::json& doc) { doc["assets"]["new"]["sha256"] = sha256_hex(other); });
  fx::write_bytes(s.tree.blob_file(other), v6.assets.at("new"));
  s.expect_refused(Reason::hash);
}

TEST_CASE("refused: a hash that is not 64 hex digits", "[install][refusal]") {
  for (const std::string& bad : std::vector<std::string>{"abc", std::string(64, 'G'), std::string(64, 'A'),
                                                         "../../../../etc/passwd", std::string(65, 'a')}) {
    Screen s;
    s.publish_edited(s.next(6), [&](nlohmann::json& doc) { doc["assets"]["new"]["sha256"] = bad; });
    s.expect_refused(Reason::schema);
  }
}

TEST_CASE("refused: rollback to a lower version", "[install][refusal]") {
  Screen s;
  s.tree.publish(s.next(4));
  s.expect_refused(Reason::rollback);
}

TEST_CASE("refused: the same version with different bytes", "[install][refusal]") {
  Screen s;
  PackageSpec same = s.next(5);
  same.assets["extra"] = "different content";
  s.tree.publish(same);
  s.expect_refused(Reason::rollback);
}

TEST_CASE("refused: an expired manifest", "[install][refusal]") {
  Screen s;
  PackageSpec v6 = s.next(6);
  v6.expires = "2026-11-25T09:59:59+07:00";  // a second before test_now()
  s.tree.publish(v6);
  s.expect_refused(Reason::expired);
}

TEST_CASE("refused: a manifest not meant for this screen", "[install][refusal]") {
  Screen s;
  PackageSpec v6 = s.next(6);
  v6.targets = {"langson/tanthanh/*", "langson/huunghi/2"};
  s.tree.publish(v6);
  s.expect_refused(Reason::target);
}

TEST_CASE("refused: a manifest for another channel", "[install][refusal]") {
  Screen s;
  s.publish_edited(s.next(6), [](nlohmann::json& doc) { doc["channel"] = "chima"; });
  s.expect_refused(Reason::target);
}

TEST_CASE("refused: an unknown key in the manifest", "[install][refusal]") {
  Screen s;
  s.publish_edited(s.next(6), [](nlohmann::json& doc) { doc["shedule"] = nlohmann::json::object(); });
  s.expect_refused(Reason::schema);
}

TEST_CASE("refused: an unsigned manifest", "[install][refusal]") {
  Screen s;
  s.tree.publish(s.next(6));
  std::filesystem::remove(s.tree.signature_file("langson"));
  s.expect_refused(Reason::signature);
}

TEST_CASE("refused: a garbage signature", "[install][refusal]") {
  for (const std::string& garbage : std::vector<std::string>{
           "", "hello\n", std::string(4096, 'A'), "untrusted comment: x\nAAAA\ntrusted comment: y\nAAAA\n",
           std::string("\0\xff\xfe", 3)}) {
    Screen s;
    s.tree.publish(s.next(6));
    fx::write_bytes(s.tree.signature_file("langson"), garbage);
    s.expect_refused(Reason::signature);
  }
}

TEST_CASE("refused: a signature that is too large to read", "[install][refusal]") {
  Screen s;
  s.tree.publish(s.next(6));
  fx::write_bytes(s.tree.signature_file("langson"), std::string(4097, 'A'));
  s.expect_refused(Reason::limit);
}

TEST_CASE("refused: a signature by another key", "[install][refusal]") {
  Screen s;
  s.tree.publish(s.next(6));
  const KeyPair other = generate_key_pair();
  const std::string raw = test::read_whole(s.tree.manifest_file("langson"));
  SECTION("with its own key id") {
    fx::write_bytes(s.tree.signature_file("langson"), sign_message(raw, other.secret_key, "timestamp:1"));
    s.expect_refused(Reason::key);
  }
  SECTION("claiming the trusted key's id") {
    fx::write_bytes(s.tree.signature_file("langson"),
                    signature_claiming(raw, other.secret_key, s.tree.key().public_key.key_id));
    s.expect_refused(Reason::signature);
  }
}

TEST_CASE("refused: a manifest changed after signing", "[install][refusal]") {
  Screen s;
  s.tree.publish(s.next(6));
  std::string raw = test::read_whole(s.tree.manifest_file("langson"));
  raw.replace(raw.find("\"version\": 6"), 12, "\"version\": 7");
  fx::write_bytes(s.tree.manifest_file("langson"), raw);
  s.expect_refused(Reason::signature);
}

TEST_CASE("refused: an oversized manifest, before it is read to the end", "[install][refusal]") {
  Screen s;
  nlohmann::json doc = fx::manifest_document(s.next(6));
  s.tree.publish(s.next(6));
  const std::string raw = doc.dump(2) + std::string((4u << 20) + 1, ' ');
  s.tree.publish_manifest("langson", raw);
  s.expect_refused(Reason::limit);
}

TEST_CASE("refused: symlinks in the publish tree are never followed", "[install][refusal]") {
  Screen s;
  const PackageSpec v6 = s.next(6);
  s.tree.publish(v6);
  SECTION("a blob that is a symlink to a file with the right bytes") {
    const std::filesystem::path blob = blob_of(s, v6.assets.at("new"));
    fx::write_bytes(s.tree.dir() / "outside", v6.assets.at("new"));
    std::filesystem::remove(blob);
    std::filesystem::create_symlink(s.tree.dir() / "outside", blob);
    s.expect_refused(Reason::schema);
  }
  SECTION("the blobs folder is a symlink") {
    std::filesystem::rename(s.tree.root() / "blobs", s.tree.dir() / "real-blobs");
    std::filesystem::create_symlink(s.tree.dir() / "real-blobs", s.tree.root() / "blobs");
    s.expect_refused(Reason::schema);
  }
  SECTION("the channel folder is a symlink") {
    std::filesystem::rename(s.tree.channel_dir("langson"), s.tree.dir() / "real-channel");
    std::filesystem::create_symlink(s.tree.dir() / "real-channel", s.tree.channel_dir("langson"));
    s.expect_refused(Reason::schema);
  }
  SECTION("the manifest is a FIFO") {
    std::filesystem::remove(s.tree.manifest_file("langson"));
    REQUIRE(::mkfifo(s.tree.manifest_file("langson").c_str(), 0644) == 0);
    s.expect_refused(Reason::schema);
  }
}

TEST_CASE("refused: a channel name that would leave the tree or the store", "[install][refusal]") {
  Screen s;
  for (const std::string& bad : std::vector<std::string>{"../langson", "..", "/etc", "a/../../b", ""}) {
    const auto before = fx::listing(s.data.path());
    const std::unique_ptr<Source> source = open_folder_source(s.tree.root());
    CHECK_THROWS_MATCHES(install_channel(*source, bad, s.config, fx::test_now()), Error,
                         test::UsageError(Reason::schema));
    CHECK(fx::listing(s.data.path()) == before);
  }
}

TEST_CASE("refused: a first install leaves no blob, version or record behind", "[install][refusal]") {
  PublishTree tree;
  TempDir data;
  const Config config = tree.config(data.path());
  PackageSpec v1;
  v1.assets = {{"good", fx::blob_bytes(9000, 5)}, {"bad", fx::blob_bytes(9000, 6)}};
  tree.publish(v1);
  std::string flipped = v1.assets.at("bad");
  flipped[0] = static_cast<char>(flipped[0] ^ 1);
  fx::write_bytes(tree.blob_file(v1.assets.at("bad")), flipped);
  const std::unique_ptr<Source> source = open_folder_source(tree.root());
  CHECK_THROWS_MATCHES(install_channel(*source, "langson", config, fx::test_now()), Error,
                       test::Refused(Reason::hash));
  for (const auto& [path, what] : fx::listing(data.path())) {
    INFO(path);
    CHECK((what == "dir" || path == "store/lock"));  // only the empty skeleton and the lock
  }
  CHECK_FALSE(load_installed(config, "langson").has_value());
}
