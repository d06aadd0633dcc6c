// Auto-fit, ticker lines and the cache of rasterized text.
#include "player/text/text_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "player/text/text_layout.hpp"
#include "player/text/text_raster.hpp"
#include "player/text/unicode.hpp"

namespace gatecast::player {
namespace {

// Rasterized text kept for reuse, in bytes of pixels; the oldest-used goes first. What a frame
// draws again and again is small (a clock, cycling text, a ticker strip of up to ~20 MiB on a
// wall); stacked text is drawn once into its slide's base. 64 MiB holds that several times over.
constexpr std::size_t kCacheBudgetBytes = std::size_t{64} << 20;
// Larger surfaces are refused: no region of a wall needs one, and SDL would fail anyway.
constexpr int kMaxSurfaceSide = 16384;
// A ticker line is one long strip; it may be wider (the renderer draws a window of it).
constexpr int kMaxLineWidth = 65536;

int scaled(int canvas_px, double scale) {
  return static_cast<int>(std::lround(canvas_px * scale));
}

SDL_Color sdl_color(const content::Color& c) {
  return SDL_Color{c.r, c.g, c.b, c.a};
}

text::Paint paint_for(const content::TextStyle& style, double scale) {
  text::Paint p;
  p.bold = style.bold;
  p.color = sdl_color(style.color);
  if (style.outline && style.outline->width > 0) {
    p.outline = std::max(1, scaled(style.outline->width, scale));
    p.outline_color = sdl_color(style.outline->color);
  }
  if (style.shadow) {
    p.shadow = true;
    p.shadow_dx = scaled(style.shadow->dx, scale);
    p.shadow_dy = scaled(style.shadow->dy, scale);
    p.shadow_color = sdl_color(style.shadow->color);
  }
  p.align = style.align;
  p.valign = style.valign;
  return p;
}

struct SizeRange {
  int min_px, max_px;
};
SizeRange size_range(const content::TextStyle& style, double scale) {
  int lo = std::max(1, scaled(style.min_size, scale));
  int hi = std::max(lo, scaled(style.max_size, scale));
  return {lo, hi};
}

// Everything that changes pixels, as one string.
std::string cache_key(char kind, const std::vector<text::Paragraph>& paragraphs, const content::TextStyle& s,
                      int w, int h, double scale) {
  std::string key(1, kind);
  for (const auto& p : paragraphs) {
    for (const auto& span : p.languages) key += std::to_string(span.begin) + ':' + span.language + '\x1E';
    key += text::encode_utf8(p.text);
    key += '\x1F';
  }
  char buf[512];
  auto c = [](const content::Color& k) { return (k.r << 24) | (k.g << 16) | (k.b << 8) | k.a; };
  std::snprintf(buf, sizeof buf, "|%d|%d|%d|%.17g|%u|%d|%d|%d|%u|%d|%d|%d|%u|%d|%d|%.17g", s.bold ? 1 : 0,
                s.min_size, s.max_size, s.line_spacing, static_cast<unsigned>(c(s.color)),
                static_cast<int>(s.align), static_cast<int>(s.valign), s.outline ? s.outline->width : -1,
                s.outline ? static_cast<unsigned>(c(s.outline->color)) : 0u, s.shadow ? 1 : 0,
                s.shadow ? s.shadow->dx : 0, s.shadow ? s.shadow->dy : 0,
                s.shadow ? static_cast<unsigned>(c(s.shadow->color)) : 0u, w, h, scale);
  return key + buf;
}

bool fits(text::Measurer& m, const std::vector<text::Analysed>& paragraphs, const content::TextStyle& style,
          int avail_w, int avail_h) {
  text::BlockLayout block = text::layout_block(m, paragraphs, avail_w, style.line_spacing);
  return block.width <= avail_w && block.height <= avail_h;
}

// The largest size in [min, max] at which the block fits, by bisection (fitting is monotonic in
// practice: larger type never needs fewer lines); 0 when min does not fit.
int fit_size_px(FontChain& fonts, const std::vector<text::Analysed>& paragraphs,
                const content::TextStyle& style, int avail_w, int avail_h, SizeRange range) {
  auto fits_at = [&](int size) {
    text::Measurer m(fonts, size, style.bold);
    return fits(m, paragraphs, style, avail_w, avail_h);
  };
  if (avail_w <= 0 || avail_h <= 0 || !fits_at(range.min_px)) return 0;
  if (fits_at(range.max_px)) return range.max_px;
  int lo = range.min_px, hi = range.max_px;  // fits(lo), !fits(hi)
  while (hi - lo > 1) {
    int mid = lo + (hi - lo) / 2;
    (fits_at(mid) ? lo : hi) = mid;
  }
  return lo;
}

std::vector<WrittenText> unknown_language(const std::vector<std::string>& paragraphs) {
  std::vector<WrittenText> out;
  out.reserve(paragraphs.size());
  for (const auto& p : paragraphs) out.push_back(WrittenText{p, {}});
  return out;
}

std::vector<text::Analysed> analyse_all(const std::vector<text::Paragraph>& paragraphs,
                                        const FontChain& fonts) {
  std::vector<text::Analysed> out;
  out.reserve(paragraphs.size());
  for (const auto& p : paragraphs) out.push_back(text::analyse(p, fonts));
  return out;
}

}  // namespace

TextRenderer::TextRenderer(FontChain& fonts) : fonts_(fonts) {}

std::vector<text::Paragraph> TextRenderer::prepare(const std::vector<WrittenText>& paragraphs) {
  std::vector<text::Paragraph> out;
  std::vector<char32_t> dropped;
  for (const auto& p : paragraphs) out.emplace_back(text::prepare_text(p.text, fonts_, &dropped), p.language);
  for (char32_t cp : dropped) {
    // `pack` refuses such text; a package from elsewhere still never shows a box.
    if (log_missing_ && logged_missing_.insert(cp).second) {
      std::cerr << "gatecast: text: " << text::code_point_name(cp) << " is in no font; left out\n";
    }
  }
  return out;
}

SharedSurface TextRenderer::cached(const std::string& key) {
  auto it = cache_.find(key);
  if (it == cache_.end()) return nullptr;
  it->second.last_use = ++use_counter_;
  return it->second.surface;
}

SharedSurface TextRenderer::remember(std::string key, SurfacePtr surface) {
  SharedSurface shared = share(std::move(surface));
  std::size_t bytes = static_cast<std::size_t>(shared->pitch) * static_cast<std::size_t>(shared->h);
  while (!cache_.empty() && cache_bytes_ + bytes > kCacheBudgetBytes) {
    auto oldest = std::min_element(cache_.begin(), cache_.end(), [](const auto& a, const auto& b) {
      return a.second.last_use < b.second.last_use;
    });
    cache_bytes_ -= oldest->second.bytes;
    cache_.erase(oldest);
  }
  cache_bytes_ += bytes;
  cache_.emplace(std::move(key), CacheEntry{shared, bytes, ++use_counter_});
  return shared;
}

void TextRenderer::clear_cache() {
  cache_.clear();
  cache_bytes_ = 0;
}

int TextRenderer::fit_size(const std::vector<std::string>& paragraphs, const content::TextStyle& style, int w,
                           int h, double scale) {
  return fit_size(unknown_language(paragraphs), style, w, h, scale);
}

int TextRenderer::fit_size(const std::vector<WrittenText>& paragraphs, const content::TextStyle& style, int w,
                           int h, double scale) {
  fonts_.trim();
  text::Paint paint = paint_for(style, scale);
  return fit_size_px(fonts_, analyse_all(prepare(paragraphs), fonts_), style,
                     w - paint.pad_left() - paint.pad_right(), h - paint.pad_top() - paint.pad_bottom(),
                     size_range(style, scale));
}

SharedSurface TextRenderer::render_block(const std::vector<std::string>& paragraphs,
                                         const content::TextStyle& style, int w, int h, double scale) {
  return render_block(unknown_language(paragraphs), style, w, h, scale);
}

SharedSurface TextRenderer::render_block(const std::vector<WrittenText>& paragraphs,
                                         const content::TextStyle& style, int w, int h, double scale) {
  w = std::clamp(w, 1, kMaxSurfaceSide);
  h = std::clamp(h, 1, kMaxSurfaceSide);
  std::vector<text::Paragraph> prepared = prepare(paragraphs);
  std::string key = cache_key('b', prepared, style, w, h, scale);
  if (SharedSurface hit = cached(key)) return hit;

  fonts_.trim();
  text::Paint paint = paint_for(style, scale);
  int avail_w = w - paint.pad_left() - paint.pad_right();
  int avail_h = h - paint.pad_top() - paint.pad_bottom();
  SizeRange range = size_range(style, scale);
  const std::vector<text::Analysed> analysed = analyse_all(prepared, fonts_);
  int size = fit_size_px(fonts_, analysed, style, avail_w, avail_h, range);
  // Text that cannot fit (pack refuses it) is drawn at min_size and clipped rather than lost.
  if (size == 0) size = range.min_px;
  text::Measurer m(fonts_, size, style.bold);
  text::BlockLayout block = text::layout_block(m, analysed, std::max(1, avail_w), style.line_spacing);
  return remember(std::move(key), text::rasterize(fonts_, block, paint, w, h));
}

SharedSurface TextRenderer::render_line(const std::string& text, const content::TextStyle& style, int height,
                                        double scale) {
  return render_line(std::vector<WrittenText>{WrittenText{text, {}}}, style, height, scale);
}

SharedSurface TextRenderer::render_line(const std::vector<WrittenText>& pieces,
                                        const content::TextStyle& style, int height, double scale) {
  height = std::clamp(height, 1, kMaxSurfaceSide);
  std::vector<text::Paragraph> prepared(1);
  for (const text::Paragraph& piece : prepare(pieces)) {
    prepared[0].languages.push_back(text::LanguageSpan{prepared[0].text.size(), piece.language_at(0)});
    prepared[0].text += piece.text;
  }
  std::replace(prepared[0].text.begin(), prepared[0].text.end(), U'\n', U' ');
  const text::Analysed analysed = text::analyse(prepared[0], fonts_);
  std::string key = cache_key('l', prepared, style, 0, height, scale);
  if (SharedSurface hit = cached(key)) return hit;

  fonts_.trim();
  text::Paint paint = paint_for(style, scale);
  paint.align = content::HAlign::left;
  paint.valign = content::VAlign::middle;
  int avail_h = std::max(1, height - paint.pad_top() - paint.pad_bottom());
  // Line height is nearly proportional to size: start from max and scale down until it fits.
  int size = size_range(style, scale).max_px;
  text::Line line;
  for (;;) {
    text::Measurer m(fonts_, size, style.bold);
    line = m.shape_line(analysed);
    int line_h = line.ascent + line.descent;
    if (line_h <= avail_h || size == 1) break;
    size = std::max(1, std::min(size - 1, static_cast<int>(static_cast<long>(size) * avail_h / line_h)));
  }
  text::BlockLayout block;
  block.size = size;
  block.width = line.width;
  block.height = line.ascent + line.descent;
  line.baseline = line.ascent;
  block.lines.push_back(std::move(line));
  int w = std::min(kMaxLineWidth, block.width + paint.pad_left() + paint.pad_right());
  return remember(std::move(key), text::rasterize(fonts_, block, paint, w, height));
}

}  // namespace gatecast::player
