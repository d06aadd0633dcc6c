#pragma once
// Laying text out at one size, the middle of the pipeline: a prepared paragraph (code points and
// languages) is itemized into runs and its break opportunities found once (Analysed); at each
// size its runs are shaped once, lines are chosen from the shaped advances at the allowed breaks,
// and only a run cut by a line end is shaped again. Lines are stacked on baselines.
#include <string>
#include <string_view>
#include <vector>

#include "player/text/font_chain.hpp"
#include "player/text/itemize.hpp"
#include "player/text/line_break.hpp"
#include "player/text/shape.hpp"

namespace gatecast::player::text {

// A stretch of one line drawn with one font.
struct Run {
  int font = 0;                    // index in the FontChain
  std::size_t begin = 0, end = 0;  // code points of the paragraph
  std::vector<Glyph> glyphs;
  std::int32_t pen = 0;  // 26.6 px from the line's left edge
  int x = 0;             // pen in whole px (rounded down)
  int width = 0;         // px, rounded up
};

struct Line {
  std::vector<Run> runs;
  int width = 0;     // px, rounded up
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

// A paragraph with what does not depend on the size: its runs and where lines may end.
struct Analysed {
  Paragraph paragraph;
  std::vector<TextRun> runs;
  std::vector<Break> breaks;
};
[[nodiscard]] Analysed analyse(Paragraph paragraph, const FontChain& fonts);

// Text ready for fonts: NFD Latin composed to NFC, invisible characters removed, characters no
// font covers removed and added to `dropped` (when given). Line breaks are kept as '\n'.
[[nodiscard]] std::u32string prepare_text(std::string_view utf8, const FontChain& fonts,
                                          std::vector<char32_t>* dropped = nullptr);

// Shapes and lays out at one size and weight. Not thread-safe (uses the chain).
class Measurer {
 public:
  Measurer(FontChain& fonts, int size, bool bold) : fonts_(fonts), size_(size), bold_(bold) {}

  // `text` as one line of shaped runs with pen positions; line breaks must not be in it.
  [[nodiscard]] Line shape_line(const Analysed& text);
  [[nodiscard]] Line shape_line(std::u32string_view text, std::string_view language = {});
  [[nodiscard]] int width(std::u32string_view text) { return shape_line(text).width; }

  // The lines of one paragraph wrapped to `max_width` px (<= 0: only at line-break characters).
  [[nodiscard]] std::vector<Line> wrap(const Analysed& paragraph, int max_width);
  [[nodiscard]] std::vector<Line> wrap(std::u32string_view paragraph, int max_width,
                                       std::string_view language = {});

  [[nodiscard]] int size() const { return size_; }
  [[nodiscard]] bool bold() const { return bold_; }
  [[nodiscard]] FontChain& fonts() { return fonts_; }

 private:
  // The code points [begin, end) of `a` as a line, reusing `shaped` runs that lie wholly inside.
  Line line_of(const Analysed& a, const std::vector<ShapedRun>& shaped, std::size_t begin, std::size_t end);
  void include_font(Line& line, int font);

  FontChain& fonts_;
  int size_;
  bool bold_;
};

// Paragraphs wrapped to `max_width` and stacked: baselines `pitch` apart (line_spacing x size),
// and half a pitch more between paragraphs.
[[nodiscard]] BlockLayout layout_block(Measurer& m, const std::vector<Analysed>& paragraphs, int max_width,
                                       double line_spacing);
[[nodiscard]] BlockLayout layout_block(Measurer& m, const std::vector<std::u32string>& paragraphs,
                                       int max_width, double line_spacing);

}  // namespace gatecast::player::text
