#pragma once
// Which slide is on the screen at an instant, as a pure function of (schedule, slide
// durations, zone, instant), so that `gatecast render --at T` shows exactly what the screen
// shows at T and a restarted player picks up where it would have been.
//
// The rule (docs/schedule.md): playback is replayed from the last reset point, which is the
// later of the local midnight starting T's day and the last time the screen came on from off.
// At a reset every playlist starts again at its first slide. A change of playlist takes effect
// at the exact instant of the change, cutting the slide on screen (an urgent notice takes the
// screen mid-slide); a playlist cut that way resumes, when it next plays before the next reset,
// at the slide after the one that was cut, not from the top. A playlist that runs to its end
// loops to its first slide.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "scheduler/time.hpp"
#include "scheduler/timetable.hpp"

namespace gatecast::scheduler {

// Playlist name -> the duration of each slide, in order. Durations <= 0 count as 1 ms.
using SlideDurations = std::map<std::string, std::vector<Duration>>;

struct SlidePosition {
  State state;          // playlist, interrupt flag, screen state at the instant
  int slide = -1;       // index into the playlist's slides; -1 = nothing to show (idle)
  Instant slide_start;  // when this slide came on (or the idle stretch began)
  Instant slide_end;    // when it goes off: its natural end, or the next change or reset
};

class Playback {
 public:
  // One channel alone (State::channel 0).
  Playback(const StateSource& timetable, const SlideDurations& durations);
  // A composition (composition.hpp): `per_channel[i]` holds channel i's playlists. A playlist
  // cut by another channel's playlist resumes after the cut slide, as within one channel.
  Playback(const StateSource& composition, const std::vector<SlideDurations>& per_channel);

  // Costs one replay from the last reset: a few next-change searches and O(log slides) per
  // playlist stretch. The source must outlive this object.
  [[nodiscard]] SlidePosition at(Instant t) const;

 private:
  struct Cycle {
    std::vector<std::int64_t> ends;  // cumulative ms at the end of each slide
    std::int64_t total = 0;
  };
  using PlaylistKey = std::pair<int, std::string>;  // channel, playlist
  const StateSource& timetable_;
  std::map<PlaylistKey, Cycle> cycles_;
};

}  // namespace gatecast::scheduler
