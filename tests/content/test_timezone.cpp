// The site's zone from the system's TZif files: real zones, the Vietnam fallback without
// tzdata, POSIX footer rules, hostile files, and results that do not depend on the process's
// own TZ.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <limits>
#include <random>

#include "content/base/error.hpp"
#include "content/base/timezone.hpp"
#include "content/manifest/now_playing.hpp"
#include "scheduler/calendar.hpp"
#include "support/refusal.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::content;
using scheduler::days_from_civil;
using scheduler::TimeZone;
using test::UsageError;

namespace {

std::int64_t utc_of(int y, int m, int d, int hour) {
  return days_from_civil({y, m, d}) * 86400 + hour * 3600;
}

bool have_zoneinfo(const std::string& name) {
  return std::filesystem::exists(std::string(default_zoneinfo_dir) + "/" + name);
}

void put32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xff));
}
void put64(std::string& out, std::int64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((static_cast<std::uint64_t>(v) >> shift) & 0xff));
}

struct Tzif {
  std::vector<std::int64_t> times;
  std::vector<std::uint8_t> indices;
  std::vector<std::int32_t> offsets{25200};
  std::string footer = "<+07>-7";
  // Counts written into the header; by default the true ones.
  std::optional<std::uint32_t> timecnt, typecnt;
};

std::string header(char version, std::uint32_t timecnt, std::uint32_t typecnt) {
  std::string out = "TZif";
  out.push_back(version);
  out.append(15, '\0');
  put32(out, 0);  // isutcnt
  put32(out, 0);  // isstdcnt
  put32(out, 0);  // leapcnt
  put32(out, timecnt);
  put32(out, typecnt);
  put32(out, 4);  // charcnt
  return out;
}

std::string block(const Tzif& z, bool wide) {
  std::string out;
  for (std::int64_t t : z.times) wide ? put64(out, t) : put32(out, static_cast<std::uint32_t>(t));
  for (std::uint8_t i : z.indices) out.push_back(static_cast<char>(i));
  for (std::int32_t o : z.offsets) {
    put32(out, static_cast<std::uint32_t>(o));
    out.push_back('\0');
    out.push_back('\0');
  }
  out.append("XYZ\0", 4);
  return out;
}

std::string tzif_bytes(const Tzif& z) {
  const auto timecnt = z.timecnt.value_or(static_cast<std::uint32_t>(z.times.size()));
  const auto typecnt = z.typecnt.value_or(static_cast<std::uint32_t>(z.offsets.size()));
  return header('2', timecnt, typecnt) + block(z, false) + header('2', timecnt, typecnt) + block(z, true) +
         "\n" + z.footer + "\n";
}

