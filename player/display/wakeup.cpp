#include "player/display/wakeup.hpp"

namespace gatecast::player {

void Wakeup::notify(std::uint32_t reasons) {
  {
    // Setting the bits under the mutex closes the gap between wait_for's check and its sleep.
    std::lock_guard lock(mutex_);
    pending_.fetch_or(reasons);
  }
  changed_.notify_all();
  if (std::uint32_t type = sdl_event_type_.load(); type != 0) {
    SDL_Event event{};
    event.type = type;
    event.user.code = static_cast<Sint32>(reasons);
    SDL_PushEvent(&event);  // thread-safe; a full queue only delays, the bits stay pending
  }
}

bool Wakeup::wait_for(Duration max) {
  std::unique_lock lock(mutex_);
  if (max.count() <= 0) return pending_.load() != wake_none;
  return changed_.wait_for(lock, max, [this] { return pending_.load() != wake_none; });
}

}  // namespace gatecast::player
