#pragma once
// The soak's clock: the player's stepped clock (player/loop/clock.hpp: every wait that no
// wakeup cut short jumps to its deadline) with a gate. The play loop runs on its own thread as
// `gatecast play` runs it; the test holds it at chosen instants of simulated time (a network
// flap, a stick put in, a disk filled), does the fault there while the loop stands still,
// and lets it run on to the next instant. So each fault lands at the same simulated moment in
// every run, however fast or slow the machine, and nothing waits on real time but hang guards.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "player/loop/clock.hpp"

namespace gatecast::test {

class GatedClock final : public player::FixedClock {
 public:
  // Holds the loop at `start` until the first run_until().
  explicit GatedClock(Instant start) : FixedClock(start), gate_(start) {}

  // Loop thread (PlayLoop::sleep_until): jumps to `deadline`, or to the gate when the deadline
  // is at or past it, and then waits there until the test moves the gate on.
  void after_wait(Instant deadline, bool woken) override {
    if (woken) return;  // a wakeup: the loop looks again at the same instant
    std::unique_lock lock(gate_mutex_);
    if (!gate_ || deadline < *gate_) {
      set(deadline);
      return;
    }
    set(*gate_);
    held_ = true;
    changed_.notify_all();
    changed_.wait(lock, [&] { return !held_; });
  }

  // Test thread: lets the loop run up to `t` (the loop's time is never past it) and returns
  // once the loop stands at `t`. The bound on real time is a hang guard, not a measurement.
  void run_until(Instant t) {
    std::unique_lock lock(gate_mutex_);
    gate_ = t;
    held_ = false;
    changed_.notify_all();
    if (!changed_.wait_for(lock, std::chrono::minutes(5), [&] { return held_; }))
      throw std::runtime_error("the play loop did not reach the next instant within 5 minutes");
  }

  // Test thread: lets the loop run freely (to its exit_after, or at a failure).
  void open() {
    std::lock_guard lock(gate_mutex_);
    gate_.reset();
    held_ = false;
    changed_.notify_all();
  }

 private:
  std::mutex gate_mutex_;
  std::condition_variable changed_;
  std::optional<Instant> gate_;
  bool held_ = false;
};

}  // namespace gatecast::test