Error refusal(const std::string& bytes) {
  return test::error_of([&] { (void)parse_tzif(bytes, "Test/Zone", "test.tzif"); });
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("Asia/Ho_Chi_Minh loads as +07:00 with no transitions ahead", "[content][timezone]") {
  INFO("tzdata (deploy/install-deps.sh) must be installed");
  REQUIRE(have_zoneinfo("Asia/Ho_Chi_Minh"));
  const TimeZone zone = load_time_zone("Asia/Ho_Chi_Minh");
  CHECK(zone.name() == "Asia/Ho_Chi_Minh");
  CHECK(zone.offset_at_seconds(utc_of(2026, 11, 25, 0)) == 7 * 3600);
  CHECK(zone.offset_at_seconds(utc_of(2150, 1, 1, 0)) == 7 * 3600);
  CHECK_FALSE(zone.next_transition_after(utc_of(2000, 1, 1, 0)));
  CHECK(zone.offset_at_seconds(utc_of(1970, 1, 1, 0)) == 8 * 3600);  // Saigon kept +08:00 until 1975
}

TEST_CASE("Europe/Berlin loads with its daylight saving, extended by the footer rule",
          "[content][timezone]") {
  INFO("tzdata (deploy/install-deps.sh) must be installed");
  REQUIRE(have_zoneinfo("Europe/Berlin"));
  const TimeZone zone = load_time_zone("Europe/Berlin");
  CHECK(zone.next_transition_after(utc_of(2026, 1, 1, 0)) == utc_of(2026, 3, 29, 1));
  CHECK(zone.next_transition_after(utc_of(2026, 3, 29, 1)) == utc_of(2026, 10, 25, 1));
  // Beyond the file's explicit table (2037) the footer's rule carries on.
  CHECK(zone.next_transition_after(utc_of(2150, 1, 1, 0)) == utc_of(2150, 3, 29, 1));
  CHECK(zone.offset_at_seconds(utc_of(2150, 7, 1, 0)) == 7200);
  CHECK(zone.offset_at_seconds(utc_of(2150, 12, 1, 0)) == 3600);
  CHECK(zone.transitions().size() < 1000);
}

TEST_CASE("without tzdata Vietnam falls back to +07:00 and other zones are refused", "[content][timezone]") {
  test::TempDir empty;
  const TimeZone zone = load_time_zone("Asia/Ho_Chi_Minh", empty.path());
  CHECK(zone.offset_at_seconds(utc_of(2026, 11, 25, 0)) == 7 * 3600);
  CHECK(load_time_zone("Asia/Saigon", empty.path()).offset_at_seconds(0) == 7 * 3600);
  CHECK(load_time_zone("UTC", empty.path()).offset_at_seconds(0) == 0);
  CHECK_THROWS_MATCHES(load_time_zone("Europe/Berlin", empty.path()), Error, UsageError(Reason::not_found));
  // A damaged file for Vietnam falls back too: the screen must keep local time.
  std::filesystem::create_directories(empty.path() / "Asia");
  std::ofstream(empty.path() / "Asia/Ho_Chi_Minh") << "TZif2 garbage";
  CHECK(load_time_zone("Asia/Ho_Chi_Minh", empty.path()).offset_at_seconds(0) == 7 * 3600);
}

TEST_CASE("zone names that could escape the zoneinfo folder are refused", "[content][timezone]") {
  for (const char* name :
       {"../../etc/passwd", "/etc/localtime", "", "Asia/../../etc", "Asia/Ho Chi Minh", "A\nB"}) {
    INFO(name);
    try {
      (void)load_time_zone(name);
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK_THAT(e, UsageError(Reason::schema));
    }
  }
}

TEST_CASE("a synthetic TZif file is read, and malformed ones are refused", "[content][timezone]") {
  Tzif good;
  good.times = {utc_of(2030, 1, 1, 0), utc_of(2031, 1, 1, 0)};
  good.indices = {1, 0};
  good.offsets = {25200, 28800};
  const TimeZone zone = parse_tzif(tzif_bytes(good), "Test/Zone", "test.tzif");
  CHECK(zone.offset_at_seconds(utc_of(2030, 6, 1, 0)) == 28800);
  CHECK(zone.offset_at_seconds(utc_of(2031, 6, 1, 0)) == 25200);

  Tzif huge = good;
  huge.timecnt = 0xffffffffu;
  CHECK_THAT(refusal(tzif_bytes(huge)), UsageError(Reason::schema).about("test.tzif"));
  Tzif no_types = good;
  no_types.typecnt = 0;
  CHECK_THAT(refusal(tzif_bytes(no_types)), UsageError(Reason::schema).about("test.tzif"));
  Tzif many_types = good;
  many_types.typecnt = 100000;
  CHECK_THAT(refusal(tzif_bytes(many_types)), UsageError(Reason::schema).about("test.tzif"));
  Tzif bad_index = good;
  bad_index.indices = {1, 7};
  CHECK_THAT(refusal(tzif_bytes(bad_index)), UsageError(Reason::schema).about("test.tzif"));
  Tzif unordered = good;
  unordered.times = {utc_of(2031, 1, 1, 0), utc_of(2030, 1, 1, 0)};
  CHECK_THAT(refusal(tzif_bytes(unordered)), UsageError(Reason::schema).about("test.tzif"));
  Tzif absurd = good;
  absurd.offsets = {25200, 100 * 3600};
  CHECK_THAT(refusal(tzif_bytes(absurd)), UsageError(Reason::schema).about("test.tzif"));
  Tzif bad_rule = good;
  bad_rule.footer = "CET-1CEST,M13.5.0,M10.5.0";
  CHECK_THAT(refusal(tzif_bytes(bad_rule)), UsageError(Reason::schema).about("test.tzif"));
  CHECK_THAT(refusal("TZjf" + tzif_bytes(good).substr(4)), UsageError(Reason::schema).about("test.tzif"));
  std::string version_nine = tzif_bytes(good);
  version_nine[4] = '9';
  CHECK_THAT(refusal(version_nine), UsageError(Reason::schema).about("test.tzif"));
  CHECK_THAT(refusal(std::string(600 * 1024, 'T')), UsageError(Reason::limit).about("test.tzif"));
  CHECK_THAT(refusal(tzif_bytes(good).substr(0, tzif_bytes(good).size() - 1)),
             UsageError(Reason::schema).about("test.tzif"));
}

TEST_CASE("every truncation and random damage of a real zone file is refused or read, never a crash",
          "[content][timezone]") {
  INFO("tzdata (deploy/install-deps.sh) must be installed");
  REQUIRE(have_zoneinfo("Europe/Berlin"));
  const std::string bytes = read_file(std::string(default_zoneinfo_dir) + "/Europe/Berlin");
  REQUIRE(bytes.size() > 100);
  int refused = 0;
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    try {
      (void)parse_tzif(std::string_view(bytes).substr(0, n), "Europe/Berlin", "cut");
    } catch (const Error&) {
      ++refused;
    }
  }
  CHECK(refused == static_cast<int>(bytes.size()));  // without its footer no prefix is whole
  std::mt19937_64 rng(42);
  for (int round = 0; round < 3000; ++round) {
    std::string damaged = bytes;
    for (int flips = 1 + static_cast<int>(rng() % 4); flips > 0; --flips) {
      damaged[rng() % damaged.size()] = static_cast<char>(rng() & 0xff);
    }
    try {
      const TimeZone zone = parse_tzif(damaged, "Europe/Berlin", "damaged");
      (void)zone.offset_at_seconds(utc_of(2026, 7, 1, 0));
    } catch (const Error&) {
    }
  }
}

