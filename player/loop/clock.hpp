#pragma once
// Where the play loop gets the time, and how it gets to its next deadline. The loop never reads
// a global clock: tests hand it a fixed clock (time only moves when the test says so) or a
// stepped clock (each sleep jumps straight to the deadline, so a day plays in milliseconds).
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>

#include "content/signing/trusted_time.hpp"
#include "scheduler/time.hpp"

namespace gatecast::player {

class Clock {
 public:
  virtual ~Clock() = default;

  // The current instant (UTC, ms). Called from the loop thread only.
  [[nodiscard]] virtual Instant now() const = 0;

  // How long the loop should really block, waiting for events, to reach `deadline`. A real
  // clock answers the time left (0 when it has passed); simulated clocks answer 0 and move
  // their time in after_wait instead.
  [[nodiscard]] virtual Duration real_wait(Instant deadline) const = 0;

  // Called after the loop's wait returned: `woken` is true when an event or a wakeup ended it
  // before `deadline`. A stepped clock jumps to `deadline` unless woken.
  virtual void after_wait(Instant deadline, bool woken) = 0;

  // True when time only moves by after_wait or by the test: the loop then never blocks.
  [[nodiscard]] virtual bool simulated() const = 0;
};

// The system clock; waits are real.
class RealClock final : public Clock {
 public:
  Instant now() const override;
  Duration real_wait(Instant deadline) const override;
  void after_wait(Instant, bool) override {}
  bool simulated() const override { return false; }
};

// Trusted time (content/signing/trusted_time.hpp): the system clock, unless it is behind the
// time floor kept in data_dir or far ahead of it; then the floor plus the time since boot.
// Re-reads the floor now and then (installs on other threads raise it) and saves a believed
// clock reading into it every few minutes. `clocks` is read_system_clocks for the player;
// tests inject their own readings.
class TrustedClock final : public Clock {
 public:
  TrustedClock(std::filesystem::path data_dir, std::function<content::ClockReading()> clocks);
  Instant now() const override;
  Duration real_wait(Instant deadline) const override;
  void after_wait(Instant, bool) override {}
  bool simulated() const override { return false; }

  // The last verdict (for the status banner and tests).
  [[nodiscard]] content::TrustedTime last() const;

 private:
  std::filesystem::path data_dir_;
  std::function<content::ClockReading()> clocks_;
  mutable std::mutex mutex_;
  mutable content::TimeFloor floor_;
  mutable std::optional<Duration> floor_read_at_, floor_saved_at_;  // since boot
  mutable content::TrustedTime last_;
};

// Time stands still until set() or advance() is called. Thread-safe (a test may move it while
// a loop runs on another thread).
class FixedClock : public Clock {
 public:
  explicit FixedClock(Instant start) : now_(start) {}
  Instant now() const override;
  Duration real_wait(Instant) const override { return Duration{0}; }
  void after_wait(Instant, bool) override {}
  bool simulated() const override { return true; }

  void set(Instant t);
  void advance(Duration d);

 protected:
  mutable std::mutex mutex_;
  Instant now_;
};

// Like FixedClock, but every wait that is not cut short by a wakeup jumps to its deadline:
// the loop runs through simulated time as fast as it can draw.
class SteppedClock final : public FixedClock {
 public:
  using FixedClock::FixedClock;
  void after_wait(Instant deadline, bool woken) override;
};

}  // namespace gatecast::player
