#pragma once
// What a screen plays now and what comes next, for `gatecast status` and the player's status
// line: the installed manifest's schedule evaluated in the site's zone.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "content/manifest/manifest.hpp"
#include "scheduler/time.hpp"
#include "scheduler/timetable.hpp"
#include "scheduler/timezone.hpp"

namespace gatecast::content {

struct NowPlaying {
  scheduler::State now;                  // playlist (empty = idle), screen state
  std::optional<Instant> next_change;    // none = nothing changes again
  std::optional<scheduler::State> next;  // what plays from next_change on
};

// Pure; any thread. Cost: one compile of the schedule and one next-change search.
[[nodiscard]] NowPlaying now_playing(const Manifest& manifest, const scheduler::TimeZone& zone, Instant now);
// The same for any source: one channel's timetable or the screen's composition.
[[nodiscard]] NowPlaying now_playing(const scheduler::StateSource& source, Instant now);

// "festival, screen on" / "idle (nothing scheduled), screen off" — one readable phrase.
// With `channel_names` (a composition's channels, by State::channel), the channel leads:
// "huunghi: gate-closed (urgent notice), screen on".
[[nodiscard]] std::string describe_state(const scheduler::State& state,
                                         const std::vector<std::string>& channel_names = {});

// Lines for `status`: "now: day, screen on" and "next: 2026-11-25 19:00 +07:00: night, screen
// dimmed 60%" (or "next: no change scheduled").
[[nodiscard]] std::vector<std::string> now_playing_lines(const NowPlaying& playing,
                                                         const scheduler::TimeZone& zone,
                                                         const std::vector<std::string>& channel_names = {});

// The timeline `gatecast schedule` prints: the state at `from`, then one line per change in
// (from, to), each "2026-11-25 19:00 +07:00  night, screen dimmed 60%". At most `max_lines`
// changes; a last line says how many more were left out.
[[nodiscard]] std::vector<std::string> timeline_lines(const Manifest& manifest,
                                                      const scheduler::TimeZone& zone, Instant from,
                                                      Instant to, std::size_t max_lines);
// The same for any source; with `channel_names`, each line names its channel (describe_state).
[[nodiscard]] std::vector<std::string> timeline_lines(const scheduler::StateSource& source,
                                                      const std::vector<std::string>& channel_names,
                                                      Instant from, Instant to, std::size_t max_lines);

// A local time as the office reads it: "2026-11-25 19:00 +07:00" ("...:15" when seconds).
[[nodiscard]] std::string format_local(Instant t, const scheduler::TimeZone& zone);

}  // namespace gatecast::content
