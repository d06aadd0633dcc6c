// Several channels on one screen: the rule on values, the composed timeline against a
// second-by-second reference that applies the rule to each channel's own answer, and the slide
// position of a province playlist cut by another channel's notice.
#include <catch2/catch.hpp>
#include <random>

#include "scheduler/composition.hpp"
#include "scheduler/playback.hpp"
#include "scheduler_helpers.hpp"

using namespace gatecast;
using namespace gatecast::scheduler;
using namespace std::chrono_literals;
using test::local_instant;
using test::window;

namespace {

Entry entry(const std::string& playlist, int priority, std::optional<DailyWindow> w = std::nullopt,
            bool interrupt = false) {
  Entry e;
  e.playlist = playlist;
  e.priority = priority;
  e.window = w;
  e.interrupt = interrupt;
  return e;
}

// The rule written out the slow way, from each channel's own state (docs/schedule.md).
State reference_state(const std::vector<std::optional<Timetable>>& channels, std::size_t screen_channel,
                      Instant t) {
  std::optional<std::size_t> best;
  State best_state;
  for (std::size_t i = 0; i < channels.size(); ++i) {
    if (!channels[i]) continue;
    const State s = channels[i]->state_at(t);
    if (s.playlist.empty()) continue;
    bool better = !best;
    if (best) {
      if (s.interrupt && !best_state.interrupt) better = true;
      if (s.interrupt == best_state.interrupt && s.priority > best_state.priority) better = true;
    }
    if (better) {
      best = i;
      best_state = s;
    }
  }
  State out = best_state;
  out.channel = static_cast<int>(best ? *best : screen_channel);
  out.screen = channels[screen_channel] ? channels[screen_channel]->state_at(t).screen : ScreenState{};
  return out;
}

Schedule random_schedule(std::mt19937& rng, const std::string& prefix) {
  Schedule s;
  s.default_playlist = rng() % 3 == 0 ? "" : prefix + "-default";
  const int n = static_cast<int>(rng() % 5);
  for (int i = 0; i < n; ++i) {
    const int start = static_cast<int>(rng() % 96) * 900;
    const int length = 900 * (1 + static_cast<int>(rng() % 24));
    Entry e = entry(prefix + "-" + std::to_string(rng() % 3), static_cast<int>(rng() % 4) * 10,
                    DailyWindow{TimeOfDay{start}, TimeOfDay{(start + length) % seconds_per_day}});
    if (e.window->end.seconds == 0) e.window->end.seconds = seconds_per_day;
    if (e.window->end == e.window->start) e.window.reset();
    e.interrupt = rng() % 6 == 0;
    if (rng() % 2) e.weekdays = static_cast<WeekdayMask>(1 + rng() % 127);
    s.entries.push_back(e);
  }
  return s;
}

}  // namespace

TEST_CASE("an interrupt pre-empts, then the higher priority wins, ties go to the first channel",
          "[scheduler][composition]") {
  using W = ChannelWant;
  CHECK(composition_winner({}) == std::nullopt);
  CHECK(composition_winner({W{}, W{}}) == std::nullopt);
  CHECK(composition_winner({W{true, false, 0}, W{true, false, 0}}) == 0u);
  CHECK(composition_winner({W{true, false, -1}, W{true, false, 0}}) == 1u);
  CHECK(composition_winner({W{true, false, 1000}, W{true, true, 0}}) == 1u);
  CHECK(composition_winner({W{true, true, 5}, W{true, true, 5}, W{true, true, 6}}) == 2u);
  CHECK(composition_winner({W{false, true, 900}, W{true, false, 0}}) == 1u);
}

TEST_CASE("two channels: the gate's notice takes the screen, the province plays otherwise",
          "[scheduler][composition]") {
  const TimeZone zone = test::vietnam();
  Schedule province{"day", {entry("night", 10, window("19:00", "05:30"))}};
  Schedule gate{"",
                {entry("closed", 100, window("10:00", "11:00"), true),
                 entry("gate-info", 5, window("12:00", "13:00"))}};
  ScreenPolicy hours;
  hours.on_hours = window("05:00", "23:00");
  std::vector<std::optional<Timetable>> channels;
  channels.emplace_back(std::in_place, province, hours, zone);
  channels.emplace_back(std::in_place, gate, ScreenPolicy{}, zone);
  const Composition screen(std::move(channels), 0, zone);
  auto at = [&](const std::string& local) { return screen.state_at(local_instant(zone, local)); };
  CHECK(at("2026-11-30 09:00").playlist == "day");
  CHECK(at("2026-11-30 09:00").channel == 0);
  CHECK(at("2026-11-30 10:30").playlist == "closed");
  CHECK(at("2026-11-30 10:30").channel == 1);
  // The gate's priority-5 entry outranks the province's default, not its night entry.
  CHECK(at("2026-11-30 12:30").playlist == "gate-info");
  CHECK(at("2026-11-30 20:00").playlist == "night");
  // The screen channel's hours hold whoever plays.
  CHECK(at("2026-11-30 23:30").screen.mode == ScreenMode::off);
  CHECK(screen.next_change_after(local_instant(zone, "2026-11-30 09:00")) ==
        local_instant(zone, "2026-11-30 10:00"));
  CHECK(screen.next_change_after(local_instant(zone, "2026-11-30 10:00")) ==
        local_instant(zone, "2026-11-30 11:00"));
}

