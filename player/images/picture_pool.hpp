#pragma once
// Pixels of decoded pictures that nobody shows any more, kept for the next decode of the same
// size. A slideshow of same-sized photos then decodes every slide into memory it already has:
// no allocation, no fresh pages for the kernel to fault in and zero (at 1080p, 8 MiB per slide),
// whether the last holder was the picture cache evicting it or a slide base letting it go.
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "player/surface/sdl_ptr.hpp"

namespace gatecast::player {

class PicturePool : public std::enable_shared_from_this<PicturePool> {
 public:
  // A pool keeping at most `keep` surfaces (one is enough when each slide change frees one
  // picture and decodes one).
  [[nodiscard]] static std::shared_ptr<PicturePool> make(std::size_t keep = 1);

  // `surface`, handed out again so that when its last holder lets go its pixels come back
  // here (if there is room) instead of being freed. The pool outlives every surface it tracks.
  [[nodiscard]] SharedSurface track(SharedSurface surface);

  // Pixels of exactly `width` x `height` that nobody holds, or null. Any thread.
  [[nodiscard]] SharedSurface take(int width, int height);

  void clear();
  [[nodiscard]] std::size_t spares() const;

 private:
  explicit PicturePool(std::size_t keep) : keep_(keep) {}
  void give_back(SharedSurface surface);

  const std::size_t keep_;
  mutable std::mutex mutex_;
  std::vector<SharedSurface> spares_;  // newest last
};

}  // namespace gatecast::player
