#include "player/text/text_layout.hpp"

#include <algorithm>
#include <cmath>

#include "player/text/compose.hpp"
#include "player/text/line_break.hpp"
#include "player/text/unicode.hpp"

namespace gatecast::player::text {
namespace {

// The end of the grapheme (a character and the marks attached to it) that starts at `i`.
std::size_t grapheme_end(std::u32string_view text, std::size_t i) {
  ++i;
  while (i < text.size() && is_attached_mark(text[i])) ++i;
  return i;
}

std::u32string_view trim_trailing_spaces(std::u32string_view text) {
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

std::u32string prepare_text(std::string_view utf8, const FontChain& fonts, std::vector<char32_t>* dropped) {
  std::u32string composed = compose_latin(decode_utf8(utf8));
  std::u32string out;
  out.reserve(composed.size());
  for (char32_t cp : composed) {
    if (is_line_break(cp)) {
      // "\r\n" is one break.
      if (cp == '\n' && !out.empty() && out.back() == '\r') continue;
      out.push_back(cp == '\r' ? '\r' : '\n');
    } else if (cp == '\t') {
      out.push_back(' ');
    } else if (is_invisible(cp)) {
      continue;
    } else if (fonts.font_for(cp) < 0) {
      if (dropped) dropped->push_back(cp);
    } else {
      out.push_back(cp);
    }
  }
  for (char32_t& cp : out) {
    if (cp == '\r') cp = '\n';
  }
  return out;
}

Line Measurer::shape_line(std::u32string_view text) {
  Line line;
  // Every line has at least the first bundled font's height, so that lines of one block are
  // evenly spaced whatever their script.
  auto include_font = [&](int font) {
    TTF_Font* f = fonts_.font(font, size_, bold_);
    line.ascent = std::max(line.ascent, TTF_FontAscent(f));
    line.descent = std::max(line.descent, -TTF_FontDescent(f));
  };
  int current = -1;
  std::string utf8;
  auto flush = [&] {
    if (utf8.empty()) return;
    int w = 0, h = 0;
    if (TTF_SizeUTF8(fonts_.font(current, size_, bold_), utf8.c_str(), &w, &h) != 0) w = 0;
    line.runs.push_back(Run{current, std::move(utf8), line.width, w});
    line.width += w;
    include_font(current);
    utf8.clear();
  };
  for (char32_t cp : text) {
    int font = fonts_.font_for(cp);
    if (font < 0) continue;  // prepare_text removed these; never draw a box
    // Marks stay with their letter when its font has them (else they would be a box there), and
    // spaces stay in the current run, so that a run is a phrase HarfBuzz can shape whole.
    bool keep = current >= 0 && (is_attached_mark(cp) || is_space(cp)) &&
                TTF_GlyphIsProvided32(fonts_.font(current, size_, bold_), static_cast<Uint32>(cp));
    if (!keep && font != current) {
      flush();
      current = font;
    }
    append_utf8(utf8, cp);
  }
  flush();
  include_font(fonts_.primary());
  return line;
}

std::vector<Line> Measurer::wrap(std::u32string_view paragraph, int max_width) {
  // Pieces between break opportunities are measured once each; a line's width is estimated as
  // their sum (exact but for kerning across a break) and checked by shaping the chosen line.
  struct Piece {
    std::size_t begin, end;  // end excludes a final line-break character
    std::size_t next;        // where the following piece begins
    int width = 0;           // with trailing spaces
    int trimmed = 0;         // without: the width when the piece ends a line
    bool hard = false;       // a line must end after it
  };
  std::vector<Break> breaks = line_breaks(paragraph);
  std::vector<Piece> pieces;
  for (std::size_t i = 0, begin = 0; i < paragraph.size(); ++i) {
    if (breaks[i] == Break::none) continue;
    Piece piece{begin, i + 1, i + 1};
    piece.hard = breaks[i] == Break::mandatory || is_line_break(paragraph[i]);
    if (is_line_break(paragraph[i])) piece.end = i;
    std::u32string_view text = paragraph.substr(piece.begin, piece.end - piece.begin);
    piece.trimmed = width(trim_trailing_spaces(text));
    piece.width = trim_trailing_spaces(text).size() == text.size() ? piece.trimmed : width(text);
    pieces.push_back(piece);
    begin = i + 1;
  }

  std::vector<Line> lines;
  auto line_of = [&](std::size_t begin, std::size_t end) {
    return shape_line(trim_trailing_spaces(paragraph.substr(begin, end - begin)));
  };
  std::size_t k = 0;
  while (k < pieces.size()) {
    // The most pieces whose estimated width fits (at least one), stopping at a hard break.
    std::size_t last = k;
    int before = 0;  // full widths of pieces k..last-1
    while (!pieces[last].hard && last + 1 < pieces.size() &&
           (max_width <= 0 || before + pieces[last].width + pieces[last + 1].trimmed <= max_width)) {
      before += pieces[last].width;
      ++last;
    }
    Line line = line_of(pieces[k].begin, pieces[last].end);
    while (max_width > 0 && line.width > max_width && last > k) {
      --last;
      line = line_of(pieces[k].begin, pieces[last].end);
    }
    if (max_width > 0 && line.width > max_width) {
      // One piece alone is too wide: break it between graphemes, as late as fits, but always
      // after at least one grapheme so that the loop moves on.
      std::size_t begin = pieces[k].begin, end = pieces[k].end;
      std::size_t fit = grapheme_end(paragraph, begin);
      for (std::size_t g = fit; g < end; g = grapheme_end(paragraph, g)) {
        std::size_t next = grapheme_end(paragraph, g);
        if (width(paragraph.substr(begin, next - begin)) > max_width) break;
        fit = next;
      }
      lines.push_back(line_of(begin, fit));
      if (fit < end) {
        // The rest of the piece is measured again as a piece of its own.
        pieces[k].begin = fit;
        std::u32string_view rest = paragraph.substr(fit, end - fit);
        pieces[k].trimmed = width(trim_trailing_spaces(rest));
        pieces[k].width = width(rest);
        continue;
      }
      ++k;
      continue;
    }
    lines.push_back(std::move(line));
    k = last + 1;
  }
  if (lines.empty()) lines.push_back(shape_line({}));
  return lines;
}

BlockLayout layout_block(Measurer& m, const std::vector<std::u32string>& paragraphs, int max_width,
                         double line_spacing) {
  BlockLayout block;
  block.size = m.size();
  int pitch = std::max(1, static_cast<int>(std::lround(line_spacing * m.size())));
  int paragraph_gap = pitch / 2;
  int baseline = 0;
  for (std::size_t p = 0; p < paragraphs.size(); ++p) {
    std::vector<Line> lines = m.wrap(paragraphs[p], max_width);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      Line& line = lines[i];
      if (block.lines.empty()) {
        baseline = line.ascent;
      } else {
        baseline += pitch + (i == 0 ? paragraph_gap : 0);
      }
      line.baseline = baseline;
      block.width = std::max(block.width, line.width);
      block.lines.push_back(std::move(line));
    }
  }
  if (!block.lines.empty()) block.height = block.lines.back().baseline + block.lines.back().descent;
  return block;
}

}  // namespace gatecast::player::text
