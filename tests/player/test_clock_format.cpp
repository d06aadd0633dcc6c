// Clock words per language, exactly as people at each gate write them.
#include <catch2/catch.hpp>

#include "player/render/clock_format.hpp"
#include "render_fixtures.hpp"

using namespace gatecast;
using namespace gatecast::player;

TEST_CASE("clock dates in Vietnamese, Chinese and English", "[clock][render]") {
  // 2026-11-23 08:05 in Hanoi is a Monday.
  const CivilTime c = civil_time(test::at("2026-11-23T01:05:30Z"), 7 * 3600);
  CHECK(format_date("vi", c) == "Thứ Hai, 23/11/2026");
  CHECK(format_date("zh", c) == "2026年11月23日 星期一");
  CHECK(format_date("en", c) == "Monday, 23 November 2026");
  CHECK(format_time(c) == "08:05");
  CHECK(format_date("lo", c) == "ວັນຈັນ, 23/11/2026");
  CHECK(format_date("km", c) == "ថ្ងៃច័ន្ទ, 23/11/2026");
  CHECK(format_date("ja", c) == "2026年11月23日 月曜日");
  CHECK(format_date("ko", c) == "2026년 11월 23일 월요일");
  CHECK(format_date("fr", c) == "2026-11-23");
}

TEST_CASE("clock uses the site's offset, not UTC, across midnight", "[clock][render]") {
  // 23:30 UTC on Sunday 22nd is already Monday 06:30 in Hanoi.
  const Instant t = test::at("2026-11-22T23:30:00Z");
  const CivilTime utc = civil_time(t, 0);
  const CivilTime hanoi = civil_time(t, 7 * 3600);
  CHECK(format_date("vi", utc) == "Chủ Nhật, 22/11/2026");
  CHECK(format_time(utc) == "23:30");
  CHECK(format_date("vi", hanoi) == "Thứ Hai, 23/11/2026");
  CHECK(format_time(hanoi) == "06:30");
}

TEST_CASE("clock weekdays and months for every day of a week and every month", "[clock][render]") {
  const char* vi[] = {"Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"};
  const char* zh[] = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};
  Instant monday = test::at("2026-11-23T12:00:00+07:00");
  for (int d = 0; d < 7; ++d) {
    const CivilTime c = civil_time(monday + Duration(std::int64_t{d} * 86400000), 7 * 3600);
    CHECK(c.weekday == d);
    CHECK(format_date("vi", c).rfind(vi[d], 0) == 0);
    CHECK(format_date("zh", c).find(zh[d]) != std::string::npos);
  }
  CHECK(format_date("en", civil_time(test::at("2027-02-01T00:00:00Z"), 0)) == "Monday, 1 February 2027");
  CHECK(format_date("zh", civil_time(test::at("2027-02-01T00:00:00Z"), 0)) == "2027年2月1日 星期一");
  CHECK(format_date("vi", civil_time(test::at("2028-02-29T00:00:00Z"), 0)) == "Thứ Ba, 29/02/2028");
  CHECK(format_date("en", civil_time(test::at("2028-02-29T10:00:00Z"), 0)) == "Tuesday, 29 February 2028");
  // Before the epoch too (a badly set clock must not crash the formatter).
  const CivilTime old = civil_time(test::at("1969-12-31T23:59:59Z"), 0);
  CHECK(format_date("en", old) == "Wednesday, 31 December 1969");
  CHECK(format_time(old) == "23:59");
}
