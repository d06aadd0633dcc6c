// Trusted time (content/signing/trusted_time.hpp) with injected clocks: the pure rule, and
// installs judged by it (install_channel with a ClockReading), the floor kept on disk.
#include <catch2/catch.hpp>

#include "content/base/error.hpp"
#include "content/base/rfc3339.hpp"
#include "content/install/install.hpp"
#include "content/signing/trusted_time.hpp"
#include "content/store/trust_files.hpp"
#include "content/test_install_fixture.hpp"

using namespace gatecast;
using namespace gatecast::content;
using namespace std::chrono_literals;
using gatecast::test::fx::PackageSpec;
using gatecast::test::fx::PublishTree;

namespace {

Instant at(const char* text) {
  return parse_rfc3339(text, "test");
}

ClockReading reading(const char* wall, const char* boot, Duration since_boot) {
  return ClockReading{at(wall), boot, since_boot};
}

}  // namespace

TEST_CASE("trusted time: no floor believes the clock", "[time]") {
  const TrustedTime t = trusted_time({}, reading("1970-01-01T00:00:10Z", "b", 10s));
  CHECK_FALSE(t.clock_wrong());
  CHECK(t.now == at("1970-01-01T00:00:10Z"));
}

TEST_CASE("trusted time: the bound counts time since boot, in this boot and across boots", "[time]") {
  const TimeMark mark{at("2026-11-25T00:00:00Z"), "boot-a", 1h};
  // Same boot: only the time since the mark was taken.
  CHECK(bound_from(mark, reading("1970-01-01T00:00:00Z", "boot-a", 3h)) == at("2026-11-25T02:00:00Z"));
  // Another boot: the mark was taken before this boot began.
  CHECK(bound_from(mark, reading("1970-01-01T00:00:00Z", "boot-b", 3h)) == at("2026-11-25T03:00:00Z"));
  // A boot id that went backwards in monotonic time is not believed to be the same boot.
  CHECK(bound_from(mark, reading("1970-01-01T00:00:00Z", "boot-a", 30min)) == at("2026-11-25T00:30:00Z"));
}

TEST_CASE("trusted time: behind, believed and far ahead", "[time]") {
  TimeFloor floor;
  floor.clock = TimeMark{at("2026-11-25T00:00:00Z"), "boot-a", 1h};
  const TrustedTime behind = trusted_time(floor, reading("1970-01-01T00:00:10Z", "boot-b", 10s));
  CHECK(behind.verdict == ClockVerdict::behind);
  CHECK(behind.now == at("2026-11-25T00:00:10Z"));
  CHECK_THAT(clock_problem(behind, reading("1970-01-01T00:00:10Z", "boot-b", 10s)),
             Catch::Contains("clock wrong"));

  // A few seconds behind is measurement (truncation, NTP slewing), not a wrong clock.
  CHECK_FALSE(trusted_time(floor, reading("2026-11-25T01:59:30Z", "boot-a", 3h)).clock_wrong());
  CHECK(trusted_time(floor, reading("2026-11-25T01:58:30Z", "boot-a", 3h)).verdict == ClockVerdict::behind);

  const TrustedTime fine = trusted_time(floor, reading("2026-11-26T00:00:00Z", "boot-b", 10s));
  CHECK(fine.verdict == ClockVerdict::believed);
  CHECK(fine.now == at("2026-11-26T00:00:00Z"));

  const TrustedTime ahead = trusted_time(floor, reading("2040-01-01T00:00:00Z", "boot-a", 2h));
  CHECK(ahead.verdict == ClockVerdict::ahead);
  CHECK(ahead.now == at("2026-11-25T01:00:00Z"));
  // A reading far ahead is never saved; a believed one is.
  CHECK(with_clock_reading(floor, reading("2040-01-01T00:00:00Z", "boot-a", 2h)).clock->at ==
        floor.clock->at);
  CHECK(with_clock_reading(floor, reading("2026-11-26T00:00:00Z", "boot-a", 2h)).clock->at ==
        at("2026-11-26T00:00:00Z"));
}

