#pragma once
// What plays and how the screen looks at any instant, and exactly when that next changes, so
// the player can sleep until then instead of polling. Pure: the caller passes the instant in.
//
// Who wins (docs/schedule.md): among the entries active at an instant, an interrupt beats any
// ordinary entry; then the higher priority; then the later `from` (a newer campaign overrides
// an older one; no `from` counts as the oldest); then the entry listed first in the file.
// When no entry is active the default playlist plays (empty = the idle screen).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "scheduler/schedule.hpp"
#include "scheduler/time.hpp"
#include "scheduler/timezone.hpp"

namespace gatecast::scheduler {

enum class ScreenMode { on, dimmed, off };

struct ScreenState {
  ScreenMode mode = ScreenMode::on;
  double level = 1.0;  // brightness 0..1: 1 when on, the dim level when dimmed, 0 when off
  bool operator==(const ScreenState&) const = default;
};

// What the screen shows at one instant.
struct State {
  std::string playlist;  // empty = nothing scheduled (the idle screen)
  bool interrupt = false;
  int entry = -1;    // index into the channel's Schedule::entries; -1 = the default playlist
  int channel = 0;   // which channel's playlist (composition.hpp); 0 for a lone timetable
  int priority = 0;  // the entry's priority; default_playlist_priority for the default
  ScreenState screen;
};

// The default playlist ranks below every entry (entries are 0..1000), so that a channel's
// scheduled entry outranks another channel's default in a composition (composition.hpp).
inline constexpr int default_playlist_priority = -1;

// A change is a change of channel, playlist or screen state; a hand-over between two entries
// naming the same playlist is not one (the playlist keeps playing).
[[nodiscard]] bool same_output(const State& a, const State& b) noexcept;
// What a channel asks of a composed screen changes also when the same playlist is handed to
// an entry of another priority or interrupt flag: the composition may pick another channel.
[[nodiscard]] bool same_want(const State& a, const State& b) noexcept;

struct Evaluation {
  State now;
  std::optional<Instant> next_change;  // first instant > t whose output differs; none = never
  std::optional<State> next;           // the state from next_change on
};

struct Change {
  Instant at;
  State state;
};

// Anything that says what plays at each instant and when that changes: one channel's
// Timetable, or several composed (composition.hpp). Playback replays either.
class StateSource {
 public:
  virtual ~StateSource() = default;
  [[nodiscard]] virtual State state_at(Instant t) const = 0;
  // The first instant > t whose output differs (same_output); none = never.
  [[nodiscard]] virtual std::optional<Instant> next_change_after(Instant t) const = 0;
  [[nodiscard]] virtual const TimeZone& zone() const = 0;

  [[nodiscard]] Evaluation evaluate(Instant t) const;
  // The state at `from` followed by every change in (from, to), at most `max_changes` + 1.
  [[nodiscard]] std::vector<Change> timeline(Instant from, Instant to, std::size_t max_changes) const;
};

// A schedule compiled for fast questions: entries ranked once, dates turned into day numbers.
// Immutable after construction; safe to share between threads.
class Timetable final : public StateSource {
 public:
  Timetable(Schedule schedule, ScreenPolicy screen, TimeZone zone);

  // O(active rank) per call: cheap enough for every frame.
  [[nodiscard]] State state_at(Instant t) const override;
  // The first instant > t at which same_output(state_at(it), state_at(t)) is false, exact to
  // the second; nullopt when the output never changes again. Always > t whatever the clock
  // did before (no state is kept between calls). One exception keeps the cost bounded: a
  // schedule that hands one playlist between entries 20,000 times without a change gets the
  // instant reached as a wake-up (nothing changes there; ask again). Instants beyond about
  // 35,000 years from 1970 have no next change.
  [[nodiscard]] std::optional<Instant> next_change_after(Instant t) const override;
  // The same with same_want instead of same_output: also a change of priority or interrupt.
  [[nodiscard]] std::optional<Instant> next_want_change_after(Instant t) const;

  const Schedule& schedule() const { return schedule_; }
  const ScreenPolicy& screen() const { return screen_; }
  const TimeZone& zone() const override { return zone_; }

 private:
  // One entry in the form the evaluator wants; bounds absent = +-infinity.
  struct Ranked {
    int index = -1;
    std::int64_t first_day = 0;  // days since 1970-01-01 (local) on which it may open
    std::int64_t end_day = 0;    // first day it may no longer open
    std::int64_t starts = 0;     // local seconds, inclusive
    std::int64_t ends = 0;       // local seconds, exclusive
    WeekdayMask weekdays = every_day;
    int open = 0;   // window start, seconds after midnight
    int close = 0;  // window end; <= open crosses midnight; all day = 0..86400
  };
  bool active(const Ranked& entry, std::int64_t local) const noexcept;
  std::optional<std::int64_t> next_activation(const Ranked& entry, std::int64_t local) const noexcept;
  std::int64_t next_deactivation(const Ranked& entry, std::int64_t local) const noexcept;
  State state_at_local(std::int64_t local) const;
  using SameFn = bool (*)(const State&, const State&) noexcept;
  std::optional<std::int64_t> next_local_change(std::int64_t local, std::int64_t limit, SameFn same) const;
  std::optional<Instant> next_change(Instant t, SameFn same) const;

  Schedule schedule_;
  ScreenPolicy screen_;
  TimeZone zone_;
  std::vector<Ranked> ranked_;        // best first
  std::int64_t last_date_local_ = 0;  // local seconds after which only the week repeats
};

// The screen state alone, at a local second (for the player's dimming and for tests).
[[nodiscard]] ScreenState screen_state_at(const ScreenPolicy& policy, std::int64_t local_seconds) noexcept;
// Whether a daily window contains the local second (windows crossing midnight included).
[[nodiscard]] bool window_contains(const DailyWindow& window, std::int64_t local_seconds) noexcept;

[[nodiscard]] const char* screen_mode_name(ScreenMode mode) noexcept;  // "on", "dimmed", "off"

}  // namespace gatecast::scheduler
