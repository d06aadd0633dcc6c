// `status` on a really full disk: data_dir on a 2 MiB tmpfs filled to the last byte, so that
// state.json cannot be written. The attempt's error must still reach `status` (through the
// error slot overwritten in place, content/store/state.hpp), and a success that could not be
// recorded must not be claimed. Mounting needs root (or CAP_SYS_ADMIN): without it the test
// fails, it never passes silently.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "content/base/rfc3339.hpp"
#include "content/test_install_fixture.hpp"
#include "support/run.hpp"
#include "support/small_file_system.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
namespace fx = gatecast::test::fx;
using gatecast::test::SmallFileSystem;
using gatecast::test::TempDir;

namespace {

fx::PackageSpec spec(std::int64_t version, std::uint32_t seed) {
  fx::PackageSpec s;
  s.version = version;
  s.assets = {{"photo", fx::blob_bytes(50000, seed)}, {"logo", fx::blob_bytes(700, 3)}};
  return s;
}

nlohmann::json status_of(const std::filesystem::path& config) {
  const test::RunResult r = test::gatecast({"status", "--config", config.string(), "--json"});
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("status on a full disk keeps the last error and never claims an unrecorded success",
          "[install_cli][full_disk]") {
  SmallFileSystem disk;
  fx::PublishTree tree;
  tree.publish(spec(1, 50));
  const auto config = tree.write_config_file(disk.path() / "data");
  auto install = [&] {
    return test::gatecast({"install", tree.root().string(), "--config", config.string()});
  };

  REQUIRE(install().exit_code == 0);
  const nlohmann::json first = status_of(config);
  REQUIRE(first["last_success"].is_string());
  REQUIRE(first["last_error"].is_null());
  REQUIRE(std::filesystem::file_size(disk.path() / "data" / "state.error") == 4096);

  disk.fill();
  // The same package again: nothing to fetch, but the attempt cannot be recorded.
  const test::RunResult same = install();
  INFO(same.out << same.err);
  CHECK_THAT(same.err, Catch::Contains("No space left on device"));
  nlohmann::json full = status_of(config);
  CHECK(full["last_success"] == first["last_success"]);  // not claimed
  CHECK(full["last_attempt"] != first["last_attempt"]);
  REQUIRE(full["last_error"].is_string());
  CHECK_THAT(full["last_error"].get<std::string>(), Catch::Contains("No space left on device"));
  CHECK(full["last_error_reason"] == "io");

  // A new version cannot be stored either: its error is the one status keeps.
  tree.publish(spec(2, 80));
  const test::RunResult refused = install();
  CHECK(refused.exit_code == 1);
  full = status_of(config);
  CHECK(full["last_success"] == first["last_success"]);
  REQUIRE(full["last_error"].is_string());
  CHECK_THAT(full["last_error"].get<std::string>(), Catch::Contains("could not be recorded"));
  CHECK(full["channels"][0]["version"] == 1);  // the screen keeps what it had

  // Room again: the next attempt succeeds and is recorded; the slot's error is superseded.
  disk.free_space();
  REQUIRE(install().exit_code == 0);
  const nlohmann::json again = status_of(config);
  CHECK(again["last_error"].is_null());
  CHECK(again["last_success"] != first["last_success"]);
  CHECK(again["channels"][0]["version"] == 2);
}
