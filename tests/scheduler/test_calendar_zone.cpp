// Calendar arithmetic, local date/time text, and conversions through a zone with transitions.
#include <catch2/catch.hpp>

#include "scheduler/calendar.hpp"
#include "scheduler/timezone.hpp"

using namespace gatecast;
using namespace gatecast::scheduler;

TEST_CASE("days_from_civil and civil_from_days are inverse over ten millennia", "[scheduler][calendar]") {
  std::int64_t expected = days_from_civil({1, 1, 1});
  int mismatches = 0;
  for (int year = 1; year <= 9999; ++year) {
    for (int month = 1; month <= 12; ++month) {
      for (int day = 1; day <= days_in_month(year, month); ++day) {
        const LocalDate date{year, month, day};
        if (days_from_civil(date) != expected || civil_from_days(expected) != date) ++mismatches;
        ++expected;
      }
    }
  }
  CHECK(mismatches == 0);
  CHECK(expected - days_from_civil({1, 1, 1}) == 3652059);
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(weekday_of_days(days_from_civil({2026, 11, 25})) == 2);  // a Wednesday
  CHECK(weekday_of_days(days_from_civil({1969, 12, 29})) == 0);  // a Monday, before the epoch
}

TEST_CASE("local dates and times are parsed strictly", "[scheduler][calendar]") {
  CHECK(parse_local_date("2028-02-29") == LocalDate{2028, 2, 29});
  for (const char* bad : {"2027-02-29", "2100-02-29", "2026-13-01", "2026-00-10", "2026-11-31", "2026-1-01",
                          "26-11-25", "2026-11-25x", "", "2026/11/25", "0999-01-01", "2026-11-2\xff"}) {
    INFO(bad);
    CHECK_FALSE(parse_local_date(bad));
  }
  CHECK(parse_time_of_day("05:30", false) == TimeOfDay{5 * 3600 + 30 * 60});
  CHECK(parse_time_of_day("23:59:59", false) == TimeOfDay{86399});
  CHECK(parse_time_of_day("24:00", true) == TimeOfDay{86400});
  for (const char* bad :
       {"24:00", "25:00", "12:60", "12:00:60", "7:00", "07:0", "07-00", "", "07:00:", "-1:00"}) {
    INFO(bad);
    CHECK_FALSE(parse_time_of_day(bad, false));
  }
  CHECK_FALSE(parse_time_of_day("24:01", true));
  CHECK(parse_local_date_time("2026-11-30 10:00") == LocalDateTime{{2026, 11, 30}, TimeOfDay{36000}});
  CHECK(parse_local_date_time("2026-11-30T10:00:05") == LocalDateTime{{2026, 11, 30}, TimeOfDay{36005}});
  CHECK_FALSE(parse_local_date_time("2026-11-30 24:00"));
  CHECK_FALSE(parse_local_date_time("2026-11-30"));
  CHECK(format_date_time({{2026, 1, 5}, TimeOfDay{3 * 3600 + 4 * 60 + 5}}) == "2026-01-05 03:04:05");
  CHECK(format_time(TimeOfDay{86400}) == "24:00");
}

TEST_CASE("a zone with transitions converts both ways, gaps and overlaps included", "[scheduler][zone]") {
  // Like Europe/Berlin in 2026: +01:00, +02:00 from 29 March 01:00 UTC, +01:00 from 25 October.
  const std::int64_t spring = days_from_civil({2026, 3, 29}) * 86400 + 3600;
  const std::int64_t autumn = days_from_civil({2026, 10, 25}) * 86400 + 3600;
  const TimeZone zone("Europe/Berlin", 3600, {{spring, 7200}, {autumn, 3600}});
  CHECK(zone.offset_at_seconds(spring - 1) == 3600);
  CHECK(zone.offset_at_seconds(spring) == 7200);
  CHECK(zone.offset_at_seconds(autumn) == 3600);
  CHECK(zone.next_transition_after(spring - 1) == spring);
  CHECK(zone.next_transition_after(spring) == autumn);
  CHECK_FALSE(zone.next_transition_after(autumn));
  // 02:30 on 29 March does not exist: the first instant after the gap (03:00 local).
  CHECK(zone.to_utc({{2026, 3, 29}, TimeOfDay{2 * 3600 + 1800}}) == instant_of_seconds(spring));
  CHECK(format_date_time(zone.to_local(instant_of_seconds(spring))) == "2026-03-29 03:00");
  // 02:30 on 25 October happens twice: the first one.
  CHECK(zone.to_utc({{2026, 10, 25}, TimeOfDay{2 * 3600 + 1800}}) == instant_of_seconds(autumn - 1800));
  // Round trips everywhere else.
  for (std::int64_t s = spring - 5 * 86400; s < autumn + 5 * 86400; s += 3541) {
    const std::int64_t local = zone.local_seconds(instant_of_seconds(s));
    const bool ambiguous = s >= autumn - 3600 && s < autumn + 3600;
    if (!ambiguous) REQUIRE(zone.utc_seconds_of_local(local) == s);
  }
  CHECK(TimeZone::format_offset(7 * 3600) == "+07:00");
  CHECK(TimeZone::format_offset(-(9 * 3600 + 30 * 60)) == "-09:30");
}

TEST_CASE("a zone refuses unordered transitions and absurd offsets", "[scheduler][zone]") {
  CHECK_THROWS_AS(TimeZone("x", 0, {{10, 3600}, {10, 0}}), std::invalid_argument);
  CHECK_THROWS_AS(TimeZone("x", 0, {{10, 3600}, {5, 0}}), std::invalid_argument);
  CHECK_THROWS_AS(TimeZone("x", 27 * 3600, {}), std::invalid_argument);
  CHECK_THROWS_AS(TimeZone("x", 0, {{10, -27 * 3600}}), std::invalid_argument);
  const TimeZone utc;
  CHECK(utc.offset_at(Instant(Duration(std::numeric_limits<std::int64_t>::min()))) == 0);
  CHECK(floor_seconds(Instant(Duration(-1))) == -1);
  CHECK(floor_seconds(Instant(Duration(-1000))) == -1);
  CHECK(floor_seconds(Instant(Duration(1999))) == 1);
}
