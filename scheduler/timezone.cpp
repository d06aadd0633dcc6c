#include "scheduler/timezone.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <stdexcept>

#include "scheduler/calendar.hpp"

namespace gatecast::scheduler {

std::int64_t floor_seconds(Instant t) noexcept {
  const std::int64_t ms = t.time_since_epoch().count();
  const std::int64_t seconds = ms / 1000;
  return ms % 1000 < 0 ? seconds - 1 : seconds;  // no negation: ms may be the lowest int64
}

Instant instant_of_seconds(std::int64_t utc_seconds) noexcept {
  return Instant(Duration(utc_seconds * 1000));
}

TimeZone::TimeZone(std::string name, int initial_offset, std::vector<ZoneTransition> transitions)
    : name_(std::move(name)), initial_offset_(initial_offset), transitions_(std::move(transitions)) {
  auto bad_offset = [](int offset) {
    return offset < -max_zone_offset_seconds || offset > max_zone_offset_seconds;
  };
  if (bad_offset(initial_offset_)) throw std::invalid_argument("time zone offset out of range");
  for (std::size_t i = 0; i < transitions_.size(); ++i) {
    if (bad_offset(transitions_[i].offset)) throw std::invalid_argument("time zone offset out of range");
    if (i > 0 && transitions_[i].at <= transitions_[i - 1].at) {
      throw std::invalid_argument("time zone transitions out of order");
    }
  }
}

TimeZone TimeZone::fixed(std::string name, int offset_seconds) {
  return TimeZone(std::move(name), offset_seconds, {});
}

int TimeZone::offset_at_seconds(std::int64_t utc_seconds) const noexcept {
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), utc_seconds,
                             [](std::int64_t s, const ZoneTransition& z) { return s < z.at; });
  return it == transitions_.begin() ? initial_offset_ : std::prev(it)->offset;
}

int TimeZone::offset_at(Instant t) const noexcept {
  return offset_at_seconds(floor_seconds(t));
}

std::int64_t TimeZone::local_seconds(Instant t) const noexcept {
  const std::int64_t s = floor_seconds(t);
  return s + offset_at_seconds(s);
}

LocalDateTime TimeZone::to_local(Instant t) const noexcept {
  return local_date_time_of(local_seconds(t));
}

std::int64_t TimeZone::utc_seconds_of_local(std::int64_t local) const noexcept {
  // Only segments within the widest offset of `local` can hold it: look at those alone.
  const std::int64_t window = 2 * static_cast<std::int64_t>(max_zone_offset_seconds);
  auto first = std::lower_bound(transitions_.begin(), transitions_.end(), local - window,
                                [](const ZoneTransition& z, std::int64_t s) { return z.at < s; });
  auto last = std::upper_bound(transitions_.begin(), transitions_.end(), local + window,
                               [](std::int64_t s, const ZoneTransition& z) { return s < z.at; });
  std::int64_t best = std::numeric_limits<std::int64_t>::max();
  // Segment i runs from transition i-1 (or -inf) to transition i (or +inf).
  auto consider_segment = [&](std::int64_t begin, std::int64_t end, int offset) {
    const std::int64_t s = local - offset;
    if (s >= begin && s < end) best = std::min(best, s);
  };
  const std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
  const std::int64_t highest = std::numeric_limits<std::int64_t>::max();
  int offset = first == transitions_.begin() ? initial_offset_ : std::prev(first)->offset;
  std::int64_t begin = first == transitions_.begin() ? lowest : std::prev(first)->at;
  for (auto it = first; it != last; ++it) {
    consider_segment(begin, it->at, offset);
    // A gap: local time jumps over `local` at this transition.
    if (it->at - 1 + offset < local && it->at + it->offset >= local) best = std::min(best, it->at);
    offset = it->offset;
    begin = it->at;
  }
  consider_segment(begin, last == transitions_.end() ? highest : last->at, offset);
  if (best == std::numeric_limits<std::int64_t>::max()) best = local - offset;  // cannot happen; stay total
  return best;
}

Instant TimeZone::to_utc(const LocalDateTime& when) const noexcept {
  return instant_of_seconds(utc_seconds_of_local(local_seconds_of(when)));
}

std::optional<std::int64_t> TimeZone::next_transition_after(std::int64_t utc_seconds) const noexcept {
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), utc_seconds,
                             [](std::int64_t s, const ZoneTransition& z) { return s < z.at; });
  if (it == transitions_.end()) return std::nullopt;
  return it->at;
}

std::string TimeZone::format_offset(int offset_seconds) {
  const char sign = offset_seconds < 0 ? '-' : '+';
  const int magnitude = std::abs(offset_seconds);
  char buffer[32];
  if (magnitude % 60 != 0) {
    std::snprintf(buffer, sizeof buffer, "%c%02d:%02d:%02d", sign, magnitude / 3600, magnitude / 60 % 60,
                  magnitude % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", sign, magnitude / 3600, magnitude / 60 % 60);
  }
  return buffer;
}

}  // namespace gatecast::scheduler