TEST_CASE("trusted time: the floor survives on disk", "[time]") {
  test::TempDir dir;
  TimeFloor floor;
  floor.signed_created = TimeMark{at("2026-11-20T01:00:00Z"), "boot-a", 5s};
  floor.clock = TimeMark{at("2026-11-25T00:00:00.250Z"), "boot-a", 1h};
  write_time_floor(dir.path(), floor);
  const TimeFloor back = read_time_floor(dir.path());
  REQUIRE(back.signed_created);
  CHECK(back.signed_created->at == floor.signed_created->at);
  CHECK(back.clock->since_boot == 1h);
  CHECK(back.clock->at == floor.clock->at);
  test::fx::write_bytes(time_floor_file(dir.path()), "{\"clock\": {\"at\": 5}}");
  CHECK_THROWS_AS(read_time_floor(dir.path()), Error);
  test::fx::write_bytes(time_floor_file(dir.path()), "not json");
  CHECK_THROWS_AS(read_time_floor(dir.path()), Error);
}

TEST_CASE("clock at 1970 after a 2026 package: it keeps playing and the clock is flagged",
          "[time][install]") {
  PublishTree tree;
  test::TempDir data;
  const Config config = tree.config(data.path());
  PackageSpec spec;  // created 2026-11-20, expires 2099
  tree.publish(spec);
  const auto source = open_folder_source(tree.root());
  const InstallResult first =
      install_channel(*source, "langson", config, reading("2026-11-25T03:00:00Z", "boot-a", 1h));
  REQUIRE(first.changed);
  REQUIRE(first.time);
  CHECK_FALSE(first.time->clock_wrong());
  const TimeFloor floor = read_time_floor(data.path());
  REQUIRE(floor.signed_created);
  CHECK(floor.signed_created->at == at("2026-11-20T08:00:00+07:00"));

  // A power cut; the box boots with its clock at 1970.
  const ClockReading boot = reading("1970-01-01T00:00:30Z", "boot-b", 30s);
  const InstallResult again = install_channel(*source, "langson", config, boot);
  CHECK_FALSE(again.changed);  // the package stays; nothing was refused
  REQUIRE(again.time);
  CHECK(again.time->verdict == ClockVerdict::behind);
  CHECK(again.time->now == at("2026-11-25T03:00:30Z"));
  // The 1970 reading was not saved into the floor.
  CHECK(read_time_floor(data.path()).clock->at == at("2026-11-25T03:00:00Z"));
}

TEST_CASE("a clock that jumps to 2040 and back neither expires everything nor sticks", "[time][install]") {
  PublishTree tree;
  test::TempDir data;
  const Config config = tree.config(data.path());
  PackageSpec spec;
  spec.expires = "2027-06-01T00:00:00+07:00";
  tree.publish(spec);
  const auto source = open_folder_source(tree.root());
  REQUIRE(install_channel(*source, "langson", config, reading("2026-11-25T03:00:00Z", "boot-a", 1h)).changed);

  // 2040: far ahead of the floor; version 2 (expiring 2027) is still judged by the floor.
  spec.version = 2;
  spec.created = "2026-11-25T08:00:00+07:00";
  tree.publish(spec);
  const InstallResult jumped =
      install_channel(*source, "langson", config, reading("2040-01-01T00:00:00Z", "boot-a", 2h));
  CHECK(jumped.changed);
  REQUIRE(jumped.time);
  CHECK(jumped.time->verdict == ClockVerdict::ahead);
  CHECK(jumped.time->now == at("2026-11-25T04:00:00Z"));
  CHECK(read_time_floor(data.path()).clock->at < at("2027-01-01T00:00:00Z"));

  // Back to the true time: believed again, and version 3 installs normally.
  spec.version = 3;
  tree.publish(spec);
  const InstallResult back =
      install_channel(*source, "langson", config, reading("2026-11-25T05:00:00Z", "boot-a", 3h));
  CHECK(back.changed);
  CHECK_FALSE(back.time->clock_wrong());
}

TEST_CASE("an expired package stays refused when the clock is set back before its expiry",
          "[time][install]") {
  PublishTree tree;
  test::TempDir data;
  const Config config = tree.config(data.path());
  PackageSpec spec;
  tree.publish(spec);
  const auto source = open_folder_source(tree.root());
  // The screen last believed its clock on 10 December.
  REQUIRE(install_channel(*source, "langson", config, reading("2026-12-10T00:00:00Z", "boot-a", 1h)).changed);

  spec.version = 2;
  spec.expires = "2026-12-05T00:00:00Z";
  tree.publish(spec);
  const auto store_before = test::fx::listing(data.path() / "store");
  try {
    (void)install_channel(*source, "langson", config, reading("2026-12-01T00:00:00Z", "boot-b", 1min));
    FAIL("an expired package was installed");
  } catch (const Error& e) {
    CHECK(e.kind() == Outcome::rejected);
    CHECK_THAT(e.problem(), Catch::Contains("expired"));
  }
  CHECK(test::fx::listing(data.path() / "store") == store_before);
}
