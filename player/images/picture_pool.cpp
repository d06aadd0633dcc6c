#include "player/images/picture_pool.hpp"

#include <utility>

namespace gatecast::player {

std::shared_ptr<PicturePool> PicturePool::make(std::size_t keep) {
  return std::shared_ptr<PicturePool>(new PicturePool(keep));
}

SharedSurface PicturePool::track(SharedSurface surface) {
  if (!surface) return surface;
  SDL_Surface* raw = surface.get();
  // The deleter owns the real surface and hands it back when the last copy of the tracked
  // pointer goes; it holds the pool, so the pool lives as long as any picture it tracks.
  return SharedSurface(raw, [pool = shared_from_this(), pixels = std::move(surface)](SDL_Surface*) mutable {
    pool->give_back(std::move(pixels));
  });
}

SharedSurface PicturePool::take(int width, int height) {
  std::lock_guard lock(mutex_);
  for (auto it = spares_.rbegin(); it != spares_.rend(); ++it) {
    if ((*it)->w == width && (*it)->h == height) {
      SharedSurface found = std::move(*it);
      spares_.erase(std::next(it).base());
      return found;
    }
  }
  return nullptr;
}

void PicturePool::give_back(SharedSurface surface) {
  if (!surface || surface.use_count() != 1 || surface->format->format != SDL_PIXELFORMAT_ARGB8888) return;
  std::lock_guard lock(mutex_);
  if (keep_ == 0) return;
  if (spares_.size() >= keep_) spares_.erase(spares_.begin());  // the oldest goes
  spares_.push_back(std::move(surface));
}

void PicturePool::clear() {
  std::lock_guard lock(mutex_);
  spares_.clear();
}

std::size_t PicturePool::spares() const {
  std::lock_guard lock(mutex_);
  return spares_.size();
}

}  // namespace gatecast::player
