// The timetable's rules on hand-made schedules: local-time edges, ties, screen states, and
// clocks that jump.
#include <catch2/catch.hpp>

#include "scheduler/timetable.hpp"
#include "scheduler_helpers.hpp"

using namespace gatecast;
using namespace gatecast::scheduler;
using test::date;
using test::local_instant;
using test::local_text;
using test::window;

namespace {

Entry entry(std::string playlist, int priority = 0) {
  Entry e;
  e.playlist = std::move(playlist);
  e.priority = priority;
  return e;
}

// "day" all day, handed over at noon from one entry to another, and a "festival" from..until.
Schedule halved_day_and_festival(const char* from, const char* until) {
  Entry morning = entry("day", 1);
  morning.window = window("00:00", "12:00");
  Entry afternoon = entry("day", 2);
  afternoon.window = window("12:00", "24:00");
  Entry festival = entry("festival", 5);
  festival.from = date(from);
  festival.until = date(until);
  return Schedule{"", {morning, afternoon, festival}};
}

std::string playing(const Timetable& t, const std::string& local) {
  return t.state_at(local_instant(t.zone(), local)).playlist;
}

std::string next_change(const Timetable& t, const std::string& local) {
  auto next = t.next_change_after(local_instant(t.zone(), local));
  return next ? local_text(t.zone(), *next) : "never";
}

}  // namespace

TEST_CASE("a window crossing midnight belongs to the day it opens", "[scheduler]") {
  Schedule s{"day", {}};
  Entry night = entry("night", 10);
  night.window = window("19:00", "05:30");
  night.weekdays = 1u << 4;  // Friday only
  s.entries.push_back(night);
  const Timetable t(s, {}, test::vietnam());
  // 2026-11-27 is a Friday.
  CHECK(playing(t, "2026-11-27 18:59") == "day");
  CHECK(playing(t, "2026-11-27 19:00") == "night");
  CHECK(playing(t, "2026-11-28 05:29") == "night");  // Saturday morning, still Friday's night
  CHECK(playing(t, "2026-11-28 05:30") == "day");
  CHECK(playing(t, "2026-11-28 19:00") == "day");  // Saturday's own night is not scheduled
  CHECK(playing(t, "2026-11-27 04:00") == "day");  // Thursday's night is not scheduled
  CHECK(next_change(t, "2026-11-27 12:00") == "2026-11-27 19:00");
  CHECK(next_change(t, "2026-11-27 19:00") == "2026-11-28 05:30");
  CHECK(next_change(t, "2026-11-28 05:30") == "2026-12-04 19:00");
}

TEST_CASE("a date range ends at local midnight, not UTC midnight", "[scheduler]") {
  Schedule s{"day", {}};
  Entry closed = entry("gate-closed", 100);
  closed.from = date("2026-11-30");
  closed.until = date("2026-12-01");
  s.entries.push_back(closed);
  const Timetable t(s, {}, test::vietnam());
  CHECK(playing(t, "2026-11-29 23:59") == "day");
  CHECK(playing(t, "2026-11-30 00:00") == "gate-closed");
  // 06:59 local is 23:59 UTC of the 30th; a UTC-based evaluator would still show the notice.
  CHECK(playing(t, "2026-12-01 00:00") == "day");
  CHECK(playing(t, "2026-12-01 06:59") == "day");
  CHECK(next_change(t, "2026-11-29 12:00") == "2026-11-30 00:00");
  CHECK(next_change(t, "2026-11-30 00:00") == "2026-12-01 00:00");
  CHECK(next_change(t, "2026-12-01 00:00") == "never");
  const auto at = t.next_change_after(local_instant(t.zone(), "2026-11-30 12:00"));
  REQUIRE(at);
  CHECK(floor_seconds(*at) == days_from_civil({2026, 12, 1}) * 86400 - 7 * 3600);  // 17:00 UTC
}

