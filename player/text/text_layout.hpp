#pragma once
// Laying text out at one size: fallback runs (each stretch of text drawn by the first font of
// the chain that has its characters, marks kept with their letter), measured through SDL_ttf's
// HarfBuzz shaping, wrapped into lines at the allowed breaks, lines stacked on baselines.
#include <string>
#include <string_view>
#include <vector>

#include "player/text/text_renderer.hpp"

namespace gatecast::player::text {

// A stretch of one line drawn with one font of the chain.
struct Run {
  int font = 0;      // index in the FontChain
  std::string utf8;  // shaped as a whole
  int x = 0;         // pen position from the line's left edge, px
  int width = 0;     // as SDL_ttf measures it, px
};

struct Line {
  std::vector<Run> runs;
  int width = 0;
  int ascent = 0;    // px above the baseline: the tallest font of the line
  int descent = 0;   // px below the baseline, positive
  int baseline = 0;  // from the block's top, set by layout_block
};

struct BlockLayout {
  std::vector<Line> lines;  // every paragraph's lines, in order
  int size = 0;             // em size, px
  int width = 0;            // widest line
  int height = 0;           // first line's ascent to last line's descent
};

// Text ready for fonts: NFD Latin composed to NFC, invisible characters removed, characters no
// font covers removed and added to `dropped` (when given). Line breaks are kept.
[[nodiscard]] std::u32string prepare_text(std::string_view utf8, const FontChain& fonts,
                                          std::vector<char32_t>* dropped = nullptr);

// Measures and splits text into runs at one size and weight. Not thread-safe (uses the chain).
class Measurer {
 public:
  Measurer(FontChain& fonts, int size, bool bold) : fonts_(fonts), size_(size), bold_(bold) {}

  // `text` as runs with their widths and pen positions; line breaks must not be in it.
  [[nodiscard]] Line shape_line(std::u32string_view text);
  [[nodiscard]] int width(std::u32string_view text) { return shape_line(text).width; }

  // The lines of one paragraph wrapped to `max_width` px (<= 0: only at line-break characters).
  [[nodiscard]] std::vector<Line> wrap(std::u32string_view paragraph, int max_width);

  [[nodiscard]] int size() const { return size_; }
  [[nodiscard]] FontChain& fonts() { return fonts_; }

 private:
  FontChain& fonts_;
  int size_;
  bool bold_;
};

// Paragraphs (already prepared) wrapped to `max_width` and stacked: baselines `pitch` apart
// (line_spacing x size), and half a pitch more between paragraphs.
[[nodiscard]] BlockLayout layout_block(Measurer& m, const std::vector<std::u32string>& paragraphs,
                                       int max_width, double line_spacing);

}  // namespace gatecast::player::text
