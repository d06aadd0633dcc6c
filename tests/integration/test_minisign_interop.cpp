// gatecast's signatures and keys against the real minisign tool (/usr/bin/minisign), in every
// direction the tool supports, and the `gatecast keygen` / `gatecast sign` commands.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <optional>
#include <string>

#include "content/base/base64.hpp"
#include "content/base/error.hpp"
#include "content/signing/minisign.hpp"
#include "support/files.hpp"
#include "support/refusal.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast::content;
using gatecast::test::run;
using gatecast::test::RunResult;
using gatecast::test::TempDir;

using gatecast::test::read_whole;
using gatecast::test::write_file;
namespace {

std::string describe(const RunResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\nstdout: " + r.out + "\nstderr: " + r.err;
}

// A minisign key pair without a password (-W), as an office would make one for unattended signing.
void minisign_keygen(const std::filesystem::path& pub, const std::filesystem::path& key) {
  const RunResult r = run({"minisign", "-G", "-W", "-p", pub.string(), "-s", key.string()});
  INFO(describe(r));
  REQUIRE(r.exit_code == 0);
}

// Why gatecast refuses `signature` over `message` (nullopt when it verifies).
std::optional<gatecast::Reason> rejection(std::string_view message, const std::string& signature,
                                          const PublicKey& key) {
  try {
    (void)verify_message(message, signature, {key}, "sig");
    return std::nullopt;
  } catch (const gatecast::Error& e) {
    return e.reason();
  }
}

const std::string message_text = "{\"format\":\"gatecast/1\",\"note\":\"Cửa khẩu Hữu Nghị 友谊关\"}\n";

// A small manifest that parse_manifest accepts (docs/manifest.md).
std::string manifest_for(const std::string& channel) {
  return R"({"format": "gatecast/1", "channel": ")" + channel + R"(", "version": 3,
  "created": "2026-11-20T08:00:00+07:00", "expires": "2036-11-20T08:00:00+07:00",
  "targets": ["langson/*"], "assets": {},
  "layouts": {"full": {"size": [1920, 1080], "regions": {"title": {"rect": [0, 0, 1920, 1080]}}}},
  "playlists": {"day": {"slides": [{"layout": "full", "duration": 10,
    "content": {"title": {"type": "text", "text": {"vi": "Xin chào", "zh": "你好", "en": "Hello"}}}}]}},
  "schedule": {"default": "day"}}
)";
}

}  // namespace

TEST_CASE("minisign interop: minisign's prehashed and legacy signatures verify in gatecast",
          "[minisign][interop]") {
  TempDir dir;
  minisign_keygen(dir / "m.pub", dir / "m.key");
  write_file(dir / "msg", message_text);
  RunResult r = run({"minisign", "-S", "-s", (dir / "m.key").string(), "-m", (dir / "msg").string(), "-t",
                     "channel:langson\tnote:ký bởi Sở TT&TT"});
  INFO(describe(r));
  REQUIRE(r.exit_code == 0);
  r = run({"minisign", "-S", "-l", "-s", (dir / "m.key").string(), "-m", (dir / "msg").string(), "-x",
           (dir / "legacy.minisig").string()});
  INFO(describe(r));
  REQUIRE(r.exit_code == 0);

  const PublicKey key = read_public_key_file(dir / "m.pub");
  const std::string hashed = read_whole(dir / "msg.minisig");
  const std::string legacy = read_whole(dir / "legacy.minisig");
  CHECK(parse_signature(hashed, "h").prehashed());
  CHECK_FALSE(parse_signature(legacy, "l").prehashed());
  CHECK(verify_message(message_text, hashed, {key}, "h") == "channel:langson\tnote:ký bởi Sở TT&TT");
  CHECK_THAT(verify_message(message_text, legacy, {key}, "l"), Catch::StartsWith("timestamp:"));
  // The same key given as the config's one-line form.
  const std::string pub_text = read_whole(dir / "m.pub");
  const PublicKey from_line = parse_public_key(pub_text.substr(pub_text.find('\n') + 1), "trusted_keys[0]");
  CHECK(verify_message(message_text, hashed, {from_line}, "h") == "channel:langson\tnote:ký bởi Sở TT&TT");

  CHECK(rejection(message_text + " ", hashed, key) == gatecast::Reason::signature);
  CHECK(rejection(message_text + " ", legacy, key) == gatecast::Reason::signature);
  CHECK(rejection(message_text, hashed, generate_key_pair().public_key) == gatecast::Reason::key);
}

