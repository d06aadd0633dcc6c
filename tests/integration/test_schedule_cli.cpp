// `gatecast schedule` as the office runs it: the timeline of an installed package in the
// site's local time, the same under any TZ of the machine, and clear usage errors.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "content/test_install_fixture.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
namespace fx = gatecast::test::fx;

namespace {

// Publishes and installs a package whose schedule has a night window, a one-day closure that
// ends at local midnight, and screen hours; returns the config file.
std::filesystem::path install_scheduled_package(fx::PublishTree& tree, const std::filesystem::path& data) {
  fx::PackageSpec spec;
  spec.version = 3;
  nlohmann::json doc = fx::manifest_document(spec);
  doc["playlists"]["night"] = doc["playlists"]["day"];
  doc["playlists"]["gate-closed"] = doc["playlists"]["day"];
  doc["schedule"] = nlohmann::json::parse(R"({"default": "day", "entries": [
      {"playlist": "night", "window": ["19:00", "05:30"], "priority": 10},
      {"playlist": "gate-closed", "from": "2026-11-30", "until": "2026-12-01", "priority": 100, "interrupt": true}]})");
  doc["screen"] = nlohmann::json::parse(
      R"({"on": ["05:00", "23:30"], "dim": {"window": ["21:00", "05:30"], "level": 0.5}})");
  tree.publish_manifest(spec.channel, doc.dump(2));
  const std::filesystem::path config = tree.write_config_file(data);
  const test::RunResult installed =
      test::gatecast({"install", tree.root().string(), "--config", config.string()});
  REQUIRE(installed.exit_code == 0);
  return config;
}

test::RunResult schedule_with_tz(const std::string& tz, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"env", "TZ=" + tz, GATECAST_BINARY, "schedule"};
  argv.insert(argv.end(), args.begin(), args.end());
  return test::run(argv);
}

}  // namespace

TEST_CASE("gatecast schedule prints one local-time line per change, whatever TZ says", "[schedule_cli]") {
  fx::PublishTree tree;
  test::TempDir data;
  const std::filesystem::path config = install_scheduled_package(tree, data.path());
  const std::vector<std::string> args{"--config",         config.string(), "--from",
                                      "2026-11-30 00:00", "--to",          "2026-12-01T12:00:00+07:00"};
  const test::RunResult utc = schedule_with_tz("UTC", args);
  INFO(utc.err);
  REQUIRE(utc.exit_code == 0);
  CHECK(utc.out ==
        "channel langson, version 3 (its screen hours)\n"
        "time zone Asia/Ho_Chi_Minh\n"
        "from 2026-11-30 00:00 +07:00 to 2026-12-01 12:00 +07:00\n"
        "2026-11-30 00:00 +07:00  langson: gate-closed (urgent notice), screen off\n"
        "2026-11-30 05:00 +07:00  langson: gate-closed (urgent notice), screen dimmed 50%\n"
        "2026-11-30 05:30 +07:00  langson: gate-closed (urgent notice), screen on\n"
        "2026-11-30 21:00 +07:00  langson: gate-closed (urgent notice), screen dimmed 50%\n"
        "2026-11-30 23:30 +07:00  langson: gate-closed (urgent notice), screen off\n"
        "2026-12-01 00:00 +07:00  langson: night, screen off\n"
        "2026-12-01 05:00 +07:00  langson: night, screen dimmed 50%\n"
        "2026-12-01 05:30 +07:00  langson: day (default), screen on\n");
  for (const char* tz : {"Europe/Berlin", "America/New_York", "Asia/Ho_Chi_Minh"}) {
    INFO(tz);
    const test::RunResult other = schedule_with_tz(tz, args);
    CHECK(other.exit_code == 0);
    CHECK(other.out == utc.out);
  }
}

TEST_CASE("gatecast schedule refuses bad ranges and times with a usage error", "[schedule_cli]") {
  fx::PublishTree tree;
  test::TempDir data;
  const std::string config = install_scheduled_package(tree, data.path()).string();
  auto run = [&config](const std::string& from, const std::string& to) {
    return test::gatecast({"schedule", "--config", config, "--from", from, "--to", to});
  };
  const test::RunResult too_long = run("2026-01-01", "2027-01-03");
  CHECK(too_long.exit_code == 2);
  CHECK_THAT(too_long.err, Catch::StartsWith("gatecast: --to: "));
  CHECK(run("2026-12-01 00:00", "2026-12-01 00:00").exit_code == 2);
  const test::RunResult bad_time = run("2026-12-01 25:00", "2026-12-02 00:00");
  CHECK(bad_time.exit_code == 2);
  CHECK_THAT(bad_time.err, Catch::StartsWith("gatecast: --from: "));
  CHECK(run("2026-02-30", "2026-03-02").exit_code == 2);
  CHECK(run("2026-11-30T00:00:00Z", "2026-12-01T00:00:00Z").exit_code == 0);
  CHECK(test::gatecast({"schedule", "--config", config, "--bogus"}).exit_code == 2);
  CHECK(test::gatecast({"schedule"}).exit_code == 2);
}

TEST_CASE("gatecast schedule says when nothing is installed", "[schedule_cli]") {
  fx::PublishTree tree;
  test::TempDir data;
  const std::filesystem::path config = tree.write_config_file(data.path());
  const test::RunResult r = test::gatecast({"schedule", "--config", config.string()});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::StartsWith("gatecast: langson: "));
}
