// Playback::at against a second-by-second simulation of the rules in playback.hpp, for random
// schedules with urgent notices, screen hours and dimming. Seeds are printed on failure.
#include <catch2/catch.hpp>

#include <map>
#include <random>

#include "reference_schedule.hpp"
#include "scheduler/playback.hpp"
#include "scheduler_helpers.hpp"

using namespace gatecast;
using namespace gatecast::scheduler;

namespace {

DailyWindow minute_window(std::mt19937_64& rng) {
  const int start = static_cast<int>(rng() % 1440) * 60;
  int end = static_cast<int>(rng() % 1440) * 60;
  if (end == start) end = (start + 3600) % 86400;
  return {{start}, {end}};
}

// Returns "" when Playback agrees with the simulation at every sampled second of the day.
std::string check_playback(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Schedule schedule;
  schedule.default_playlist = rng() % 4 == 0 ? "" : "a";
  const char* names[] = {"a", "b", "c", "u"};
  for (int i = static_cast<int>(rng() % 7); i > 0; --i) {
    Entry e;
    e.playlist = names[rng() % 4];
    e.window = minute_window(rng);
    e.priority = static_cast<int>(rng() % 3);
    e.interrupt = rng() % 4 == 0;
    schedule.entries.push_back(e);
  }
  ScreenPolicy screen;
  if (rng() % 2) screen.on_hours = minute_window(rng);
  if (rng() % 2) {
    screen.dim_hours = minute_window(rng);
    screen.dim_level = 0.5;
  }
  SlideDurations durations;
  std::map<std::string, std::vector<int>> lengths;
  for (const char* name : {"a", "b", "c"}) {  // "u" has no slides: it plays as idle
    for (int n = 1 + static_cast<int>(rng() % 5); n > 0; --n) {
      const int s = 1 + static_cast<int>(rng() % 90);
      lengths[name].push_back(s);
      durations[name].push_back(Duration(s * 1000));
    }
  }
  const TimeZone zone = test::vietnam();
  const Timetable timetable(schedule, screen, zone);
  const Playback playback(timetable, durations);
  const std::int64_t midnight_local = days_from_civil({2026, 11, 25}) * 86400;
  const Instant midnight = instant_of_seconds(midnight_local - 7 * 3600);

  // The simulation: the state each second, per the rules, with no shortcuts.
  std::map<std::string, int> resume;
  State previous = test::reference_state(schedule, screen, midnight_local);
  std::string playing = previous.playlist;
  int slide = lengths.count(playing) ? 0 : -1;
  int slide_start = 0;
  for (int s = 0; s < 86400; ++s) {
    if (s > 0) {
      const State now = test::reference_state(schedule, screen, midnight_local + s);
      const bool reset = previous.screen.mode == ScreenMode::off && now.screen.mode != ScreenMode::off;
      if (reset || now.playlist != playing) {
        if (reset) {
          resume.clear();
        } else if (slide >= 0) {
          resume[playing] = (slide + 1) % static_cast<int>(lengths[playing].size());
        }
        playing = now.playlist;
        slide = lengths.count(playing) ? (resume.count(playing) ? resume[playing] : 0) : -1;
        slide_start = s;
      } else if (slide >= 0 && s - slide_start >= lengths[playing][static_cast<std::size_t>(slide)]) {
        slide = (slide + 1) % static_cast<int>(lengths[playing].size());
        slide_start = s;
      }
      previous = now;
    }
    if (rng() % 97 != 0 && s != 0) continue;
    const SlidePosition p = playback.at(midnight + Duration(s * 1000 + 500));
    if (p.slide != slide || (slide >= 0 && p.slide_start != midnight + Duration(slide_start * 1000))) {
      return "second " + std::to_string(s) + ": playback slide " + std::to_string(p.slide) + " from " +
             std::to_string((p.slide_start - midnight).count() / 1000) + ", simulation slide " +
             std::to_string(slide) + " from " + std::to_string(slide_start) + " (" + playing + ")";
    }
  }
  return "";
}

}  // namespace

TEST_CASE("playback matches a second-by-second simulation on random schedules", "[scheduler][property]") {
  int failures = 0;
  for (std::uint64_t seed = 1; seed <= 60 && failures < 3; ++seed) {
    const std::string problem = check_playback(seed);
    if (!problem.empty()) {
      ++failures;
      FAIL_CHECK("seed " << seed << ": " << problem);
    }
  }
  CHECK(failures == 0);
}
