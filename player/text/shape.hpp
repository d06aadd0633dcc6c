#pragma once
// Shaping: a run of one script, language and font turned into positioned glyphs by HarfBuzz,
// exactly as `hb-shape --script=S --language=L --font-size=<size x 64>` shapes the same text
// with the same face (the oracle test holds this).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "player/text/font_chain.hpp"
#include "player/text/itemize.hpp"

namespace gatecast::player::text {

// One glyph; positions in 26.6 pixels (1/64 px).
struct Glyph {
  std::uint32_t id = 0;       // glyph index in the run's font; 0 is the font's missing-glyph box
  std::uint32_t cluster = 0;  // index in the paragraph's text of the first code point it draws
  std::int32_t x_advance = 0;
  std::int32_t x_offset = 0;
  std::int32_t y_offset = 0;  // upwards
};

struct ShapedRun {
  int font = 0;
  std::size_t begin = 0, end = 0;  // code points of the paragraph
  std::vector<Glyph> glyphs;       // in visual order (every script here is left to right)
  std::int32_t advance = 0;        // sum of the advances, 26.6
};

// `text[run.begin, run.end)` shaped alone (no context on either side, as hb-shape does) with
// the run's script and language, at `size_px`, bold or regular. Not thread-safe (the chain).
[[nodiscard]] ShapedRun shape_run(FontChain& fonts, std::u32string_view text, const TextRun& run, int size_px,
                                  bool bold);

}  // namespace gatecast::player::text
