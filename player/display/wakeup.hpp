#pragma once
// The one way other threads reach the play loop (mpv's mp_wakeup_core): the sync thread when
// it activated a package, the USB importer when its on-screen status changed, a signal
// handler when the service is asked to stop. A wakeup only says *why*; the loop then reads the
// state itself, on its own thread, at a safe point. Documented in docs/player.md.
#include <SDL2/SDL.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "scheduler/time.hpp"

namespace gatecast::player {

// Bits, so that several reasons can be pending at once and none is lost.
enum WakeReason : std::uint32_t {
  wake_none = 0,
  wake_package_activated = 1u << 0,  // a new package is current on disk: swap at a slide boundary
  wake_status_changed = 1u << 1,     // the on-screen banner (USB import, sync) has new text
  wake_quit = 1u << 2,               // stop the loop (SIGTERM, window closed)
  wake_redraw = 1u << 3,             // draw again now (window exposed or resized)
};

class Wakeup {
 public:
  // Any thread, any time, also before the loop starts; cheap and never blocks for long.
  // Wakes a loop waiting in wait_for() or, once use_sdl_events() was called, in
  // SDL_WaitEventTimeout.
  void notify(std::uint32_t reasons);

  // Async-signal-safe variant for signal handlers: only sets the bits; the loop sees them at
  // its next wait, which is never longer than its watchdog interval.
  void notify_from_signal(std::uint32_t reasons) noexcept { pending_.fetch_or(reasons); }

  // Loop thread: returns the pending reasons and clears them.
  [[nodiscard]] std::uint32_t take() noexcept { return pending_.exchange(wake_none); }

  // True when a reason is pending (not cleared). Any thread.
  [[nodiscard]] bool pending() const noexcept { return pending_.load() != wake_none; }

  // Loop thread, headless displays: blocks for at most `max` or until notify().
  // Returns true when a reason is pending.
  bool wait_for(Duration max);

  // Loop thread, window displays: from now on notify() also pushes an SDL user event of this
  // type, so that SDL_WaitEventTimeout returns. Call after SDL's event subsystem is up.
  void use_sdl_events(std::uint32_t event_type) noexcept { sdl_event_type_.store(event_type); }

 private:
  std::atomic<std::uint32_t> pending_{wake_none};
  std::atomic<std::uint32_t> sdl_event_type_{0};
  std::mutex mutex_;
  std::condition_variable changed_;
};

}  // namespace gatecast::player
