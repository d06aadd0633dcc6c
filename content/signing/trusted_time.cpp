#include "content/signing/trusted_time.hpp"

#include <algorithm>

#include "content/base/rfc3339.hpp"

namespace gatecast::content {

Instant bound_from(const TimeMark& mark, const ClockReading& reading) {
  const bool same_boot = !mark.boot_id.empty() && mark.boot_id == reading.boot_id;
  // Within one boot the monotonic clock only grows; a smaller reading would mean the boot id
  // lied, and then counting from this boot's start is still a lower bound.
  if (same_boot && reading.since_boot >= mark.since_boot)
    return mark.at + (reading.since_boot - mark.since_boot);
  return mark.at + reading.since_boot;
}

TrustedTime trusted_time(const TimeFloor& floor, const ClockReading& reading) {
  std::optional<Instant> bound;
  for (const std::optional<TimeMark>* mark : {&floor.signed_created, &floor.clock}) {
    if (*mark) bound = std::max(bound.value_or(Instant::min()), bound_from(**mark, reading));
  }
  TrustedTime t;
  t.now = reading.wall;
  t.bound = bound;
  if (!bound) return t;
  if (reading.wall < *bound - clock_tolerance) {
    t.now = *bound;
    t.verdict = ClockVerdict::behind;
  } else if (reading.wall - *bound > max_clock_ahead) {
    t.now = *bound;
    t.verdict = ClockVerdict::ahead;
  }
  return t;
}

std::string clock_problem(const TrustedTime& time, const ClockReading& reading) {
  if (!time.clock_wrong()) return {};
  return std::string("clock wrong (") + (time.verdict == ClockVerdict::behind ? "behind" : "far ahead") +
         ": it says " + format_rfc3339(reading.wall) + ", using " + format_rfc3339(time.now) + ")";
}

TimeFloor with_signed_created(TimeFloor floor, Instant created, const ClockReading& reading) {
  const TimeMark mark{created, reading.boot_id, reading.since_boot};
  // Compare what each mark says about now, not the raw instants: a mark from an earlier boot
  // and one from this boot differ in how much time has passed since.
  if (!floor.signed_created || bound_from(mark, reading) > bound_from(*floor.signed_created, reading)) {
    floor.signed_created = mark;
  }
  return floor;
}

TimeFloor with_clock_reading(TimeFloor floor, const ClockReading& reading) {
  if (trusted_time(floor, reading).clock_wrong()) return floor;
  floor.clock = TimeMark{reading.wall, reading.boot_id, reading.since_boot};
  return floor;
}

}  // namespace gatecast::content
