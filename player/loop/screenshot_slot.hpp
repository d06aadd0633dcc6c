#pragma once
// The latest small picture of the screen, for heartbeats (config report_screenshots): the loop
// offers each presented frame, and every `every` one of them is encoded (a few milliseconds
// for a 480 px JPEG, so at most once per interval, never per frame); the sync thread takes the
// newest when it sends a heartbeat.
#include <SDL.h>

#include <mutex>
#include <optional>
#include <string>

#include "scheduler/time.hpp"

namespace gatecast::player {

class ScreenshotSlot {
 public:
  explicit ScreenshotSlot(Duration every) : every_(every) {}

  // Loop thread, right after a frame is presented.
  void offer(SDL_Surface* canvas, Instant now);

  // The newest JPEG (at most 60 KB), empty before the first. Any thread.
  [[nodiscard]] std::string latest() const;

 private:
  Duration every_;
  std::optional<Instant> last_;  // loop thread only
  mutable std::mutex mutex_;
  std::string jpeg_;
};

}  // namespace gatecast::player
