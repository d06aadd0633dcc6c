#pragma once
// Time the screen can trust (docs/signing.md, "Trusted time"). A box without a working RTC
// battery or NTP may boot in 1970 or drift by months; expiry and the schedule must not follow
// it. The screen keeps a floor on disk: the newest signed `created` it accepted and the last
// clock reading it believed, each with the boot it was taken in and the monotonic time since
// that boot. From it follows a lower bound on the true time now:
//   same boot:   floor + (since_boot_now - since_boot_at_floor)
//   other boot:  floor + since_boot_now        (the floor was taken before this boot began)
// Rule:
//   - clock more than clock_tolerance below the bound: the clock is behind; trusted time =
//     the bound ("clock wrong").
//   - clock more than `max_ahead` above the bound: the clock jumped ahead (or the screen sat
//     unplugged a long time); trusted time = the bound ("clock wrong") until a signed package
//     or a saner clock moves the bound up. Such a reading is never saved into the floor, so a
//     jump to 2040 and back cannot leave the screen believing 2040.
//   - otherwise the clock is believed, and may be saved as the floor's new clock reading.
// Pure: every function takes the readings as values; only the loop and the commands read clocks.
#include <optional>
#include <string>

#include "scheduler/time.hpp"

namespace gatecast::content {

// One reading of the screen's clocks.
struct ClockReading {
  Instant wall;            // the system clock (CLOCK_REALTIME)
  std::string boot_id;     // /proc/sys/kernel/random/boot_id; empty when unknown
  Duration since_boot{0};  // CLOCK_BOOTTIME: keeps counting across suspend, never jumps
};

// A lower bound on the true time, taken at a known instant of a known boot.
struct TimeMark {
  Instant at;
  std::string boot_id;
  Duration since_boot{0};
};

struct TimeFloor {
  std::optional<TimeMark> signed_created;  // newest `created` of an accepted manifest
  std::optional<TimeMark> clock;           // last clock reading believed and saved
};

// How far ahead of the floor's bound the clock may be before it is suspected. A screen off
// for longer than this comes back "clock wrong" until its first sync, which heals it.
inline constexpr Duration max_clock_ahead = std::chrono::hours(24 * 31);

// How far behind the bound the clock may be and still be believed. The bound adds monotonic
// time to an earlier wall reading: millisecond truncation, the order of the two reads and NTP
// slewing (up to 500 ppm) make an honest clock look a little behind it.
inline constexpr Duration clock_tolerance = std::chrono::seconds(60);

enum class ClockVerdict { believed, behind, ahead };

struct TrustedTime {
  Instant now;
  ClockVerdict verdict = ClockVerdict::believed;
  std::optional<Instant> bound;  // the floor's lower bound now, when there is a floor

  [[nodiscard]] bool clock_wrong() const { return verdict != ClockVerdict::believed; }
};

// Reads the system clock, CLOCK_BOOTTIME and the kernel's boot id. For the loop and the
// commands only (system_clocks.cpp).
[[nodiscard]] ClockReading read_system_clocks();

// The lower bound `mark` gives at `reading`.
[[nodiscard]] Instant bound_from(const TimeMark& mark, const ClockReading& reading);

// The time to use at `reading`, by the rule above.
[[nodiscard]] TrustedTime trusted_time(const TimeFloor& floor, const ClockReading& reading);

// "clock wrong (behind: says 1970-01-01T00:00:12Z, using 2026-11-30T10:00:00Z)" and the like;
// empty when the clock is believed.
[[nodiscard]] std::string clock_problem(const TrustedTime& time, const ClockReading& reading);

// The floor with a newly accepted signed `created` (kept only when newer).
[[nodiscard]] TimeFloor with_signed_created(TimeFloor floor, Instant created, const ClockReading& reading);

// The floor with `reading` saved as its clock reading, when trusted_time believes it;
// unchanged otherwise.
[[nodiscard]] TimeFloor with_clock_reading(TimeFloor floor, const ClockReading& reading);

}  // namespace gatecast::content
