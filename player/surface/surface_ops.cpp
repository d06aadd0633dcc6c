#include "player/surface/surface_ops.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace gatecast::player {
namespace {

// The part of a w x h source placed at (x, y) that lies inside `dst`, in source coordinates;
// empty when nothing of it is visible.
struct Clip {
  int sx = 0, sy = 0, dx = 0, dy = 0, w = 0, h = 0;
};

Clip clip_to(const SDL_Surface* dst, int x, int y, int w, int h) {
  Clip c;
  c.sx = std::max(0, -x);
  c.sy = std::max(0, -y);
  c.dx = x + c.sx;
  c.dy = y + c.sy;
  c.w = std::min(w - c.sx, dst->w - c.dx);
  c.h = std::min(h - c.sy, dst->h - c.dy);
  if (c.w <= 0 || c.h <= 0) c.w = c.h = 0;
  return c;
}

// Two pixels per 64-bit lane, channels spread to 16 bits each: (a * (256 - t) + b * t) >> 8
// on every channel at once. t in 0..256.
inline std::uint64_t spread(std::uint32_t p) {
  const std::uint64_t v = p;
  return (v | (v << 24)) & 0x00ff00ff00ff00ffull;  // A.R.G.B -> 0A 0G / 0R 0B interleaved
}
inline std::uint32_t gather(std::uint64_t v) {
  v &= 0x00ff00ff00ff00ffull;
  return static_cast<std::uint32_t>(v | (v >> 24));
}

// Byte by byte over the row: every channel is (a * (256 - t) + b * t) >> 8 in 16-bit lanes
// (255 * 256 fits). Chunks of 16 bytes copied through locals have a fixed trip count and no
// aliasing, so GCC vectorizes them even at -O2's cheap cost model (pmullw on x86-64, ~8x
// faster than SDL's blitter); `out` may be `a` or `b`.
inline std::uint8_t mix(std::uint8_t x, std::uint8_t y, std::uint16_t ta, std::uint16_t tb) {
  return static_cast<std::uint8_t>(static_cast<std::uint16_t>(x * ta + y * tb) >> 8);
}

void crossfade_row(const std::uint32_t* a, const std::uint32_t* b, std::uint32_t* out, int n,
                   std::uint32_t t) {
  const auto* pa = reinterpret_cast<const std::uint8_t*>(a);
  const auto* pb = reinterpret_cast<const std::uint8_t*>(b);
  auto* po = reinterpret_cast<std::uint8_t*>(out);
  const auto ta = static_cast<std::uint16_t>(256 - t), tb = static_cast<std::uint16_t>(t);
  const std::size_t bytes = std::size_t(n) * 4;
  std::size_t i = 0;
  for (; i + 16 <= bytes; i += 16) {
    std::uint8_t x[16], y[16], z[16];
    std::memcpy(x, pa + i, 16);
    std::memcpy(y, pb + i, 16);
    for (int k = 0; k < 16; ++k) z[k] = mix(x[k], y[k], ta, tb);
    std::memcpy(po + i, z, 16);
  }
  for (; i < bytes; ++i) po[i] = mix(pa[i], pb[i], ta, tb);
}

}  // namespace

SurfacePtr make_argb_surface(int width, int height) {
  return SurfacePtr(SDL_CreateRGBSurfaceWithFormat(0, std::max(1, width), std::max(1, height), 32,
                                                   SDL_PIXELFORMAT_ARGB8888));
}

void fill(SDL_Surface* dst, const SDL_Rect* rect, content::Color color) {
  SDL_Rect area = rect ? *rect : SDL_Rect{0, 0, dst->w, dst->h};
  const SDL_Rect whole{0, 0, dst->w, dst->h};
  if (!SDL_IntersectRect(&area, &whole, &area)) return;
  if (color.a == 255) {
    SDL_FillRect(dst, &area, to_argb(color));
    return;
  }
  if (color.a == 0) return;
  // Source-over of a constant colour: dst = c * a + dst * (1 - a), alpha accumulates.
  const std::uint32_t a = color.a + (color.a >> 7);  // 0..256
  const std::uint64_t src = spread(to_argb(content::Color{color.r, color.g, color.b, 255})) * a;
  for (int y = area.y; y < area.y + area.h; ++y) {
    std::uint32_t* row = pixel_row(dst, y) + area.x;
    for (int i = 0; i < area.w; ++i) row[i] = gather((src + spread(row[i]) * (256 - a)) >> 8);
  }
}