TEST_CASE("a channel handing its playlist to a higher entry wins the screen at that second",
          "[scheduler][composition]") {
  const TimeZone zone = test::vietnam();
  // Channel 0 plays "x" all day; from 14:00 the same playlist comes from a priority-50 entry.
  Schedule a{"", {entry("x", 1), entry("x", 50, window("14:00", "15:00"))}};
  Schedule b{"", {entry("y", 20)}};
  std::vector<std::optional<Timetable>> channels;
  channels.emplace_back(std::in_place, a, ScreenPolicy{}, zone);
  channels.emplace_back(std::in_place, b, ScreenPolicy{}, zone);
  const Composition screen(std::move(channels), 0, zone);
  CHECK(screen.state_at(local_instant(zone, "2026-11-30 13:00")).playlist == "y");
  CHECK(screen.next_change_after(local_instant(zone, "2026-11-30 13:00")) ==
        local_instant(zone, "2026-11-30 14:00"));
  CHECK(screen.state_at(local_instant(zone, "2026-11-30 14:00")).playlist == "x");
}

TEST_CASE("the composed timeline matches the rule applied second by second to each channel",
          "[scheduler][composition][property]") {
  const TimeZone zone = test::vietnam();
  std::mt19937 rng(20261130);
  for (int round = 0; round < 12; ++round) {
    const std::size_t n = 2 + static_cast<std::size_t>(round % 2);
    std::vector<std::optional<Timetable>> channels;
    for (std::size_t i = 0; i < n; ++i) {
      ScreenPolicy policy;
      if (rng() % 2) policy.on_hours = window("05:30", "23:15");
      if (round % 4 == 3 && i == 1) {
        channels.emplace_back();  // nothing installed
      } else {
        channels.emplace_back(std::in_place, random_schedule(rng, "c" + std::to_string(i)), policy, zone);
      }
    }
    const std::size_t screen_channel = rng() % n;
    const std::vector<std::optional<Timetable>> copy = channels;
    const Composition screen(std::move(channels), screen_channel, zone);
    const Instant from = local_instant(zone, "2026-11-30 00:00");
    const Instant to = from + std::chrono::hours(24 * 7);
    INFO("round " << round);
    std::optional<Instant> next = screen.next_change_after(from);
    State previous = reference_state(copy, screen_channel, from);
    // Every 15 minutes (the random windows' grid) plus the second before each boundary.
    for (Instant t = from + 15min; t < to; t += 15min) {
      const State want = reference_state(copy, screen_channel, t);
      const State got = screen.state_at(t);
      REQUIRE(same_output(got, want));
      CHECK(same_output(screen.state_at(t - 1s), previous));
      if (!same_output(want, previous)) {
        // The change was found at exactly this boundary, not earlier or later.
        REQUIRE(next);
        CHECK(*next == t);
      }
      if (next && *next == t) CHECK_FALSE(same_output(want, previous));
      if (next && *next <= t) next = screen.next_change_after(t);
      previous = want;
    }
  }
}

TEST_CASE("a province playlist cut by the gate's notice resumes after the cut slide",
          "[scheduler][composition][playback]") {
  const TimeZone zone = test::vietnam();
  Schedule province{"day", {}};
  Schedule gate{"", {entry("urgent", 100, window("08:00:15", "08:01:00"), true)}};
  std::vector<std::optional<Timetable>> channels;
  channels.emplace_back(std::in_place, province, ScreenPolicy{}, zone);
  channels.emplace_back(std::in_place, gate, ScreenPolicy{}, zone);
  const Composition screen(std::move(channels), 0, zone);
  // Province "day": three 10 s slides; the gate's "urgent" one 20 s slide. Both channels also
  // name a playlist "day"/"urgent" only in their own package: keys are per channel.
  const Playback playback(screen,
                          std::vector<SlideDurations>{{{"day", {10s, 10s, 10s}}}, {{"urgent", {20s}}}});
  // 08:00:00 is a multiple of 30 s from midnight: slide 0 starts then; slide 1 at 08:00:10 is cut at
  // 08:00:15.
  SlidePosition p = playback.at(local_instant(zone, "2026-11-30 08:00:12"));
  CHECK(p.state.channel == 0);
  CHECK(p.slide == 1);
  p = playback.at(local_instant(zone, "2026-11-30 08:00:20"));
  CHECK(p.state.channel == 1);
  CHECK(p.state.playlist == "urgent");
  CHECK(p.slide == 0);
  CHECK(p.slide_end == local_instant(zone, "2026-11-30 08:00:35"));
  p = playback.at(local_instant(zone, "2026-11-30 08:00:56"));  // looped at 08:00:55, cut at 08:01
  CHECK(p.slide_end == local_instant(zone, "2026-11-30 08:01:00"));
  // Back to the province at 08:01:00, at the slide after the cut one.
  p = playback.at(local_instant(zone, "2026-11-30 08:01:01"));
  CHECK(p.state.channel == 0);
  CHECK(p.slide == 2);
  CHECK(p.slide_start == local_instant(zone, "2026-11-30 08:01:00"));
}
