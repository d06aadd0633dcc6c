#include "player/loop/clock.hpp"

#include <algorithm>
#include <chrono>

namespace gatecast::player {

Instant RealClock::now() const {
  return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

Duration RealClock::real_wait(Instant deadline) const {
  return std::max(Duration{0}, deadline - now());
}

Instant FixedClock::now() const {
  std::lock_guard lock(mutex_);
  return now_;
}

void FixedClock::set(Instant t) {
  std::lock_guard lock(mutex_);
  now_ = t;
}

void FixedClock::advance(Duration d) {
  std::lock_guard lock(mutex_);
  now_ += d;
}

void SteppedClock::after_wait(Instant deadline, bool woken) {
  if (woken) return;
  std::lock_guard lock(mutex_);
  // Time never runs backwards, even when the loop asks for a deadline already passed.
  now_ = std::max(now_, deadline);
}

}  // namespace gatecast::player
