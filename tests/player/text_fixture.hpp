#pragma once
// The bundled font chain and small helpers for the text tests.
#include <SDL2/SDL.h>

#include <cstdint>
#include <cstdlib>

#include "player/text/text_renderer.hpp"

namespace gatecast::test {

// One chain for the whole test binary: loading it opens every bundled font.
inline player::FontChain& bundled_fonts() {
  static player::FontChain chain = [] {
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    return player::FontChain::load();
  }();
  return chain;
}

inline std::uint32_t pixel_at(const SDL_Surface* s, int x, int y) {
  return reinterpret_cast<const std::uint32_t*>(static_cast<const std::uint8_t*>(s->pixels) +
                                                y * s->pitch)[x];
}

// Pixels of `a` and `b` that differ at all (sizes must match; -1 when they do not).
inline long differing_pixels(const SDL_Surface* a, const SDL_Surface* b) {
  if (a->w != b->w || a->h != b->h) return -1;
  long n = 0;
  for (int y = 0; y < a->h; ++y) {
    for (int x = 0; x < a->w; ++x) n += pixel_at(a, x, y) != pixel_at(b, x, y);
  }
  return n;
}

// Pixels with alpha above `min_alpha`: how much ink there is.
inline long ink_pixels(const SDL_Surface* s, std::uint32_t min_alpha = 0) {
  long n = 0;
  for (int y = 0; y < s->h; ++y) {
    for (int x = 0; x < s->w; ++x) n += (pixel_at(s, x, y) >> 24) > min_alpha;
  }
  return n;
}

struct InkBox {
  int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;  // inclusive; x1 < 0 when there is no ink
};
inline InkBox ink_box(const SDL_Surface* s, std::uint32_t min_alpha = 127) {
  InkBox b;
  for (int y = 0; y < s->h; ++y) {
    for (int x = 0; x < s->w; ++x) {
      if ((pixel_at(s, x, y) >> 24) <= min_alpha) continue;
      b.x0 = x < b.x0 ? x : b.x0;
      b.y0 = y < b.y0 ? y : b.y0;
      b.x1 = x > b.x1 ? x : b.x1;
      b.y1 = y > b.y1 ? y : b.y1;
    }
  }
  return b;
}

}  // namespace gatecast::test