TEST_CASE("minisign interop: gatecast signatures verify with minisign -V", "[minisign][interop]") {
  TempDir dir;
  write_new_key_pair(dir / "keys");
  const SecretKey key = read_secret_key_file(dir / "keys" / "gatecast.key");
  write_file(dir / "msg", message_text);
  write_file(dir / "msg.minisig", sign_message(message_text, key, "timestamp:1\tfile:msg\tchannel:langson"));
  for (const char* require_prehashed : {"", "-H"}) {
    std::vector<std::string> argv = {
        "minisign", "-V", "-p", (dir / "keys" / "gatecast.pub").string(), "-m", (dir / "msg").string()};
    if (*require_prehashed) argv.push_back(require_prehashed);
    const RunResult r = run(argv);
    INFO(describe(r));
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("Trusted comment: timestamp:1\tfile:msg\tchannel:langson"));
  }
  // minisign refuses what gatecast refuses.
  write_file(dir / "msg", message_text + "x");
  const RunResult tampered =
      run({"minisign", "-V", "-p", (dir / "keys" / "gatecast.pub").string(), "-m", (dir / "msg").string()});
  CHECK(tampered.exit_code != 0);
}

TEST_CASE("minisign interop: a gatecast secret key is usable by minisign -S and -R", "[minisign][interop]") {
  TempDir dir;
  write_new_key_pair(dir.path());
  write_file(dir / "msg", message_text);
  RunResult r = run({"minisign", "-S", "-s", (dir / "gatecast.key").string(), "-m", (dir / "msg").string(),
                     "-t", "made by minisign"});
  INFO(describe(r));
  REQUIRE(r.exit_code == 0);
  const PublicKey pub = read_public_key_file(dir / "gatecast.pub");
  CHECK(verify_message(message_text, read_whole(dir / "msg.minisig"), {pub}, "sig") == "made by minisign");
  r = run({"minisign", "-R", "-s", (dir / "gatecast.key").string(), "-p", (dir / "again.pub").string()});
  INFO(describe(r));
  REQUIRE(r.exit_code == 0);
  const PublicKey again = read_public_key_file(dir / "again.pub");
  CHECK(public_key_line(again) == public_key_line(pub));
}

TEST_CASE("minisign interop: minisign -G -W keys sign in gatecast", "[minisign][interop]") {
  TempDir dir;
  minisign_keygen(dir / "m.pub", dir / "m.key");
  const SecretKey key = read_secret_key_file(dir / "m.key");
  CHECK(public_key_line(public_key_of(key)) == public_key_line(read_public_key_file(dir / "m.pub")));
  write_file(dir / "msg", message_text);
  write_file(dir / "msg.minisig", sign_message(message_text, key, "gatecast with a minisign key"));
  const std::string line = public_key_line(read_public_key_file(dir / "m.pub"));
  const RunResult r = run({"minisign", "-V", "-P", line, "-m", (dir / "msg").string()});
  INFO(describe(r));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("gatecast with a minisign key"));
}

TEST_CASE("minisign interop: a password-protected key needs its password, or minisign -C -W to remove it",
          "[minisign][interop]") {
  TempDir dir;
  RunResult r = run({"minisign", "-G", "-p", (dir / "e.pub").string(), "-s", (dir / "e.key").string()},
                    "correct horse\ncorrect horse\n");
  INFO(describe(r));
  REQUIRE(r.exit_code == 0);
  try {
    (void)read_secret_key_file(dir / "e.key");
    FAIL("an encrypted key was read");
  } catch (const gatecast::Error& e) {
    CHECK_THAT(e, gatecast::test::UsageError(gatecast::Reason::key));
    CHECK_THAT(e.problem(), Catch::Contains("protected by a password") && Catch::Contains("--password-file"));
  }
  r = run({"minisign", "-C", "-W", "-s", (dir / "e.key").string()}, "correct horse\n");
  INFO(describe(r));
  REQUIRE(r.exit_code == 0);
  // Decrypted this way the key keeps minisign's real checksum, which is checked.
  const SecretKey key = read_secret_key_file(dir / "e.key");
  CHECK(verify_message("m", sign_message("m", key, "c"), {read_public_key_file(dir / "e.pub")}, "s") == "c");
}

