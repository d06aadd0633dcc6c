#include "player/text/text_raster.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

#include "content/base/error.hpp"
#include "player/surface/surface_ops.hpp"

namespace gatecast::player::text {
namespace {

// One ARGB8888 pixel `s` over `d`, straight alpha.
std::uint32_t over(std::uint32_t s, std::uint32_t d) {
  std::uint32_t sa = s >> 24;
  if (sa == 255) return s;
  if (sa == 0) return d;
  std::uint32_t da = d >> 24;
  if (da == 0) return s;
  std::uint32_t dw = da * (255 - sa);   // destination weight x 255
  std::uint32_t oa255 = sa * 255 + dw;  // output alpha x 255
  auto channel = [&](int shift) {
    std::uint32_t sc = (s >> shift) & 0xFF, dc = (d >> shift) & 0xFF;
    return ((sc * sa * 255 + dc * dw) + oa255 / 2) / oa255;
  };
  std::uint32_t oa = (oa255 + 127) / 255;
  return (oa << 24) | (channel(16) << 16) | (channel(8) << 8) | channel(0);
}

void draw_runs(FontChain& fonts, const BlockLayout& block, const Paint& paint, SDL_Surface* layer, int top,
               int avail_w, int outline, SDL_Color color) {
  for (const Line& line : block.lines) {
    int x = paint.pad_left();
    if (paint.align == content::HAlign::center) x += (avail_w - line.width) / 2;
    if (paint.align == content::HAlign::right) x += avail_w - line.width;
    for (const Run& run : line.runs) {
      TTF_Font* fill_font = fonts.font(run.font, block.size, paint.bold);
      TTF_Font* font = outline > 0 ? fonts.font(run.font, block.size, paint.bold, outline) : fill_font;
      SurfacePtr glyphs(TTF_RenderUTF8_Blended(font, run.utf8.c_str(), color));
      if (!glyphs) continue;  // nothing drawable (e.g. only spaces)
      SurfacePtr argb;
      if (glyphs->format->format != SDL_PIXELFORMAT_ARGB8888) {
        argb.reset(SDL_ConvertSurfaceFormat(glyphs.get(), SDL_PIXELFORMAT_ARGB8888, 0));
        if (!argb) continue;
        glyphs = std::move(argb);
      }
      // SDL_ttf grows an outlined glyph by the outline on every side but keeps its ink at the
      // fill's top-left, so the outline is drawn `outline` px up and left.
      int gx = x + run.x - outline;
      int gy = top + line.baseline - TTF_FontAscent(fill_font) - outline;
      blend_over(layer, glyphs.get(), gx, gy);
    }
  }
}

}  // namespace

SurfacePtr transparent_surface(int w, int h) {
  SurfacePtr s = make_argb_surface(w, h);
  if (!s) fail_runtime(Reason::display, "text", std::string("cannot allocate a surface: ") + SDL_GetError());
  SDL_FillRect(s.get(), nullptr, 0);
  return s;
}

void blend_over(SDL_Surface* dst, const SDL_Surface* src, int x, int y) {
  int x0 = std::max(0, x), y0 = std::max(0, y);
  int x1 = std::min(dst->w, x + src->w), y1 = std::min(dst->h, y + src->h);
  for (int dy = y0; dy < y1; ++dy) {
    std::uint32_t* d = pixel_row(dst, dy);
    const std::uint32_t* s = pixel_row(src, dy - y);
    for (int dx = x0; dx < x1; ++dx) d[dx] = over(s[dx - x], d[dx]);
  }
}

SurfacePtr rasterize(FontChain& fonts, const BlockLayout& block, const Paint& paint, int w, int h) {
  SurfacePtr layer = transparent_surface(w, h);
  int avail_w = w - paint.pad_left() - paint.pad_right();
  int avail_h = h - paint.pad_top() - paint.pad_bottom();
  int top = paint.pad_top();
  if (block.height <= avail_h) {
    if (paint.valign == content::VAlign::middle) top += (avail_h - block.height) / 2;
    if (paint.valign == content::VAlign::bottom) top += avail_h - block.height;
  }
  if (paint.outline > 0)
    draw_runs(fonts, block, paint, layer.get(), top, avail_w, paint.outline, paint.outline_color);
  draw_runs(fonts, block, paint, layer.get(), top, avail_w, 0, paint.color);
  if (!paint.shadow) return layer;

  // The shadow is the silhouette of outline and fill, offset and tinted.
  SurfacePtr out = transparent_surface(w, h);
  std::uint32_t tint = (std::uint32_t{paint.shadow_color.r} << 16) |
                       (std::uint32_t{paint.shadow_color.g} << 8) | std::uint32_t{paint.shadow_color.b};
  for (int y = std::max(0, paint.shadow_dy); y < std::min(h, h + paint.shadow_dy); ++y) {
    std::uint32_t* d = pixel_row(out.get(), y);
    const std::uint32_t* s = pixel_row(layer.get(), y - paint.shadow_dy);
    for (int x = std::max(0, paint.shadow_dx); x < std::min(w, w + paint.shadow_dx); ++x) {
      std::uint32_t a = ((s[x - paint.shadow_dx] >> 24) * paint.shadow_color.a + 127) / 255;
      d[x] = (a << 24) | tint;
    }
  }
  blend_over(out.get(), layer.get(), 0, 0);
  return out;
}

}  // namespace gatecast::player::text
