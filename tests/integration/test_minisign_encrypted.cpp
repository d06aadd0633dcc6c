// Password-protected secret keys against the real minisign tool, both directions, with
// minisign's own scrypt limits: keys from `minisign -G` sign in gatecast, keys from
// `gatecast keygen` sign in `minisign -S`. minisign reads a password from standard input when
// that is not a terminal, so the tests feed it there.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "content/base/base64.hpp"
#include "content/signing/minisign.hpp"
#include "content/test_install_fixture.hpp"
#include "support/files.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::content;
using gatecast::test::RunResult;

namespace {

std::string describe(const RunResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\nstdout: " + r.out + "\nstderr: " + r.err;
}

// The key record's opslimit and memlimit (little-endian, after algorithm, kdf, checksum, salt).
std::pair<std::uint64_t, std::uint64_t> kdf_limits_of(const std::filesystem::path& key_file) {
  const std::string text = test::read_whole(key_file);
  const std::size_t nl = text.find('\n');
  const std::string record = *base64_decode(text.substr(nl + 1, 212));
  const auto le64 = [&](std::size_t at) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
      v = (v << 8) | static_cast<unsigned char>(record[at + static_cast<std::size_t>(i)]);
    return v;
  };
  REQUIRE(record.substr(2, 2) == "Sc");
  return {le64(38), le64(46)};
}

}  // namespace

TEST_CASE("encrypted keys: gatecast keygen's key signs in minisign -S, with minisign's limits",
          "[minisign][interop][password]") {
  test::TempDir dir;
  test::write_file(dir.path() / "pw", "phố cổ Đồng Đăng\n");
  RunResult r = test::gatecast(
      {"keygen", "--out", (dir.path() / "k").string(), "--password-file", (dir.path() / "pw").string()});
  INFO(describe(r));
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("encrypted with the password"));

  // The same parameters minisign -G writes.
  r = test::run(
      {"minisign", "-G", "-p", (dir.path() / "m.pub").string(), "-s", (dir.path() / "m.key").string()},
      "x\nx\n");
  INFO(describe(r));
  REQUIRE(r.exit_code == 0);
  CHECK(kdf_limits_of(dir.path() / "k" / "gatecast.key") == kdf_limits_of(dir.path() / "m.key"));

  test::write_file(dir.path() / "msg", "Cửa khẩu Tân Thanh\n");
  r = test::run({"minisign", "-S", "-s", (dir.path() / "k" / "gatecast.key").string(), "-m",
                 (dir.path() / "msg").string()},
                "phố cổ Đồng Đăng\n");
  INFO(describe(r));
  REQUIRE(r.exit_code == 0);
  r = test::run({"minisign", "-V", "-p", (dir.path() / "k" / "gatecast.pub").string(), "-m",
                 (dir.path() / "msg").string()});
  INFO(describe(r));
  CHECK(r.exit_code == 0);
  // And minisign refuses a wrong password for it, as gatecast does.
  r = test::run({"minisign", "-S", "-s", (dir.path() / "k" / "gatecast.key").string(), "-m",
                 (dir.path() / "msg").string(), "-x", (dir.path() / "bad.minisig").string()},
                "wrong\n");
  CHECK(r.exit_code != 0);
}

TEST_CASE("encrypted keys: a minisign -G key signs in gatecast sign, from a file or a variable",
          "[minisign][interop][password]") {
  test::TempDir dir;
  RunResult r = test::run(
      {"minisign", "-G", "-p", (dir.path() / "m.pub").string(), "-s", (dir.path() / "m.key").string()},
      "correct horse\ncorrect horse\n");
  INFO(describe(r));
  REQUIRE(r.exit_code == 0);
  test::fx::PublishTree tree;
  tree.publish(test::fx::PackageSpec{});
  std::filesystem::remove(tree.signature_file("langson"));
  const std::string root = tree.root().string(), key = (dir.path() / "m.key").string();

  test::write_file(dir.path() / "wrong", "battery staple\n");
  r = test::gatecast({"sign", root, "--channel", "langson", "--key", key, "--password-file",
                      (dir.path() / "wrong").string()});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("wrong password"));
  CHECK_FALSE(std::filesystem::exists(tree.signature_file("langson")));

  test::write_file(dir.path() / "pw", "correct horse\r\n");  // a file saved on Windows
  r = test::gatecast(
      {"sign", root, "--channel", "langson", "--key", key, "--password-file", (dir.path() / "pw").string()});
  INFO(describe(r));
  REQUIRE(r.exit_code == 0);
  r = test::run({"minisign", "-V", "-p", (dir.path() / "m.pub").string(), "-m",
                 tree.manifest_file("langson").string()});
  INFO(describe(r));
  CHECK(r.exit_code == 0);

  ::setenv("GATECAST_TEST_PASSWORD", "correct horse", 1);
  r = test::gatecast(
      {"sign", root, "--channel", "langson", "--key", key, "--password-env", "GATECAST_TEST_PASSWORD"});
  INFO(describe(r));
  CHECK(r.exit_code == 0);
  ::unsetenv("GATECAST_TEST_PASSWORD");
  r = test::gatecast(
      {"sign", root, "--channel", "langson", "--key", key, "--password-env", "GATECAST_TEST_PASSWORD"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("is not set"));
  r = test::gatecast({"sign", root, "--channel", "langson", "--key", key, "--password-env", "X",
                      "--password-file", (dir.path() / "pw").string()});
  CHECK(r.exit_code == 2);
}