TEST_CASE("29 February and the year end are ordinary days", "[scheduler]") {
  Schedule s{"day", {}};
  Entry leap = entry("leap", 5);
  leap.from = date("2028-02-29");
  leap.until = date("2028-03-01");
  leap.window = window("20:00", "02:00");
  Entry new_year = entry("new-year", 5);
  new_year.from = date("2027-12-31");
  new_year.until = date("2028-01-01");
  new_year.window = window("22:00", "24:00");
  s.entries = {leap, new_year};
  const Timetable t(s, {}, test::vietnam());
  CHECK(playing(t, "2028-02-28 21:00") == "day");
  CHECK(playing(t, "2028-02-29 20:00") == "leap");
  CHECK(playing(t, "2028-03-01 01:59") == "leap");  // the leap-day night runs into March
  CHECK(playing(t, "2028-03-01 02:00") == "day");
  CHECK(next_change(t, "2028-02-29 12:00") == "2028-02-29 20:00");
  CHECK(playing(t, "2027-12-31 21:59") == "day");
  CHECK(playing(t, "2027-12-31 23:59") == "new-year");
  CHECK(playing(t, "2028-01-01 00:00") == "day");
  CHECK(next_change(t, "2027-12-31 22:30") == "2028-01-01 00:00");
}

TEST_CASE("ties: interrupt, then priority, then later from, then file order", "[scheduler]") {
  Entry first = entry("first", 5);
  Entry second = entry("second", 5);
  Timetable by_order(Schedule{"", {first, second}}, {}, test::vietnam());
  CHECK(playing(by_order, "2026-11-25 12:00") == "first");
  Entry newer = entry("newer", 5);
  newer.from = date("2026-11-01");
  Entry older = entry("older", 5);
  older.from = date("2026-10-01");
  Timetable by_from(Schedule{"", {older, first, newer}}, {}, test::vietnam());
  CHECK(playing(by_from, "2026-11-25 12:00") == "newer");
  Entry urgent = entry("urgent", 0);
  urgent.interrupt = true;
  Entry high = entry("high", 1000);
  Timetable by_interrupt(Schedule{"", {high, urgent}}, {}, test::vietnam());
  const State state = by_interrupt.state_at(local_instant(test::vietnam(), "2026-11-25 12:00"));
  CHECK(state.playlist == "urgent");
  CHECK(state.interrupt);
  CHECK(state.entry == 1);
}

TEST_CASE("screen on, dimmed and off follow the screen block", "[scheduler]") {
  ScreenPolicy screen;
  screen.on_hours = window("05:30", "23:30");
  screen.dim_hours = window("19:00", "05:30");
  screen.dim_level = 0.6;
  const Timetable t(Schedule{"day", {}}, screen, test::vietnam());
  auto at = [&](const std::string& local) { return t.state_at(local_instant(t.zone(), local)).screen; };
  CHECK(at("2026-11-25 05:29").mode == ScreenMode::off);
  CHECK(at("2026-11-25 05:30").mode == ScreenMode::on);
  CHECK(at("2026-11-25 19:00").mode == ScreenMode::dimmed);
  CHECK(at("2026-11-25 19:00").level == 0.6);
  CHECK(at("2026-11-25 23:30").mode == ScreenMode::off);
  CHECK(next_change(t, "2026-11-25 12:00") == "2026-11-25 19:00");
  CHECK(next_change(t, "2026-11-25 19:00") == "2026-11-25 23:30");
  CHECK(next_change(t, "2026-11-25 23:30") == "2026-11-26 05:30");
}

TEST_CASE("hand-overs between entries of the same playlist are not changes", "[scheduler]") {
  const Timetable t(halved_day_and_festival("2027-01-25", "2027-02-05"), {}, test::vietnam());
  CHECK(next_change(t, "2026-11-25 10:00") == "2027-01-25 00:00");
  CHECK(next_change(t, "2027-01-25 00:00") == "2027-02-05 00:00");
  CHECK(next_change(t, "2027-02-05 00:00") == "never");
}

TEST_CASE("exact starts and ends bound an urgent notice to the minute", "[scheduler]") {
  Entry notice = entry("gate-closed", 100);
  notice.interrupt = true;
  notice.starts = LocalDateTime{date("2026-11-30"), TimeOfDay{10 * 3600}};
  notice.ends = LocalDateTime{date("2026-12-01"), TimeOfDay{14 * 3600 + 30 * 60}};
  const Timetable t(Schedule{"day", {notice}}, {}, test::vietnam());
  CHECK(playing(t, "2026-11-30 09:59") == "day");
  CHECK(playing(t, "2026-11-30 10:00") == "gate-closed");
  CHECK(playing(t, "2026-12-01 14:29") == "gate-closed");
  CHECK(playing(t, "2026-12-01 14:30") == "day");
  CHECK(next_change(t, "2026-11-30 10:00") == "2026-12-01 14:30");
}

