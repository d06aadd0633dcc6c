// `gatecast install` and `gatecast status` as an operator runs them: exit codes, the one-line
// messages, the state they record, and the USB stick layout.
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "content/base/rfc3339.hpp"
#include "content/store/installed.hpp"
#include "content/test_install_fixture.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
namespace fx = gatecast::test::fx;
using fx::PackageSpec;
using fx::PublishTree;
using gatecast::test::TempDir;

namespace {

PackageSpec cli_spec(std::int64_t version, std::uint32_t seed) {
  PackageSpec s;
  s.version = version;
  s.assets = {{"photo", fx::blob_bytes(50000, seed)}, {"logo", fx::blob_bytes(700, seed + 1)}};
  return s;
}

}  // namespace

TEST_CASE("gatecast install puts a package in place and status shows it", "[install_cli]") {
  PublishTree tree;
  TempDir data;
  tree.publish(cli_spec(7, 1));
  const auto config = tree.write_config_file(data.path());

  const test::RunResult r = test::gatecast({"install", tree.root().string(), "--config", config.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("langson: version 7 installed"));

  const test::RunResult again =
      test::gatecast({"install", tree.root().string(), "--config", config.string()});
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.out, Catch::Contains("already installed"));

  const test::RunResult status = test::gatecast({"status", "--config", config.string()});
  REQUIRE(status.exit_code == 0);
  CHECK_THAT(status.out, Catch::Contains("installed version: 7"));
  CHECK_THAT(status.out, Catch::Contains("expires: 2099-01-01T00:00:00+07:00"));
  CHECK_THAT(status.out, Catch::Contains("last error: none"));
  CHECK_THAT(status.out, !Catch::Contains("STALE"));
  CHECK_THAT(status.out, Catch::Contains("now: day"));  // the fixture's only playlist, all day

  const test::RunResult json = test::gatecast({"status", "--config", config.string(), "--json"});
  REQUIRE(json.exit_code == 0);
  const auto doc = nlohmann::json::parse(json.out);
  CHECK(doc["screen"] == fx::test_screen);
  REQUIRE(doc["channels"].size() == 1);
  CHECK(doc["channels"][0]["version"] == 7);
  CHECK(doc["channels"][0]["highest_accepted"] == 7);
  CHECK(doc["channels"][0]["stale"] == false);
  REQUIRE(doc["channels"][0]["playback"].size() >= 1);
  CHECK_THAT(doc["channels"][0]["playback"][0].get<std::string>(), Catch::StartsWith("wants now: day"));
  CHECK(doc["last_success"].is_string());
  CHECK(doc["last_error"].is_null());
  CHECK(doc["last_error_reason"].is_null());
  CHECK(doc["channels"][0]["problem_reason"].is_null());
}

TEST_CASE("gatecast install takes a USB stick's gatecast folder and every configured channel once",
          "[install_cli]") {
  PublishTree tree;
  TempDir data;
  tree.publish(cli_spec(2, 10));
  PackageSpec chima = cli_spec(9, 20);
  chima.channel = "chima";
  tree.publish(chima);
  const auto config = tree.write_config_file(data.path(), {"langson", "chima", "langson"});
  TempDir stick;
  std::filesystem::rename(tree.root(), stick / "gatecast");

  const test::RunResult r = test::gatecast({"install", stick.path().string(), "--config", config.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("langson: version 2 installed") &&
                        Catch::Contains("chima: version 9 installed"));
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 2);
}

TEST_CASE("gatecast install exits 3 on a refused package, changes nothing and records the error",
          "[install_cli]") {
  PublishTree tree;
  TempDir data;
  tree.publish(cli_spec(1, 30));
  const auto config = tree.write_config_file(data.path());
  REQUIRE(test::gatecast({"install", tree.root().string(), "--config", config.string()}).exit_code == 0);
  const auto before = fx::listing(data.path() / "store");

  const PackageSpec v2 = cli_spec(2, 40);
  tree.publish(v2);
  std::string flipped = v2.assets.at("photo");
  flipped[100] = static_cast<char>(flipped[100] ^ 0x10);
  fx::write_bytes(tree.blob_file(v2.assets.at("photo")), flipped);

  const test::RunResult r = test::gatecast({"install", tree.root().string(), "--config", config.string()});
  CHECK(r.exit_code == 3);
  CHECK(r.err.rfind("gatecast: ", 0) == 0);  // one line per problem
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK_THAT(r.err,
             Catch::StartsWith("gatecast: ") && Catch::Contains("(asset photo): "));  // the blob, named
  CHECK(fx::listing(data.path() / "store") == before);

  const test::RunResult status = test::gatecast({"status", "--config", config.string(), "--json"});
  const auto doc = nlohmann::json::parse(status.out);
  CHECK(doc["channels"][0]["version"] == 1);
  CHECK(doc["last_error"].get<std::string>() + "\n" == r.err.substr(std::string("gatecast: ").size()));
  CHECK(doc["last_error_reason"] == "hash");
}

