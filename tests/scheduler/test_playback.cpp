// Which slide is on screen: replay from the day's start, preemption by an urgent notice and
// resumption at the next slide, resets when the screen comes on.
#include <catch2/catch.hpp>

#include "scheduler/playback.hpp"
#include "scheduler_helpers.hpp"

using namespace gatecast;
using namespace gatecast::scheduler;
using namespace std::chrono_literals;
using test::local_instant;
using test::local_text;
using test::window;

namespace {

std::vector<Duration> seconds(std::initializer_list<int> list) {
  std::vector<Duration> out;
  for (int s : list) out.push_back(Duration(s * 1000));
  return out;
}

Entry urgent_notice(const std::string& from, const std::string& to) {
  Entry e;
  e.playlist = "urgent";
  e.interrupt = true;
  e.priority = 100;
  e.starts = parse_local_date_time(from);
  e.ends = parse_local_date_time(to);
  return e;
}

struct Seen {
  int slide;
  std::string start, end;
  bool operator==(const Seen&) const = default;
};
std::ostream& operator<<(std::ostream& out, const Seen& s) {
  return out << "slide " << s.slide << " " << s.start << " .. " << s.end;
}

Seen seen(const Playback& playback, const TimeZone& zone, const std::string& local) {
  const SlidePosition p = playback.at(test::local_instant(zone, local));
  auto text = [&zone](Instant t) {
    const LocalDateTime when = zone.to_local(t);
    return format_time(when.time);
  };
  return {p.slide, text(p.slide_start), text(p.slide_end)};
}

}  // namespace

TEST_CASE("playback counts slides from local midnight", "[scheduler][playback]") {
  const Timetable timetable(Schedule{"day", {}}, {}, test::vietnam());
  const Playback playback(timetable, {{"day", seconds({10, 20, 30})}});
  CHECK(seen(playback, timetable.zone(), "2026-11-25 00:00:05") == Seen{0, "00:00", "00:00:10"});
  CHECK(seen(playback, timetable.zone(), "2026-11-25 00:01:15") == Seen{1, "00:01:10", "00:01:30"});
  // The slide running at midnight is cut there and the next day starts at slide 0.
  CHECK(seen(playback, timetable.zone(), "2026-11-25 23:59:50") == Seen{2, "23:59:30", "00:00"});
  CHECK(seen(playback, timetable.zone(), "2026-11-26 00:00") == Seen{0, "00:00", "00:00:10"});
}

TEST_CASE("an urgent notice preempts mid-slide and the playlist resumes at its next slide",
          "[scheduler][playback]") {
  const Timetable timetable(Schedule{"day", {urgent_notice("2026-11-25 10:00:25", "2026-11-25 10:01:00")}},
                            {}, test::vietnam());
  const Playback playback(timetable, {{"day", seconds({10, 10, 10, 10, 10})}, {"urgent", seconds({15})}});
  const TimeZone& zone = timetable.zone();
  // 10:00:20 is 36,020 s after midnight: slide 2 of the 50 s cycle, cut at 10:00:25.
  CHECK(seen(playback, zone, "2026-11-25 10:00:21") == Seen{2, "10:00:20", "10:00:25"});
  const SlidePosition during = playback.at(local_instant(zone, "2026-11-25 10:00:30"));
  CHECK(during.state.playlist == "urgent");
  CHECK(during.state.interrupt);
  CHECK(seen(playback, zone, "2026-11-25 10:00:30") == Seen{0, "10:00:25", "10:00:40"});
  CHECK(seen(playback, zone, "2026-11-25 10:00:59") == Seen{0, "10:00:55", "10:01"});
  // Back to the day playlist at slide 3, not slide 0 and not the cut slide 2.
  CHECK(seen(playback, zone, "2026-11-25 10:01:00") == Seen{3, "10:01", "10:01:10"});
  CHECK(seen(playback, zone, "2026-11-25 10:01:12") == Seen{4, "10:01:10", "10:01:20"});
  CHECK(seen(playback, zone, "2026-11-25 10:01:21") == Seen{0, "10:01:20", "10:01:30"});
}