TEST_CASE("POSIX TZ rules extend a zone in both hemispheres", "[content][timezone]") {
  const TimeZone berlin =
      extend_with_posix_rule(TimeZone::fixed("x", 3600), "CET-1CEST,M3.5.0,M10.5.0/3", 2030, "t");
  CHECK(berlin.next_transition_after(utc_of(2026, 1, 1, 0)) == utc_of(2026, 3, 29, 1));
  CHECK(berlin.next_transition_after(utc_of(2026, 4, 1, 0)) == utc_of(2026, 10, 25, 1));
  CHECK_FALSE(berlin.next_transition_after(utc_of(2031, 1, 1, 0)));
  // Sydney: daylight saving from the first Sunday of October to the first Sunday of April.
  const TimeZone sydney =
      extend_with_posix_rule(TimeZone::fixed("x", 36000), "AEST-10AEDT,M10.1.0,M4.1.0/3", 2030, "t");
  CHECK(sydney.offset_at_seconds(utc_of(2027, 1, 15, 0)) == 39600);
  CHECK(sydney.offset_at_seconds(utc_of(2027, 6, 15, 0)) == 36000);
  CHECK(extend_with_posix_rule(TimeZone::fixed("x", 25200), "<+07>-7", 2030, "t").transitions().empty());
  for (const char* bad :
       {"CET", "X-1", "CET-1CEST,M3.5.0", "CET-1CEST,M3.6.0,M10.5.0", "CET-999",
        "CET-1CEST,M3.5.0,M10.5.0/999", "<+07-7", "CET-1CEST,J0,J100", "CET-1CEST,M3.5.0,M10.5.0x"}) {
    INFO(bad);
    CHECK_THROWS_MATCHES(extend_with_posix_rule(TimeZone::fixed("x", 0), bad, 2030, "t"), Error,
                         UsageError(Reason::schema));
  }
}