TEST_CASE("gatecast keygen: writes a key pair minisign accepts and refuses to overwrite", "[minisign][cli]") {
  TempDir dir;
  const auto out = dir / "office";
  RunResult r = gatecast::test::gatecast({"keygen", "--out", out.string(), "--no-password"});
  INFO(describe(r));
  REQUIRE(r.exit_code == 0);
  const std::string line = public_key_line(read_public_key_file(out / "gatecast.pub"));
  CHECK_THAT(r.out, Catch::Contains("public key for trusted_keys: " + line));
  struct stat st {};
  REQUIRE(::stat((out / "gatecast.key").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  write_file(dir / "msg", message_text);
  r = run({"minisign", "-S", "-s", (out / "gatecast.key").string(), "-m", (dir / "msg").string()});
  INFO(describe(r));
  CHECK(r.exit_code == 0);
  r = run({"minisign", "-V", "-P", line, "-m", (dir / "msg").string()});
  CHECK(r.exit_code == 0);

  const std::string before = read_whole(out / "gatecast.key");
  r = gatecast::test::gatecast({"keygen", "--out", out.string(), "--no-password"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("gatecast: " + (out / "gatecast.pub").string() + ": "));
  CHECK(read_whole(out / "gatecast.key") == before);
}

TEST_CASE("gatecast keygen: command-line mistakes are usage errors", "[minisign][cli]") {
  TempDir dir;
  CHECK(gatecast::test::gatecast({"keygen"}).exit_code == 2);
  CHECK(gatecast::test::gatecast({"keygen", "--out"}).exit_code == 2);
  CHECK(gatecast::test::gatecast({"keygen", "--out", ""}).exit_code == 2);
  CHECK(gatecast::test::gatecast({"keygen", "--out", (dir / "a").string(), "extra"}).exit_code == 2);
  CHECK(gatecast::test::gatecast(
            {"keygen", "--out", (dir / "a").string(), "--no-password", "--password-env", "X"})
            .exit_code == 2);
  CHECK(gatecast::test::gatecast({"keygen", "--force", "--out", (dir / "a").string()}).exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(dir / "a"));
}

TEST_CASE("gatecast sign: signs a channel's manifest for minisign and gatecast alike", "[minisign][cli]") {
  TempDir dir;
  write_new_key_pair(dir / "keys");
  const auto manifest = dir / "root" / "channels" / "langson" / "manifest.json";
  write_file(manifest, manifest_for("langson"));
  const auto before = std::chrono::system_clock::now();
  const RunResult r = gatecast::test::gatecast({"sign", (dir / "root").string(), "--channel", "langson",
                                                "--key", (dir / "keys" / "gatecast.key").string()});
  INFO(describe(r));
  REQUIRE(r.exit_code == 0);
  const auto signature = manifest.string() + ".minisig";
  CHECK_THAT(r.out, Catch::Contains(signature));
  struct stat st {};
  REQUIRE(::stat(signature.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0644);

  const std::string comment =
      verify_message(read_whole(manifest), read_whole(signature),
                     {read_public_key_file(dir / "keys" / "gatecast.pub")}, signature);
  const long long stamp = std::stoll(comment.substr(std::string("timestamp:").size()));
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(before.time_since_epoch()).count();
  CHECK(stamp >= now);
  CHECK(stamp <= now + 60);
  CHECK(comment == "timestamp:" + std::to_string(stamp) + "\tfile:manifest.json\tchannel:langson");

  const RunResult checked =
      run({"minisign", "-V", "-H", "-p", (dir / "keys" / "gatecast.pub").string(), "-m", manifest.string()});
  INFO(describe(checked));
  CHECK(checked.exit_code == 0);
  CHECK_THAT(checked.out, Catch::Contains("channel:langson"));
}

TEST_CASE("gatecast sign: missing files, bad keys and wrong manifests", "[minisign][cli]") {
  TempDir dir;
  write_new_key_pair(dir / "keys");
  const std::string key = (dir / "keys" / "gatecast.key").string();
  const std::string root = (dir / "root").string();
  const auto manifest = dir / "root" / "channels" / "langson" / "manifest.json";
  const auto sign = [&](const std::string& channel, const std::string& key_file) {
    return gatecast::test::gatecast({"sign", root, "--channel", channel, "--key", key_file});
  };

  RunResult r = sign("langson", key);  // no manifest yet
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::StartsWith("gatecast: " + manifest.string() + ": "));

  write_file(manifest, manifest_for("langson"));
  r = sign("langson", (dir / "keys" / "absent.key").string());
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains((dir / "keys" / "absent.key").string()));

  r = sign("langson", (dir / "keys" / "gatecast.pub").string());  // the public half given as --key
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("gatecast: " + (dir / "keys" / "gatecast.pub").string() + ": "));

  // A password-protected key (kdf "Sc"; the interop test above makes a real one with minisign).
  std::string text = read_whole(key);
  const std::size_t nl = text.find('\n');
  std::string record = *base64_decode(text.substr(nl + 1, 212));
  record.replace(2, 2, "Sc");
  write_file(dir / "e.key", text.substr(0, nl + 1) + base64_encode(record) + "\n");
  // Without a terminal (setsid) and without a password option there is nobody to ask.
  r = run({"setsid", "-w", GATECAST_BINARY, "sign", root, "--channel", "langson", "--key",
           (dir / "e.key").string()});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("gatecast: " + (dir / "e.key").string() + ": "));

  r = sign("../langson", key);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("gatecast: --channel: "));

  r = gatecast::test::gatecast({"sign", root, "--channel", "langson"});
  CHECK(r.exit_code == 2);

  write_file(manifest, manifest_for("chima"));
  r = sign("langson", key);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::StartsWith("gatecast: " + manifest.string() + ": "));

  write_file(manifest, "{\"format\": \"gatecast/1\",");
  r = sign("langson", key);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::StartsWith("gatecast: " + manifest.string()));

  CHECK_FALSE(std::filesystem::exists(manifest.string() + ".minisig"));
}
