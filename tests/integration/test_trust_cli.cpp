// The hostile set of docs/signing.md through `gatecast install`: every trick is refused with
// exit 3, one "gatecast: " line, and the screen's store, key set and records untouched.
#include <catch2/catch.hpp>

#include "content/store/trust_files.hpp"
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

void require_installed(TrustScreen& s) {
  const RunResult r = s.install();
  INFO(describe(r));
  REQUIRE(r.exit_code == 0);
}

// Installs and expects a refusal that changed nothing.
void require_refused(TrustScreen& s, const std::string& why) {
  const auto before = s.state();
  const RunResult r = s.install();
  INFO(describe(r));
  CHECK(r.exit_code == 3);
  CHECK(r.err.rfind("gatecast: ", 0) == 0);
  CHECK_THAT(r.err, Catch::Contains(why));
  CHECK(s.state() == before);
}

PackageSpec version(std::int64_t v) {
  PackageSpec spec;
  spec.version = v;
  return spec;
}

}  // namespace

TEST_CASE("trust: hostile key sets and approvals are refused with exit 3, the store untouched",
          "[trust][cli]") {
  TrustScreen s;
  auto& office = s.office;
  // The screen holds key set 1 (root R1, approvers A1 and A2) and version 1, approved by A1.
  office.publish_keys(office.set(1, {"R1"}, {"A1", "A2"}), {"R1"});
  s.publish(version(1), {"A1"});
  require_installed(s);

  SECTION("a key set signed by the old keys only") {
    office.publish_keys(office.set(2, {"R2"}, {"A1", "A2"}), {"R1"});
    require_refused(s, "new root keys, has 0");
  }
  SECTION("a key set signed by the new keys only") {
    office.publish_keys(office.set(2, {"R2"}, {"A1", "A2"}), {"R2"});
    require_refused(s, "current root keys, has 0");
  }
  SECTION("a key set signed by one key twice to reach a threshold of two") {
    office.publish_keys(office.set(2, {"R1", "R2"}, {"A1", "A2"}, 2), {"R1", "R2"});
    s.publish(version(2), {"A1"});
    require_installed(s);  // now two roots are needed
    office.publish_keys(office.set(3, {"R1", "R2"}, {"A1"}, 2), {"R1"});
    // R1's signature also filed under R2's name.
    std::filesystem::copy_file(content::key_set_signature_path(s.tree.root(), office.id("R1")),
                               content::key_set_signature_path(s.tree.root(), office.id("R2")));
    require_refused(s, "current root keys, has 1");
  }
  SECTION("an older key set version") {
    office.publish_keys(office.set(2, {"R1"}, {"A1", "A2"}), {"R1"});
    require_installed(s);
    office.publish_keys(office.set(1, {"R1"}, {"A1"}), {"R1"});
    require_refused(s, "older than version 2");
  }
  SECTION("an expired key set") {
    office.publish_keys(office.set(2, {"R1"}, {"A1", "A2"}, 1, {}, "2026-01-01T00:00:00Z"), {"R1"});
    require_refused(s, "expired");
  }
  SECTION("a manifest with one approval where two are needed") {
    office.publish_keys(office.set(2, {"R1"}, {"A1", "A2"}, 1, {{"langson", 2}}), {"R1"});
    s.publish(version(2), {"A1", "A2"});
    require_installed(s);
    s.publish(version(3), {"A1"});
    require_refused(s, "needs 2 signatures by distinct approver keys, has 1");
    // The same approver twice is still one approval.
    std::filesystem::copy_file(s.tree.signature_file("langson"),
                               content::approval_path(s.tree.root(), "langson", office.id("A2")));
    require_refused(s, "has 1");
  }
  SECTION("a signature by a removed key") {
    office.publish_keys(office.set(2, {"R1"}, {"A2"}), {"R1"});
    s.publish(version(2), {"A2"});
    require_installed(s);
    s.publish(version(3), {"A1"});
    require_refused(s, "not trusted");
  }
  SECTION("a key set that removes every root key") {
    const std::string raw = R"({"format": "gatecast-keys/1", "version": 2, "expires": "2099-01-01T00:00:00Z",
  "keys": [{"key": ")" + office.public_line("A1") +
                            R"(", "role": "approver"}]})";
    office.publish_raw_keys(raw, {"R1"});
    require_refused(s, "has no root key");
  }
  SECTION("a key set file too large, or a signature file too large") {
    office.publish_raw_keys(std::string(content::max_key_set_bytes + 1, ' '), {});
    require_refused(s, "larger than");
    office.publish_keys(office.set(2, {"R1"}, {"A1"}), {});
    test::fx::write_bytes(content::key_set_signature_path(s.tree.root(), office.id("R1")),
                          std::string(5000, 'x'));
    require_refused(s, "larger than");
  }
}

TEST_CASE("trust: a tree without a key set works as before, and status shows the key set", "[trust][cli]") {
  TrustScreen s;
  // Signed by the config's key alone (no keys/keys.json): today's single-key trees.
  s.publish(version(1), {"R1"});
  require_installed(s);
  RunResult status = test::gatecast({"status", "--config", s.config_file().string()});
  INFO(describe(status));
  CHECK_THAT(status.out, Catch::Contains("key set: none accepted"));
  CHECK_THAT(status.out, Catch::Contains("time: "));

  s.office.publish_keys(s.office.set(5, {"R1"}, {"A1"}), {"R1"});
  s.publish(version(2), {"A1"});
  require_installed(s);
  status = test::gatecast({"status", "--config", s.config_file().string(), "--json"});
  const nlohmann::json doc = nlohmann::json::parse(status.out);
  CHECK_THAT(doc["key_set"].get<std::string>(), Catch::StartsWith("version 5"));
  CHECK(doc["clock_wrong"] == false);
}

TEST_CASE("trust: status and install say the clock is wrong when it is behind the floor", "[trust][cli]") {
  TrustScreen s;
  s.publish(version(1), {"R1"});
  require_installed(s);
  // A floor far in the future: the real clock now looks behind it.
  content::TimeFloor floor;
  floor.clock = content::TimeMark{content::parse_rfc3339("2031-01-01T00:00:00Z", "t"), "", Duration{0}};
  content::write_time_floor(s.data.path() / "data", floor);
  const RunResult status = test::gatecast({"status", "--config", s.config_file().string()});
  INFO(describe(status));
  CHECK_THAT(status.out, Catch::Contains("clock wrong (behind"));
  const RunResult install = s.install();
  INFO(describe(install));
  CHECK(install.exit_code == 0);
  CHECK_THAT(install.err, Catch::Contains("clock wrong"));
}
