#pragma once
// Pixels for a laid-out block, the end of the pipeline: each shaped glyph rasterized by FreeType
// at its exact (sub-pixel) position, outline under the fill, a drop shadow under both, composited
// with straight (non-premultiplied) alpha so that edges keep their colour on any background.
#include <SDL2/SDL.h>

#include "content/manifest/manifest.hpp"
#include "player/surface/sdl_ptr.hpp"
#include "player/text/text_layout.hpp"

namespace gatecast::player::text {

// Style in output pixels (canvas values times the scale).
struct Paint {
  bool bold = false;
  SDL_Color color{255, 255, 255, 255};
  int outline = 0;  // px around every glyph; 0: none
  SDL_Color outline_color{0, 0, 0, 255};
  bool shadow = false;
  int shadow_dx = 0, shadow_dy = 0;
  SDL_Color shadow_color{0, 0, 0, 160};
  content::HAlign align = content::HAlign::center;
  content::VAlign valign = content::VAlign::middle;

  // Room the decorations take on each side of the glyphs.
  [[nodiscard]] int pad_left() const { return outline + (shadow && shadow_dx < 0 ? -shadow_dx : 0); }
  [[nodiscard]] int pad_right() const { return outline + (shadow && shadow_dx > 0 ? shadow_dx : 0); }
  [[nodiscard]] int pad_top() const { return outline + (shadow && shadow_dy < 0 ? -shadow_dy : 0); }
  [[nodiscard]] int pad_bottom() const { return outline + (shadow && shadow_dy > 0 ? shadow_dy : 0); }
};

// A new `w` x `h` ARGB8888 surface, transparent but for the text of `block` aligned per
// `paint` inside the padding; a block larger than the surface is clipped (top-aligned). Not
// thread-safe (uses the chain). Throws Error(runtime) when SDL cannot allocate the surface.
[[nodiscard]] SurfacePtr rasterize(FontChain& fonts, const BlockLayout& block, const Paint& paint, int w,
                                   int h);

// `src` composited over `dst` at (x, y), both ARGB8888 with straight alpha, clipped to `dst`.
void blend_over(SDL_Surface* dst, const SDL_Surface* src, int x, int y);

// A new transparent ARGB8888 surface; throws Error(runtime) when SDL cannot make it.
[[nodiscard]] SurfacePtr transparent_surface(int w, int h);

}  // namespace gatecast::player::text