void copy_onto(const SDL_Surface* src, SDL_Surface* dst, int x, int y) {
  const Clip c = clip_to(dst, x, y, src->w, src->h);
  for (int r = 0; r < c.h; ++r) {
    std::memcpy(pixel_row(dst, c.dy + r) + c.dx, pixel_row(src, c.sy + r) + c.sx,
                std::size_t(c.w) * sizeof(std::uint32_t));
  }
}

void blend_onto(SDL_Surface* src, const SDL_Rect* src_rect, SDL_Surface* dst, int x, int y) {
  SDL_SetSurfaceBlendMode(src, SDL_BLENDMODE_BLEND);
  SDL_Rect to{x, y, 0, 0};
  SDL_BlitSurface(src, src_rect, dst, &to);
}

void crossfade(const SDL_Surface* a, const SDL_Surface* b, double t, SDL_Surface* dst, int x, int y) {
  const auto q = static_cast<std::uint32_t>(std::lround(std::clamp(t, 0.0, 1.0) * 256.0));
  const Clip c = clip_to(dst, x, y, std::min(a->w, b->w), std::min(a->h, b->h));
  for (int r = 0; r < c.h; ++r) {
    crossfade_row(pixel_row(a, c.sy + r) + c.sx, pixel_row(b, c.sy + r) + c.sx,
                  pixel_row(dst, c.dy + r) + c.dx, c.w, q);
  }
}

void slide_push(const SDL_Surface* a, const SDL_Surface* b, double t, SDL_Surface* dst, int x, int y) {
  const int w = std::min(a->w, b->w), h = std::min(a->h, b->h);
  const int shift = static_cast<int>(std::lround(std::clamp(t, 0.0, 1.0) * w));
  const Clip c = clip_to(dst, x, y, w, h);
  for (int r = 0; r < c.h; ++r) {
    std::uint32_t* out = pixel_row(dst, c.dy + r);
    const std::uint32_t* ra = pixel_row(a, c.sy + r);
    const std::uint32_t* rb = pixel_row(b, c.sy + r);
    // Output column i (in the slide area) shows a[i + shift] while that exists, then b[i + shift - w].
    for (int i = c.sx; i < c.sx + c.w; ++i) {
      const int from = i + shift;
      out[c.dx + (i - c.sx)] = from < w ? ra[from] : rb[from - w];
    }
  }
}

void dim(SDL_Surface* dst, const SDL_Rect* rect, double level) {
  SDL_Rect area = rect ? *rect : SDL_Rect{0, 0, dst->w, dst->h};
  const SDL_Rect whole{0, 0, dst->w, dst->h};
  if (!SDL_IntersectRect(&area, &whole, &area)) return;
  const auto k = static_cast<std::uint16_t>(std::lround(std::clamp(level, 0.0, 1.0) * 256.0));
  if (k >= 256) return;
  // Per byte like the crossfade, alpha bytes multiplied by 256 (unchanged): vectorized.
  std::uint16_t factor[16];
  for (int i = 0; i < 16; ++i) factor[i] = i % 4 == 3 ? 256 : k;
  for (int y = area.y; y < area.y + area.h; ++y) {
    auto* p = reinterpret_cast<std::uint8_t*>(pixel_row(dst, y) + area.x);
    const std::size_t bytes = std::size_t(area.w) * 4;
    std::size_t i = 0;
    for (; i + 16 <= bytes; i += 16) {
      std::uint8_t x[16];
      std::memcpy(x, p + i, 16);
      for (int j = 0; j < 16; ++j)
        x[j] = static_cast<std::uint8_t>(static_cast<std::uint16_t>(x[j] * factor[j]) >> 8);
      std::memcpy(p + i, x, 16);
    }
    for (; i < bytes; ++i)
      p[i] = static_cast<std::uint8_t>(static_cast<std::uint16_t>(p[i] * factor[i % 4 + 12]) >> 8);
  }
}

}  // namespace gatecast::player
