// The player's TrustedClock: the loop's time is the trusted time of the floor on disk and the
// injected clock readings (a box booting in 1970, a clock far ahead), and believed readings are
// saved into the floor.
#include <catch2/catch.hpp>
#include <fstream>

#include "content/base/rfc3339.hpp"
#include "content/store/trust_files.hpp"
#include "player/loop/clock.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace std::chrono_literals;

namespace {

Instant at(const char* text) {
  return content::parse_rfc3339(text, "test");
}

}  // namespace

TEST_CASE("trusted clock: a box booting in 1970 plays on from the floor", "[loop][time]") {
  test::TempDir data;
  content::TimeFloor floor;
  floor.signed_created = content::TimeMark{at("2026-11-20T01:00:00Z"), "old-boot", 5s};
  floor.clock = content::TimeMark{at("2026-11-25T00:00:00Z"), "old-boot", 1h};
  content::write_time_floor(data.path(), floor);

  content::ClockReading reading{at("1970-01-01T00:00:05Z"), "new-boot", 5s};
  player::TrustedClock clock(data.path(), [&] { return reading; });
  CHECK(clock.now() == at("2026-11-25T00:00:05Z"));
  CHECK(clock.last().verdict == content::ClockVerdict::behind);
  // Time goes on with the time since boot, even though the wall clock stands still.
  reading.since_boot = 65s;
  CHECK(clock.now() == at("2026-11-25T00:01:05Z"));
  // The wrong clock was never saved.
  CHECK(content::read_time_floor(data.path()).clock->at == at("2026-11-25T00:00:00Z"));

  // NTP comes up: the clock is believed and saved into the floor.
  reading.wall = at("2026-11-26T08:00:00Z");
  reading.since_boot = 2h;
  CHECK(clock.now() == at("2026-11-26T08:00:00Z"));
  CHECK_FALSE(clock.last().clock_wrong());
  reading.since_boot = 2h + 11min;
  reading.wall = at("2026-11-26T08:11:00Z");
  (void)clock.now();
  CHECK(content::read_time_floor(data.path()).clock->at == at("2026-11-26T08:11:00Z"));
}

TEST_CASE("trusted clock: a damaged floor does not stop the clock", "[loop][time]") {
  test::TempDir data;
  std::filesystem::create_directories(data.path());
  {
    std::ofstream out(content::time_floor_file(data.path()));
    out << "{ broken";
  }
  player::TrustedClock clock(data.path(), [] {
    return content::ClockReading{at("2026-11-26T08:00:00Z"), "b", 1s};
  });
  CHECK(clock.now() == at("2026-11-26T08:00:00Z"));
}