TEST_CASE("gatecast install exits 1 on a missing source and 2 on a bad command line", "[install_cli]") {
  PublishTree tree;
  TempDir data;
  const auto config = tree.write_config_file(data.path());
  const test::RunResult missing =
      test::gatecast({"install", (data / "no-such-stick").string(), "--config", config.string()});
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Catch::StartsWith("gatecast: " + (data / "no-such-stick").string() + ": "));
  const auto doc =
      nlohmann::json::parse(test::gatecast({"status", "--config", config.string(), "--json"}).out);
  CHECK(doc["last_error_reason"] == "not_found");
  CHECK(test::gatecast({"install", tree.root().string()}).exit_code == 2);
  CHECK(test::gatecast({"install", "--config", config.string()}).exit_code == 2);
  CHECK(test::gatecast({"status", "--config", config.string(), "--bogus"}).exit_code == 2);
}

TEST_CASE("gatecast status says nothing is installed, and stale once past expiry", "[install_cli]") {
  PublishTree tree;
  TempDir data;
  const auto config = tree.write_config_file(data.path());
  const test::RunResult empty = test::gatecast({"status", "--config", config.string()});
  CHECK(empty.exit_code == 0);
  CHECK_THAT(empty.out, Catch::Contains("nothing installed") && Catch::Contains("last attempt: never"));

  // A package that expires an hour from now: installable now, stale as of two hours on.
  const auto now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  PackageSpec spec = cli_spec(1, 50);
  spec.expires = content::format_rfc3339(std::chrono::time_point_cast<std::chrono::seconds>(now) +
                                         std::chrono::hours(1));
  tree.publish(spec);
  REQUIRE(test::gatecast({"install", tree.root().string(), "--config", config.string()}).exit_code == 0);
  const test::RunResult fresh = test::gatecast({"status", "--config", config.string()});
  CHECK(fresh.exit_code == 0);
  CHECK_THAT(fresh.out, !Catch::Contains("STALE"));
  const std::string later = content::format_rfc3339(now + std::chrono::hours(2));
  const test::RunResult stale = test::gatecast({"status", "--config", config.string(), "--at", later});
  CHECK_THAT(stale.out, Catch::Contains("STALE"));
  CHECK(stale.exit_code == 3);  // a failure, as an expired manifest is
  const auto doc = nlohmann::json::parse(
      test::gatecast({"status", "--config", config.string(), "--json", "--at", later}).out);
  CHECK(doc["channels"][0]["stale"] == true);
  CHECK(doc["channels"][0]["version"] == 1);  // still installed, still playing
}

TEST_CASE("gatecast status reports a damaged store instead of failing", "[install_cli]") {
  fx::PublishTree tree;
  TempDir data;
  tree.publish(cli_spec(3, 60));
  const auto config = tree.write_config_file(data.path());
  REQUIRE(test::gatecast({"install", tree.root().string(), "--config", config.string()}).exit_code == 0);
  fx::write_bytes(data.path() / "store" / "channels" / "langson" / "current", "garbage");
  const test::RunResult status = test::gatecast({"status", "--config", config.string()});
  CHECK(status.exit_code == 0);
  CHECK_THAT(status.out, Catch::Contains("store problem"));
  const auto doc =
      nlohmann::json::parse(test::gatecast({"status", "--config", config.string(), "--json"}).out);
  CHECK(doc["channels"][0]["problem"].is_string());
  CHECK(doc["channels"][0]["problem_reason"] == "io");  // a damaged file of the store
  // And an install refuses to guess over it.
  const test::RunResult install =
      test::gatecast({"install", tree.root().string(), "--config", config.string()});
  CHECK(install.exit_code == 1);
  const auto current = data.path() / "store" / "channels" / "langson" / "current";
  CHECK_THAT(install.err, Catch::StartsWith("gatecast: " + current.string() + ": "));
}

TEST_CASE("gatecast install from a folder skips channels it does not carry", "[install_cli]") {
  fx::PublishTree tree;
  TempDir data;
  tree.publish(cli_spec(4, 70));
  const auto some = tree.write_config_file(data.path(), {"chima", "langson"});
  const test::RunResult r = test::gatecast({"install", tree.root().string(), "--config", some.string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("chima: not in") && Catch::Contains("langson: version 4 installed"));
  const auto none = tree.write_config_file(data.path(), {"chima"});
  const test::RunResult n = test::gatecast({"install", tree.root().string(), "--config", none.string()});
  CHECK(n.exit_code == 1);
  CHECK_THAT(n.err, Catch::StartsWith("gatecast: " + tree.root().string()));
  const auto doc = nlohmann::json::parse(test::gatecast({"status", "--config", none.string(), "--json"}).out);
  CHECK(doc["last_error_reason"] == "not_found");
}
