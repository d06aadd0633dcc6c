#include "player/loop/clock.hpp"

#include <algorithm>
#include <chrono>

#include "content/store/trust_files.hpp"

namespace gatecast::player {

Instant RealClock::now() const {
  return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

Duration RealClock::real_wait(Instant deadline) const {
  return std::max(Duration{0}, deadline - now());
}

TrustedClock::TrustedClock(std::filesystem::path data_dir, std::function<content::ClockReading()> clocks)
    : data_dir_(std::move(data_dir)), clocks_(std::move(clocks)) {}

Instant TrustedClock::now() const {
  using namespace std::chrono_literals;
  const content::ClockReading reading = clocks_();
  std::lock_guard lock(mutex_);
  const auto due = [&](const std::optional<Duration>& last, Duration every) {
    return !last || reading.since_boot < *last || reading.since_boot - *last >= every;
  };
  if (due(floor_read_at_, 60s)) {
    floor_read_at_ = reading.since_boot;
    try {
      floor_ = content::read_time_floor(data_dir_);
    } catch (const std::exception&) {
      // A damaged floor file must not stop the screen: the last floor read stays in use.
    }
  }
  last_ = content::trusted_time(floor_, reading);
  if (!last_.clock_wrong() && due(floor_saved_at_, 600s)) {
    floor_saved_at_ = reading.since_boot;
    try {
      std::error_code ec;
      if (std::filesystem::is_directory(data_dir_, ec)) {
        floor_ = content::with_clock_reading(content::read_time_floor(data_dir_), reading);
        content::write_time_floor(data_dir_, floor_);
      }
    } catch (const std::exception&) {
      // Saving is what keeps the floor close to the truth; failing to save only loosens it.
    }
  }
  return last_.now;
}

Duration TrustedClock::real_wait(Instant deadline) const {
  return std::max(Duration{0}, deadline - now());
}

content::TrustedTime TrustedClock::last() const {
  std::lock_guard lock(mutex_);
  return last_;
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
