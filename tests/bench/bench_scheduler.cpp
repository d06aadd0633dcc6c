// Scheduler speed on a 500-entry schedule: state evaluations per second (what the player may
// ask every frame), next-change searches per second, and slide positions per second, each
// against the naive minute-by-minute reference measured in the same run.
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "../scheduler/reference_schedule.hpp"
#include "scheduler/calendar.hpp"
#include "scheduler/playback.hpp"
#include "scheduler/timetable.hpp"

using namespace gatecast;
using namespace gatecast::scheduler;

namespace {

Schedule make_schedule(std::mt19937_64& rng, int entries) {
  Schedule s;
  s.default_playlist = "day";
  const std::int64_t first = days_from_civil({2026, 11, 1});
  for (int i = 0; i < entries; ++i) {
    Entry e;
    e.playlist = "p" + std::to_string(rng() % 40);
    if (rng() % 2) {
      e.from = civil_from_days(first + static_cast<std::int64_t>(rng() % 365));
      e.until = civil_from_days(days_from_civil(*e.from) + 1 + static_cast<std::int64_t>(rng() % 60));
    }
    if (rng() % 3 == 0) e.weekdays = static_cast<WeekdayMask>(1 + rng() % 127);
    if (rng() % 4 != 0) {
      const int start = static_cast<int>(rng() % 96) * 900;
      int end = static_cast<int>(rng() % 96) * 900;
      if (end == start) end = (start + 3600) % 86400;
      e.window = DailyWindow{{start}, {end}};
    }
    e.priority = static_cast<int>(rng() % 100);
    e.interrupt = rng() % 50 == 0;
    if (e.interrupt) {  // urgent notices last a day or two, as in the field
      e.from = civil_from_days(first + static_cast<std::int64_t>(rng() % 365));
      e.until = civil_from_days(days_from_civil(*e.from) + 1 + static_cast<std::int64_t>(rng() % 2));
    }
    s.entries.push_back(e);
  }
  return s;
}

template <typename F>
double per_second(int iterations, F&& body) {
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) body(i);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  return iterations / took.count();
}

volatile std::size_t sink = 0;

}  // namespace

int main() {
  std::mt19937_64 rng(500);
  const Schedule schedule = make_schedule(rng, 500);
  ScreenPolicy screen;
  screen.on_hours = DailyWindow{{5 * 3600 + 1800}, {23 * 3600 + 1800}};
  screen.dim_hours = DailyWindow{{19 * 3600}, {5 * 3600 + 1800}};
  screen.dim_level = 0.6;
  const TimeZone zone = TimeZone::fixed("Asia/Ho_Chi_Minh", 7 * 3600);
  const Timetable timetable(schedule, screen, zone);
  SlideDurations durations;
  for (int p = 0; p < 40; ++p) durations["p" + std::to_string(p)] = std::vector<Duration>(12, Duration(8000));
  durations["day"] = std::vector<Duration>(20, Duration(10000));
  const Playback playback(timetable, durations);

  // Instants spread over a year, the same for every measurement.
  std::vector<Instant> instants;
  const Instant base = zone.to_utc({{2026, 11, 1}, {0}});
  for (int i = 0; i < 4096; ++i)
    instants.push_back(base + Duration(static_cast<std::int64_t>(rng() % (365ull * 86400000))));
  auto at = [&instants](int i) { return instants[static_cast<std::size_t>(i) & 4095]; };

  const double evaluations =
      per_second(2000000, [&](int i) { sink = sink + timetable.state_at(at(i)).playlist.size(); });
  const double reference_evaluations = per_second(20000, [&](int i) {
    const Instant t = at(i);
    sink = sink + test::reference_state(schedule, screen, zone.local_seconds(t)).playlist.size();
  });
  const double next_changes = per_second(100000, [&](int i) {
    sink =
        sink + static_cast<std::size_t>(timetable.next_change_after(at(i))->time_since_epoch().count() & 1);
  });
  // The reference finds the next change by stepping a minute at a time.
  const double reference_next_changes = per_second(200, [&](int i) {
    const Instant t = at(i);
    const State now = test::reference_state(schedule, screen, zone.local_seconds(t));
    std::int64_t local = zone.local_seconds(t) / 60 * 60 + 60;
    while (same_output(now, test::reference_state(schedule, screen, local))) local += 60;
    sink = sink + static_cast<std::size_t>(local & 1);
  });
  const double positions =
      per_second(20000, [&](int i) { sink = sink + static_cast<std::size_t>(playback.at(at(i)).slide); });
  const double trivial = per_second(
      2000000, [&](int i) { sink = sink + static_cast<std::size_t>(zone.local_seconds(at(i)) & 1); });

  // Worst case for the evaluator: no entry is active, so every call scans all 500 and the
  // next-change search asks each of them when it next opens.
  Schedule dormant = schedule;
  for (Entry& e : dormant.entries) {
    e.from = LocalDate{2030, 1, 1};
    e.until = LocalDate{2030, 2, 1};
  }
  const Timetable dormant_timetable(dormant, screen, zone);
  const double dormant_evaluations =
      per_second(200000, [&](int i) { sink = sink + dormant_timetable.state_at(at(i)).playlist.size(); });
  const double dormant_next_changes = per_second(20000, [&](int i) {
    sink = sink + static_cast<std::size_t>(
                      dormant_timetable.next_change_after(at(i))->time_since_epoch().count() & 1);
  });

  std::printf("scheduler, 500 entries, 40 playlists, instants over a year (fixed +07:00)\n");
  std::printf("  state_at:            %12.0f /s   reference %10.0f /s   ratio %7.1fx\n", evaluations,
              reference_evaluations, evaluations / reference_evaluations);
  std::printf("  next_change_after:   %12.0f /s   reference %10.0f /s   ratio %7.1fx (minute stepping)\n",
              next_changes, reference_next_changes, next_changes / reference_next_changes);
  std::printf("  Playback::at:        %12.0f /s   (replays from the last reset)\n", positions);
  std::printf("  baseline loop (local time only): %12.0f /s; state_at costs %.1fx that\n", trivial,
              trivial / evaluations);
  std::printf("  per call: state_at %.3f us, next_change_after %.2f us, Playback::at %.1f us\n",
              1e6 / evaluations, 1e6 / next_changes, 1e6 / positions);
  std::printf(
      "  worst case (no entry active, all 500 scanned): state_at %.0f /s (%.2f us), next_change_after %.0f "
      "/s "
      "(%.1f us)\n",
      dormant_evaluations, 1e6 / dormant_evaluations, dormant_next_changes, 1e6 / dormant_next_changes);
  return 0;
}
