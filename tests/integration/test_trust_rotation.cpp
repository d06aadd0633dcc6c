// A key rotation walked end to end with the office's commands (`gatecast keygen`, `keys`,
// `sign`), every signature checked by the real minisign tool, and a screen following it over
// nginx on loopback and over a USB stick: old root -> new root -> old approver removed; a
// manifest signed by the removed key is refused afterwards.
#include <catch2/catch.hpp>
#include <functional>

#include "support/nginx.hpp"
#include "support/run.hpp"
#include "trust_screen.hpp"

using namespace gatecast;
using gatecast::test::RunResult;
using gatecast::test::fx::PackageSpec;
using gatecast::test::fx::TrustScreen;

namespace {

std::string describe(const RunResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\nstdout: " + r.out + "\nstderr: " + r.err;
}

RunResult ok(std::vector<std::string> args) {
  RunResult r = test::gatecast(std::move(args));
  INFO(describe(r));
  REQUIRE(r.exit_code == 0);
  return r;
}

// The office: key pairs made by `gatecast keygen --no-password` in DIR/<name>/.
struct Desk {
  std::filesystem::path dir;
  std::filesystem::path pub(const std::string& n) const { return dir / n / "gatecast.pub"; }
  std::filesystem::path key(const std::string& n) const { return dir / n / "gatecast.key"; }
  std::string id(const std::string& n) const {
    return content::key_id_hex(content::read_public_key_file(pub(n)).key_id);
  }
  void make(const std::string& n) const { ok({"keygen", "--out", (dir / n).string(), "--no-password"}); }
};

// minisign -V on a file and its signature with a public key.
void minisign_checks(const std::filesystem::path& pub, const std::filesystem::path& file,
                     const std::filesystem::path& sig) {
  const RunResult r =
      test::run({"minisign", "-V", "-p", pub.string(), "-m", file.string(), "-x", sig.string()});
  INFO(describe(r));
  CHECK(r.exit_code == 0);
}

PackageSpec version(std::int64_t v) {
  PackageSpec spec;
  spec.version = v;
  spec.assets = {
      {"logo", test::fx::blob_bytes(3000 + static_cast<std::size_t>(v), static_cast<std::uint32_t>(v))}};
  return spec;
}

// The walk; `install` makes the screen fetch from the tree as it stands (server or stick).
void walk_rotation(TrustScreen& s, const std::function<RunResult()>& install) {
  const std::filesystem::path tree = s.tree.root();
  const std::string root = tree.string();
  Desk desk{s.data.path() / "desk"};
  for (const char* n : {"R1", "R2", "A1", "A2"}) desk.make(n);
  s.write_config_keys(desk.pub("R1"));

  // Key set 1: root R1, approver A1; version 1 approved by A1.
  ok({"keys", "init", root, "--root", desk.pub("R1").string(), "--approver", desk.pub("A1").string(),
      "--expires", "2099-01-01T00:00:00Z"});
  ok({"keys", "sign", root, "--key", desk.key("R1").string()});
  s.publish(version(1), {});
  ok({"sign", root, "--channel", "langson", "--key", desk.key("A1").string()});
  minisign_checks(desk.pub("R1"), content::key_set_path(tree),
                  content::key_set_signature_path(tree, desk.id("R1")));
  minisign_checks(desk.pub("A1"), s.tree.manifest_file("langson"), s.tree.signature_file("langson"));
  RunResult r = install();
  INFO(describe(r));
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("key set version 1 accepted"));

  // Rotation of the root: R1 -> R2, signed by the old root (for the screens) and the new one.
  ok({"keys", "rotate", root, "--from", desk.pub("R1").string(), "--to", desk.pub("R2").string()});
  ok({"keys", "sign", root, "--key", desk.key("R1").string()});
  ok({"keys", "sign", root, "--key", desk.key("R2").string()});
  for (const char* n : {"R1", "R2"}) {
    minisign_checks(desk.pub(n), content::key_set_path(tree),
                    content::key_set_signature_path(tree, desk.id(n)));
  }
  r = install();
  INFO(describe(r));
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("key set version 2 accepted"));

  // The approver A1 leaves and A2 arrives.
  ok({"keys", "add", root, "--pubkey", desk.pub("A2").string(), "--role", "approver"});
  ok({"keys", "remove", root, "--pubkey", desk.pub("A1").string()});
  ok({"keys", "sign", root, "--key", desk.key("R2").string()});
  minisign_checks(desk.pub("R2"), content::key_set_path(tree),
                  content::key_set_signature_path(tree, desk.id("R2")));
  // Version 2 approved by the removed key: refused, nothing changes.
  s.publish(version(2), {});
  ok({"sign", root, "--channel", "langson", "--key", desk.key("A1").string()});
  const auto before = s.state();
  r = install();
  INFO(describe(r));
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("not trusted"));
  // The key set itself was accepted on the way (it is good); the package was not.
  const auto after = s.state();
  CHECK(after.at("store/channels/langson/current") == before.at("store/channels/langson/current"));
  CHECK(
      content::parse_key_set(test::read_whole(s.data.path() / "data" / "keys" / "keys.json"), "k").version ==
      4);

  // Approved by A2 as well: now it installs.
  ok({"sign", root, "--channel", "langson", "--key", desk.key("A2").string()});
  minisign_checks(desk.pub("A2"), s.tree.manifest_file("langson"),
                  content::approval_path(tree, "langson", desk.id("A2")));
  r = install();
  INFO(describe(r));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("version 2 installed"));

  // The office checks the tree as a screen trusting the new root does; the old root no longer
  // vouches for this key set.
  const RunResult verified =
      ok({"verify", root, "--channel", "langson", "--pubkey", desk.pub("R2").string()});
  CHECK_THAT(verified.out, Catch::Contains("signed by: key " + desk.id("A2")));
  CHECK_THAT(verified.out, Catch::Contains("approvals: 1 of 1 needed"));
  const RunResult old_root =
      test::gatecast({"verify", root, "--channel", "langson", "--pubkey", desk.pub("R1").string()});
  CHECK(old_root.exit_code == 3);
}

}  // namespace

TEST_CASE("rotation over nginx: old root -> new root -> old approver removed", "[trust][rotation][nginx]") {
  TrustScreen s;
  test::Nginx nginx(s.tree.root());
  s.write_config(nginx.url());
  walk_rotation(s, [&] { return s.install(nginx.url()); });
  // Every signature file was asked for by its key id, and nothing else under keys/.
  CHECK(nginx.count_for("/keys/keys.json") > 0);
}

TEST_CASE("rotation over a USB stick: old root -> new root -> old approver removed",
          "[trust][rotation][usb]") {
  TrustScreen s;
  test::TempDir stick("gatecast-stick");
  s.write_config((stick.path() / "gatecast").string());
  walk_rotation(s, [&] {
    std::filesystem::remove_all(stick.path() / "gatecast");
    std::filesystem::copy(s.tree.root(), stick.path() / "gatecast", std::filesystem::copy_options::recursive);
    return s.install(stick.path().string());
  });
}
