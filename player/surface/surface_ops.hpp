#pragma once
// Pixel work on ARGB8888 surfaces that must be fast on one core at 1920x1080: the crossfade
// blend, the slide-transition copy, dimming, and plain copies and fills. Written by hand over
// rows in integer math (GCC vectorizes the inner loops at -O2), because SDL's own per-pixel
// alpha blit costs ~23 ms for one full-HD crossfade frame. Every function clips to its
// surfaces; none allocates except make_argb_surface. Any thread, one surface per thread.
#include <cstdint>

#include "content/manifest/manifest.hpp"
#include "player/surface/sdl_ptr.hpp"

namespace gatecast::player {

// A new ARGB8888 surface (with alpha), or null when SDL cannot allocate it.
[[nodiscard]] SurfacePtr make_argb_surface(int width, int height);

// Row `y` of an ARGB8888 surface (no locking needed: our surfaces are never RLE).
[[nodiscard]] inline std::uint32_t* pixel_row(SDL_Surface* s, int y) {
  return reinterpret_cast<std::uint32_t*>(static_cast<std::uint8_t*>(s->pixels) +
                                          std::ptrdiff_t{y} * s->pitch);
}
[[nodiscard]] inline const std::uint32_t* pixel_row(const SDL_Surface* s, int y) {
  return reinterpret_cast<const std::uint32_t*>(static_cast<const std::uint8_t*>(s->pixels) +
                                                std::ptrdiff_t{y} * s->pitch);
}

[[nodiscard]] constexpr std::uint32_t to_argb(content::Color c) {
  return (std::uint32_t{c.a} << 24) | (std::uint32_t{c.r} << 16) | (std::uint32_t{c.g} << 8) | c.b;
}

// Fills `rect` of `dst` with `color`: replaced when opaque, blended over (source-over) when it
// has alpha. `rect` null = the whole surface.
void fill(SDL_Surface* dst, const SDL_Rect* rect, content::Color color);

// Copies `src` whole onto `dst` at (x, y), replacing pixels (no blending); clipped.
void copy_onto(const SDL_Surface* src, SDL_Surface* dst, int x, int y);

// Draws `src` (ARGB with alpha) over `dst` at (x, y), source-over; `src_rect` null = whole.
void blend_onto(SDL_Surface* src, const SDL_Rect* src_rect, SDL_Surface* dst, int x, int y);

// dst = a * (1 - t) + b * t over the `a`/`b` area (both the same size), written at (x, y) of
// `dst`. t in [0, 1], quantized to 1/256. `dst` may be `a` or `b` itself at (0, 0).
void crossfade(const SDL_Surface* a, const SDL_Surface* b, double t, SDL_Surface* dst, int x, int y);

// The slide transition at `t` in [0, 1]: `b` comes in from the right pushing `a` out to the
// left; both are the same size and land at (x, y) of `dst`.
void slide_push(const SDL_Surface* a, const SDL_Surface* b, double t, SDL_Surface* dst, int x, int y);

// Multiplies the colour channels of `rect` of `dst` by `level` in [0, 1] (screen dimming).
void dim(SDL_Surface* dst, const SDL_Rect* rect, double level);

}  // namespace gatecast::player
