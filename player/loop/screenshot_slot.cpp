#include "player/loop/screenshot_slot.hpp"

#include "player/render/screenshot_jpeg.hpp"

namespace gatecast::player {

void ScreenshotSlot::offer(SDL_Surface* canvas, Instant now) {
  // A clock set back counts as due: the picture must never stay stale for the office.
  if (last_ && now >= *last_ && now - *last_ < every_) return;
  last_ = now;
  std::string jpeg = screenshot_jpeg(canvas);
  if (jpeg.empty()) return;  // keep the previous picture rather than none
  std::lock_guard lock(mutex_);
  jpeg_ = std::move(jpeg);
}

std::string ScreenshotSlot::latest() const {
  std::lock_guard lock(mutex_);
  return jpeg_;
}

}  // namespace gatecast::player
