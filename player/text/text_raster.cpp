#include "player/text/text_raster.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_GLYPH_H
#include FT_OUTLINE_H
#include FT_STROKER_H

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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

// Coverage of one layer (fill or outline) over the whole surface, 0..255.
struct Mask {
  int w = 0, h = 0;
  std::vector<std::uint8_t> a;
  Mask(int width, int height) : w(width), h(height), a(static_cast<std::size_t>(width) * height, 0) {}

  // Glyphs that overlap (a Khmer subscript under its consonant, a mark over a letter) combine as
  // one ink: coverage over coverage, never brighter than solid.
  void add(const FT_Bitmap& bitmap, int left, int top) {
    for (int row = 0; row < static_cast<int>(bitmap.rows); ++row) {
      const int y = top + row;
      if (y < 0 || y >= h) continue;
      const unsigned char* src = bitmap.buffer + static_cast<std::ptrdiff_t>(row) * bitmap.pitch;
      std::uint8_t* dst = a.data() + static_cast<std::size_t>(y) * w;
      for (int col = 0; col < static_cast<int>(bitmap.width); ++col) {
        const int x = left + col;
        if (x < 0 || x >= w || src[col] == 0) continue;
        const unsigned c = src[col], d = dst[x];
        dst[x] = static_cast<std::uint8_t>(c + d - (c * d + 127) / 255);
      }
    }
  }
};

struct StrokerDeleter {
  void operator()(FT_Stroker s) const noexcept { FT_Stroker_Done(s); }
};

// One glyph at (x26, y26) (26.6 px, y down, on the baseline): its fill into `fill` and, with a
// stroker, its outline into `outline`. The fraction of a pixel is kept by moving the outline
// before it is rasterized, so that glyphs sit exactly where HarfBuzz put them.
void draw_glyph(const SizedFont& font, std::uint32_t id, std::int64_t x26, std::int64_t y26, Mask& fill,
                Mask* outline, FT_Stroker stroker) {
  FT_Face face = font.ft;
  if (FT_Load_Glyph(face, id, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) != 0) return;
  FT_GlyphSlot slot = face->glyph;
  if (slot->format != FT_GLYPH_FORMAT_OUTLINE) return;
  if (font.synthetic_bold) FT_Outline_Embolden(&slot->outline, face->size->metrics.y_ppem * 64 / 24);
  const std::int64_t ix = x26 >> 6, iy = y26 >> 6;
  FT_Outline_Translate(&slot->outline, static_cast<FT_Pos>(x26 - ix * 64),
                       -static_cast<FT_Pos>(y26 - iy * 64));
  if (outline && stroker) {
    FT_Glyph glyph = nullptr;
    if (FT_Get_Glyph(slot, &glyph) == 0) {
      if (FT_Glyph_Stroke(&glyph, stroker, 1) == 0 &&
          FT_Glyph_To_Bitmap(&glyph, FT_RENDER_MODE_NORMAL, nullptr, 1) == 0) {
        auto* bitmap = reinterpret_cast<FT_BitmapGlyph>(glyph);
        outline->add(bitmap->bitmap, static_cast<int>(ix) + bitmap->left, static_cast<int>(iy) - bitmap->top);
      }
      FT_Done_Glyph(glyph);
    }
  }
  if (FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL) != 0) return;
  fill.add(slot->bitmap, static_cast<int>(ix) + slot->bitmap_left, static_cast<int>(iy) - slot->bitmap_top);
}

void draw_lines(FontChain& fonts, const BlockLayout& block, const Paint& paint, int top, int avail_w,
                Mask& fill, Mask* outline) {
  std::unique_ptr<FT_StrokerRec_, StrokerDeleter> stroker;
  for (const Line& line : block.lines) {
    int x = paint.pad_left();
    if (paint.align == content::HAlign::center) x += (avail_w - line.width) / 2;
    if (paint.align == content::HAlign::right) x += avail_w - line.width;
    const std::int64_t baseline26 = static_cast<std::int64_t>(top + line.baseline) * 64;
    for (const Run& run : line.runs) {
      const SizedFont& font = fonts.font(run.font, block.size, paint.bold);
      if (outline && !stroker) {
        FT_Stroker s = nullptr;
        if (FT_Stroker_New(font.ft->glyph->library, &s) == 0) {
          stroker.reset(s);
          // Round caps and joins, as SDL_ttf drew outlines before: no spikes at sharp corners.
          FT_Stroker_Set(s, static_cast<FT_Fixed>(paint.outline) * 64, FT_STROKER_LINECAP_ROUND,
                         FT_STROKER_LINEJOIN_ROUND, 0);
        }
      }
      std::int64_t pen = static_cast<std::int64_t>(x) * 64 + run.pen;
      for (const Glyph& g : run.glyphs) {
        draw_glyph(font, g.id, pen + g.x_offset, baseline26 - g.y_offset, fill, outline, stroker.get());
        pen += g.x_advance;
      }
    }
  }
}

// The masks coloured and composited into `layer`: the outline under the fill.
void paint_masks(SDL_Surface* layer, const Mask& fill, const Mask* outline, const Paint& paint) {
  auto argb = [](SDL_Color c, unsigned coverage) {
    const std::uint32_t a = (coverage * c.a + 127) / 255;
    return (a << 24) | (std::uint32_t{c.r} << 16) | (std::uint32_t{c.g} << 8) | std::uint32_t{c.b};
  };
  for (int y = 0; y < fill.h; ++y) {
    std::uint32_t* row = pixel_row(layer, y);
    const std::uint8_t* f = fill.a.data() + static_cast<std::size_t>(y) * fill.w;
    const std::uint8_t* o = outline ? outline->a.data() + static_cast<std::size_t>(y) * fill.w : nullptr;
    for (int x = 0; x < fill.w; ++x) {
      std::uint32_t p = o && o[x] ? argb(paint.outline_color, o[x]) : 0;
      if (f[x]) p = over(argb(paint.color, f[x]), p);
      row[x] = p;
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
  Mask fill(w, h);
  std::optional<Mask> outline;
  if (paint.outline > 0) outline.emplace(w, h);
  draw_lines(fonts, block, paint, top, avail_w, fill, outline ? &*outline : nullptr);
  paint_masks(layer.get(), fill, outline ? &*outline : nullptr, paint);
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