TEST_CASE("a clock jumping years either way gives the right playlist and a future change", "[scheduler]") {
  Entry night = entry("night", 10);
  night.window = window("19:00", "05:30");
  Entry festival = entry("festival", 20);
  festival.from = date("2027-01-25");
  festival.until = date("2027-02-05");
  ScreenPolicy screen;
  screen.on_hours = window("05:30", "23:30");
  const Timetable t(Schedule{"day", {night, festival}}, screen, test::vietnam());
  // The same questions asked in a jumping order: no state is carried between them.
  const char* sequence[] = {"2026-11-25 12:00", "1970-01-01 00:00", "2038-01-19 10:14", "2026-11-25 20:00",
                            "2100-02-28 23:59", "2027-01-30 12:00", "1901-12-13 20:45", "2026-11-25 12:00"};
  const char* expected[] = {"day", "night", "day", "night", "night", "festival", "night", "day"};
  for (std::size_t i = 0; i < std::size(sequence); ++i) {
    INFO(sequence[i]);
    const Instant now = local_instant(t.zone(), sequence[i]);
    const Evaluation e = t.evaluate(now);
    CHECK(e.now.playlist == expected[i]);
    REQUIRE(e.next_change);
    CHECK(*e.next_change > now);
    CHECK(*e.next_change - now <= std::chrono::hours(24));
  }
  // Instants at the ends of the representable range do not crash and do not loop.
  CHECK_NOTHROW(t.evaluate(Instant(Duration(std::numeric_limits<std::int64_t>::max()))));
  CHECK_NOTHROW(t.evaluate(Instant(Duration(std::numeric_limits<std::int64_t>::min()))));
}

TEST_CASE("a change is found at the exact second, from any millisecond before it", "[scheduler]") {
  Entry night = entry("night");
  night.window = window("19:00:30", "05:30");
  const Timetable t(Schedule{"day", {night}}, {}, test::vietnam());
  const Instant change = local_instant(t.zone(), "2026-11-25 19:00:30");
  for (Duration before :
       {Duration(1), Duration(999), Duration(1000), Duration(3600000), Duration(30000000)}) {
    auto next = t.next_change_after(change - before);
    REQUIRE(next);
    CHECK(*next == change);
  }
  auto after = t.next_change_after(change);
  REQUIRE(after);
  CHECK(local_text(t.zone(), *after) == "2026-11-26 05:30");
}

TEST_CASE("the timeline lists the state and each change in a range", "[scheduler]") {
  Entry night = entry("night", 10);
  night.window = window("19:00", "05:30");
  ScreenPolicy screen;
  screen.on_hours = window("05:00", "23:00");
  const Timetable t(Schedule{"day", {night}}, screen, test::vietnam());
  const auto changes = t.timeline(local_instant(t.zone(), "2026-11-25 00:00"),
                                  local_instant(t.zone(), "2026-11-26 00:00"), 100);
  std::vector<std::string> lines;
  for (const Change& c : changes) {
    lines.push_back(local_text(t.zone(), c.at) + " " + c.state.playlist + " " +
                    screen_mode_name(c.state.screen.mode));
  }
  CHECK(lines == std::vector<std::string>{"2026-11-25 00:00 night off", "2026-11-25 05:00 night on",
                                          "2026-11-25 05:30 day on", "2026-11-25 19:00 night on",
                                          "2026-11-25 23:00 night off"});
  CHECK(
      t.timeline(local_instant(t.zone(), "2026-11-25 00:00"), local_instant(t.zone(), "2027-11-25 00:00"), 3)
          .size() == 4);
}

TEST_CASE("an empty schedule plays the default forever", "[scheduler]") {
  const Timetable t(Schedule{"", {}}, {}, test::vietnam());
  const Evaluation e = t.evaluate(local_instant(t.zone(), "2026-11-25 00:00"));
  CHECK(e.now.playlist.empty());
  CHECK(e.now.entry == -1);
  CHECK_FALSE(e.next_change);
}

TEST_CASE("a long chain of hand-overs gives a wake-up, and asking again reaches the change", "[scheduler]") {
  const Timetable t(halved_day_and_festival("2100-01-01", "2100-01-02"), {}, test::vietnam());
  Instant at = local_instant(t.zone(), "2026-11-25 10:00");
  int asks = 0;
  std::optional<Instant> next;
  do {
    next = t.next_change_after(at);
    REQUIRE(next);
    REQUIRE(*next > at);
    at = *next;
    ++asks;
  } while (t.state_at(at).playlist == "day" && asks < 10);
  CHECK(local_text(t.zone(), at) == "2100-01-01 00:00");
  CHECK(asks > 1);  // 73 years of twice-daily hand-overs exceed one search's budget
}
