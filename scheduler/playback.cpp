// Replays the day from the last reset to find the slide on screen (rules in playback.hpp).
#include "scheduler/playback.hpp"

#include <algorithm>

#include "scheduler/calendar.hpp"

namespace gatecast::scheduler {

namespace {

constexpr std::int64_t day_seconds = seconds_per_day;
constexpr std::int64_t last_sensible_second = std::int64_t{1} << 40;

std::int64_t millis(Instant t) noexcept {
  return t.time_since_epoch().count();
}

}  // namespace

Playback::Playback(const StateSource& timetable, const SlideDurations& durations)
    : Playback(timetable, std::vector<SlideDurations>{durations}) {}

Playback::Playback(const StateSource& composition, const std::vector<SlideDurations>& per_channel)
    : timetable_(composition) {
  for (std::size_t channel = 0; channel < per_channel.size(); ++channel) {
    for (const auto& [name, slides] : per_channel[channel]) {
      Cycle cycle;
      for (Duration d : slides) {
        cycle.total += std::max<std::int64_t>(d.count(), 1);
        cycle.ends.push_back(cycle.total);
      }
      if (!cycle.ends.empty())
        cycles_.emplace(PlaylistKey{static_cast<int>(channel), name}, std::move(cycle));
    }
  }
}

SlidePosition Playback::at(Instant t) const {
  const TimeZone& zone = timetable_.zone();
  const std::int64_t seconds = floor_seconds(t);
  if (seconds > last_sensible_second || seconds < -last_sensible_second) {
    // No day to replay this far out (and its millisecond count would overflow): idle.
    SlidePosition far;
    far.state = timetable_.state_at(t);
    far.slide_start = far.slide_end = t;
    return far;
  }
  const std::int64_t midnight_local = floor_div(zone.local_seconds(t), day_seconds) * day_seconds;
  const Instant day_start = std::min(t, instant_of_seconds(zone.utc_seconds_of_local(midnight_local)));
  const Instant day_end = instant_of_seconds(zone.utc_seconds_of_local(midnight_local + day_seconds));

  // The playlist stretch holding t: where it began and at which slide.
  std::map<PlaylistKey, std::size_t> resume_at;  // next slide of each playlist cut today
  State state = timetable_.state_at(day_start);
  Instant stretch_start = day_start;
  std::size_t first_slide = 0;
  Instant position = day_start;
  auto key_of = [](const State& s) { return PlaylistKey{s.channel, s.playlist}; };
  auto cycle_of = [this](const PlaylistKey& playlist) -> const Cycle* {
    auto it = cycles_.find(playlist);
    return it == cycles_.end() ? nullptr : &it->second;
  };
  // The slide running just before `end` in the stretch that began at `start` with `first`.
  auto slide_before = [](const Cycle& cycle, std::size_t first, Instant start, Instant end) {
    const std::int64_t offset = first == 0 ? 0 : cycle.ends[first - 1];
    const std::int64_t x = (offset + millis(end) - millis(start) - 1) % cycle.total;
    return static_cast<std::size_t>(std::upper_bound(cycle.ends.begin(), cycle.ends.end(), x) -
                                    cycle.ends.begin());
  };
  // Applies the change at `at` to the replay; returns true when it ends the current stretch.
  auto apply_change = [&](Instant at, const State& next) {
    const bool reset = state.screen.mode == ScreenMode::off && next.screen.mode != ScreenMode::off;
    const bool cut = next.playlist != state.playlist || next.channel != state.channel;
    if (reset) {
      resume_at.clear();
    } else if (cut) {
      if (const Cycle* cycle = cycle_of(key_of(state))) {
        resume_at[key_of(state)] =
            (slide_before(*cycle, first_slide, stretch_start, at) + 1) % cycle->ends.size();
      }
    }
    if (reset || cut) {
      stretch_start = at;
      auto it = resume_at.find(key_of(next));
      first_slide = it == resume_at.end() ? 0 : it->second;
    }
    state = next;
    return reset || cut;
  };

  for (;;) {
    std::optional<Instant> next = timetable_.next_change_after(position);
    if (!next || *next > t) break;
    apply_change(*next, timetable_.state_at(*next));
    position = *next;
  }
  const State at_t = timetable_.state_at(t);
  // Where the stretch holding t ends: the next cut, reset or local midnight.
  Instant stretch_end = day_end;
  {
    State probe_state = state;
    Instant probe = position;
    for (int guard = 0; guard < 64; ++guard) {
      std::optional<Instant> next = timetable_.next_change_after(probe);
      if (!next || *next >= day_end) break;
      const State next_state = timetable_.state_at(*next);
      const bool reset =
          probe_state.screen.mode == ScreenMode::off && next_state.screen.mode != ScreenMode::off;
      if (reset || next_state.playlist != probe_state.playlist || next_state.channel != probe_state.channel) {
        stretch_end = *next;
        break;
      }
      probe_state = next_state;
      probe = *next;
    }
  }

  SlidePosition result;
  result.state = at_t;
  const Cycle* cycle = cycle_of(key_of(state));
  if (!cycle || state.playlist.empty()) {
    result.slide_start = stretch_start;
    result.slide_end = stretch_end;
    return result;
  }
  const std::int64_t offset = first_slide == 0 ? 0 : cycle->ends[first_slide - 1];
  const std::int64_t x = (offset + millis(t) - millis(stretch_start)) % cycle->total;
  const auto slide = static_cast<std::size_t>(std::upper_bound(cycle->ends.begin(), cycle->ends.end(), x) -
                                              cycle->ends.begin());
  const std::int64_t into = x - (slide == 0 ? 0 : cycle->ends[slide - 1]);
  const std::int64_t length = cycle->ends[slide] - (slide == 0 ? 0 : cycle->ends[slide - 1]);
  result.slide = static_cast<int>(slide);
  result.slide_start = std::max(stretch_start, t - Duration(into));
  result.slide_end = std::min(stretch_end, t - Duration(into) + Duration(length));
  return result;
}

}  // namespace gatecast::scheduler