TEST_CASE("a last transition at the dawn or the end of time does not make a rule run for billions of years",
          "[content][timezone]") {
  // Found by fuzz_tzif: a TZif file may put its last transition at any instant, and the rule's
  // years were counted from that transition's year.
  const TimeZone ancient("x", 3600, {{std::numeric_limits<std::int64_t>::min() / 2, 7200}});
  const TimeZone berlin = extend_with_posix_rule(ancient, "CET-1CEST,M3.5.0,M10.5.0/3", 2030, "t");
  CHECK(berlin.next_transition_after(utc_of(2026, 1, 1, 0)) == utc_of(2026, 3, 29, 1));
  CHECK(berlin.transitions().size() < 300);
  // ... nor one at the end of time, whose year overflowed an int to the same.
  const TimeZone future("x", 3600, {{std::numeric_limits<std::int64_t>::max() / 2, 7200}});
  CHECK(extend_with_posix_rule(future, "CET-1CEST,M3.5.0,M10.5.0/3", 2030, "t").transitions().size() == 1);
}

TEST_CASE("the timeline is the same whatever the process's TZ is", "[content][timezone]") {
  Manifest manifest;
  manifest.schedule.default_playlist = "day";
  scheduler::Entry night;
  night.playlist = "night";
  night.window = scheduler::DailyWindow{{19 * 3600}, {5 * 3600 + 1800}};
  scheduler::Entry closed;
  closed.playlist = "gate-closed";
  closed.from = scheduler::LocalDate{2026, 11, 30};
  closed.until = scheduler::LocalDate{2026, 12, 1};
  closed.priority = 100;
  manifest.schedule.entries = {night, closed};
  manifest.screen.on_hours = scheduler::DailyWindow{{5 * 3600}, {23 * 3600}};
  const TimeZone zone = load_time_zone("Asia/Ho_Chi_Minh");
  const Instant from = zone.to_utc({{2026, 11, 29}, {0}});
  const Instant to = zone.to_utc({{2026, 12, 2}, {0}});

  const char* saved = std::getenv("TZ");
  const std::string saved_value = saved ? saved : "";
  std::vector<std::vector<std::string>> timelines;
  for (const char* tz : {"UTC", "Europe/Berlin", "America/New_York", "Asia/Ho_Chi_Minh"}) {
    ::setenv("TZ", tz, 1);
    ::tzset();
    timelines.push_back(timeline_lines(manifest, zone, from, to, 100));
  }
  saved ? ::setenv("TZ", saved_value.c_str(), 1) : ::unsetenv("TZ");
  ::tzset();
  for (const auto& timeline : timelines) CHECK(timeline == timelines.front());
  // Local midnight ends the closure, not 07:00 (UTC midnight).
  CHECK(timelines.front() == std::vector<std::string>{
                                 "2026-11-29 00:00 +07:00  night, screen off",
                                 "2026-11-29 05:00 +07:00  night, screen on",
                                 "2026-11-29 05:30 +07:00  day (default), screen on",
                                 "2026-11-29 19:00 +07:00  night, screen on",
                                 "2026-11-29 23:00 +07:00  night, screen off",
                                 "2026-11-30 00:00 +07:00  gate-closed, screen off",
                                 "2026-11-30 05:00 +07:00  gate-closed, screen on",
                                 "2026-11-30 23:00 +07:00  gate-closed, screen off",
                                 "2026-12-01 00:00 +07:00  night, screen off",
                                 "2026-12-01 05:00 +07:00  night, screen on",
                                 "2026-12-01 05:30 +07:00  day (default), screen on",
                                 "2026-12-01 19:00 +07:00  night, screen on",
                                 "2026-12-01 23:00 +07:00  night, screen off",
                             });
}