TEST_CASE("playback restarts when the screen comes on, and dimming does not cut a slide",
          "[scheduler][playback]") {
  ScreenPolicy screen;
  screen.on_hours = window("05:30", "23:30");
  screen.dim_hours = window("19:00:05", "05:30");
  screen.dim_level = 0.5;
  const Timetable timetable(Schedule{"day", {}}, screen, test::vietnam());
  const Playback playback(timetable, {{"day", seconds({7, 7, 7})}});
  const TimeZone& zone = timetable.zone();
  CHECK(seen(playback, zone, "2026-11-25 05:30:01") == Seen{0, "05:30", "05:30:07"});
  CHECK(seen(playback, zone, "2026-11-25 05:30:15") == Seen{2, "05:30:14", "05:30:21"});
  // 19:00:01 is 48,601 s = 2,314 cycles of 21 s + 7 s after 05:30: slide 1 runs 19:00:01 to
  // 19:00:08, across the start of dimming at 19:00:05, uncut.
  CHECK(seen(playback, zone, "2026-11-25 19:00:06") == Seen{1, "19:00:01", "19:00:08"});
  CHECK(playback.at(test::local_instant(zone, "2026-11-25 19:00:06")).state.screen.mode ==
        ScreenMode::dimmed);
}

TEST_CASE("an idle stretch reports no slide and lasts until the next change", "[scheduler][playback]") {
  Entry day;
  day.playlist = "day";
  day.window = window("06:00", "22:00");
  const Timetable timetable(Schedule{"", {day}}, {}, test::vietnam());
  const Playback playback(timetable, {{"day", seconds({10})}});
  CHECK(seen(playback, timetable.zone(), "2026-11-25 03:00") == Seen{-1, "00:00", "06:00"});
  CHECK(seen(playback, timetable.zone(), "2026-11-25 22:30") == Seen{-1, "22:00", "00:00"});
  // A playlist that names no known slides plays as idle too.
  const Playback unknown(timetable, SlideDurations{});
  CHECK(seen(unknown, timetable.zone(), "2026-11-25 12:00") == Seen{-1, "06:00", "22:00"});
}

TEST_CASE("walking slide end to slide end covers a day without gaps or overlaps", "[scheduler][playback]") {
  Entry night;
  night.playlist = "night";
  night.window = window("19:00", "05:30");
  night.priority = 10;
  ScreenPolicy screen;
  screen.on_hours = window("05:00", "23:30");
  screen.dim_hours = window("21:00", "05:00");
  screen.dim_level = 0.4;
  const Timetable timetable(
      Schedule{"day", {night, urgent_notice("2026-11-25 12:03:17", "2026-11-25 12:41:03")}}, screen,
      test::vietnam());
  const Playback playback(
      timetable, {{"day", seconds({8, 13, 21})}, {"night", seconds({30, 45})}, {"urgent", seconds({11, 4})}});
  const TimeZone& zone = timetable.zone();
  Instant t = local_instant(zone, "2026-11-25 00:00");
  const Instant end = local_instant(zone, "2026-11-26 00:00");
  int steps = 0;
  while (t < end) {
    const SlidePosition p = playback.at(t);
    INFO(local_text(zone, t) << " slide " << p.slide);
    REQUIRE(p.slide_start == t);
    REQUIRE(p.slide_end > t);
    // The same slide is reported from anywhere inside it.
    const SlidePosition inside = playback.at(p.slide_end - 1ms);
    REQUIRE(inside.slide == p.slide);
    REQUIRE(inside.slide_start == p.slide_start);
    REQUIRE(inside.state.playlist == p.state.playlist);
    t = p.slide_end;
    ++steps;
  }
  CHECK(steps > 2000);
}

TEST_CASE("playback at instants at the ends of the range reports idle without overflowing",
          "[scheduler][playback]") {
  const Timetable timetable(Schedule{"day", {}}, {}, test::vietnam());
  const Playback playback(timetable, {{"day", seconds({10})}});
  for (Instant t : {Instant::min(), Instant::max()}) {
    const SlidePosition p = playback.at(t);
    CHECK(p.slide == -1);
    CHECK(p.slide_start == t);
  }
  // A clock far in the future but sensible still plays.
  CHECK(playback.at(local_instant(timetable.zone(), "9999-12-31 23:59:55")).slide == 0);
}
