#include "player/text/text_layout.hpp"

#include <algorithm>
#include <cmath>

#include "player/text/compose.hpp"
#include "player/text/unicode.hpp"

namespace gatecast::player::text {
namespace {

int ceil_px(std::int64_t v26) {
  return static_cast<int>((v26 + 63) >> 6);
}

// The end of [begin, end) without its trailing spaces.
std::size_t trimmed_end(std::u32string_view text, std::size_t begin, std::size_t end) {
  while (end > begin && (is_space(text[end - 1]) || is_line_break(text[end - 1]))) --end;
  return end;
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

Analysed analyse(Paragraph paragraph, const FontChain& fonts) {
  Analysed a;
  a.runs = itemize(paragraph, fonts);
  a.breaks = line_breaks(paragraph.text, paragraph.language_at(0));
  a.paragraph = std::move(paragraph);
  return a;
}

void Measurer::include_font(Line& line, int font) {
  const SizedFont& f = fonts_.font(font, size_, bold_);
  line.ascent = std::max(line.ascent, f.ascent);
  line.descent = std::max(line.descent, f.descent);
}

Line Measurer::line_of(const Analysed& a, const std::vector<ShapedRun>& shaped, std::size_t begin,
                       std::size_t end) {
  Line line;
  std::int64_t pen = 0;
  for (std::size_t r = 0; r < a.runs.size(); ++r) {
    const TextRun& run = a.runs[r];
    if (run.end <= begin || run.begin >= end) continue;
    Run out;
    out.font = run.font;
    if (run.begin >= begin && run.end <= end) {
      out.glyphs = shaped[r].glyphs;
    } else {
      // Cut by the line's end: shaped again, so that nothing of the other line shows in it.
      TextRun part = run;
      part.begin = std::max(run.begin, begin);
      part.end = std::min(run.end, end);
      out.glyphs = shape_run(fonts_, a.paragraph.text, part, size_, bold_).glyphs;
    }
    out.begin = std::max(run.begin, begin);
    out.end = std::min(run.end, end);
    std::int64_t advance = 0;
    for (const Glyph& g : out.glyphs) advance += g.x_advance;
    out.pen = static_cast<std::int32_t>(pen);
    out.x = static_cast<int>(pen >> 6);
    out.width = ceil_px(advance);
    pen += advance;
    include_font(line, run.font);
    line.runs.push_back(std::move(out));
  }
  line.width = ceil_px(pen);
  // Every line has at least the first bundled font's height, so that lines of one block are
  // evenly spaced whatever their script.
  include_font(line, fonts_.primary());
  return line;
}

Line Measurer::shape_line(const Analysed& a) {
  std::vector<ShapedRun> shaped;
  shaped.reserve(a.runs.size());
  for (const TextRun& run : a.runs) shaped.push_back(shape_run(fonts_, a.paragraph.text, run, size_, bold_));
  return line_of(a, shaped, 0, a.paragraph.text.size());
}

Line Measurer::shape_line(std::u32string_view text, std::string_view language) {
  return shape_line(analyse(Paragraph(std::u32string(text), std::string(language)), fonts_));
}

std::vector<Line> Measurer::wrap(std::u32string_view paragraph, int max_width, std::string_view language) {
  return wrap(analyse(Paragraph(std::u32string(paragraph), std::string(language)), fonts_), max_width);
}

std::vector<Line> Measurer::wrap(const Analysed& a, int max_width) {
  const std::u32string& text = a.paragraph.text;
  if (text.empty()) return {line_of(a, {}, 0, 0)};
  std::vector<ShapedRun> shaped;
  shaped.reserve(a.runs.size());
  for (const TextRun& run : a.runs) shaped.push_back(shape_run(fonts_, text, run, size_, bold_));
  // Each code point's share of the advances, and where shaping clusters start: a line is never
  // cut inside a cluster (a Khmer syllable, a letter with its marks).
  std::vector<std::int64_t> advance(text.size(), 0);
  std::vector<char> cluster_start(text.size(), 0);
  for (const ShapedRun& run : shaped) {
    for (const Glyph& g : run.glyphs) {
      advance[g.cluster] += g.x_advance;
      cluster_start[g.cluster] = 1;
    }
  }
  std::vector<std::int64_t> before(text.size() + 1, 0);  // advances of the code points before i
  for (std::size_t i = 0; i < text.size(); ++i) before[i + 1] = before[i] + advance[i];
  auto width_of = [&](std::size_t begin, std::size_t end) { return before[end] - before[begin]; };
  const std::int64_t limit = static_cast<std::int64_t>(max_width) * 64;
  auto fits = [&](std::int64_t w) { return max_width <= 0 || w <= limit; };

  std::vector<Line> lines;
  std::size_t begin = 0;
  while (begin < text.size()) {
    // The farthest allowed break whose line fits, stopping at a mandatory one.
    std::size_t end = 0;  // one past the last code point of the line, 0: none fits yet
    std::size_t first_break = text.size();
    for (std::size_t i = begin; i < text.size(); ++i) {
      if (a.breaks[i] == Break::none) continue;
      if (first_break == text.size()) first_break = i + 1;
      if (!fits(width_of(begin, trimmed_end(text, begin, i + 1)))) break;
      end = i + 1;
      if (a.breaks[i] == Break::mandatory) break;
    }
    if (end == 0) {
      // Not even the first piece fits: cut it between clusters, as late as fits, but after at
      // least one cluster so that the loop moves on.
      std::size_t cut = begin + 1;
      while (cut < first_break && !cluster_start[cut]) ++cut;
      for (std::size_t next = cut; next < first_break;) {
        std::size_t after = next + 1;
        while (after < first_break && !cluster_start[after]) ++after;
        if (!fits(width_of(begin, after))) break;
        cut = next = after;
      }
      end = cut;
    }
    Line line = line_of(a, shaped, begin, trimmed_end(text, begin, end));
    // Shaping across the cut can differ from the sum of advances (kerning, ligatures): back off
    // a break when the real line is too wide.
    while (max_width > 0 && line.width > max_width) {
      std::size_t earlier = end - 1;
      while (earlier > begin && a.breaks[earlier - 1] == Break::none) --earlier;
      if (earlier <= begin) {
        // No earlier break: give back a cluster, keeping at least one.
        earlier = end - 1;
        while (earlier > begin && !cluster_start[earlier]) --earlier;
        if (earlier <= begin) break;
      }
      end = earlier;
      line = line_of(a, shaped, begin, trimmed_end(text, begin, end));
    }
    lines.push_back(std::move(line));
    begin = end;
  }
  if (lines.empty()) lines.push_back(line_of(a, shaped, 0, 0));
  return lines;
}

BlockLayout layout_block(Measurer& m, const std::vector<Analysed>& paragraphs, int max_width,
                         double line_spacing) {
  BlockLayout block;
  block.size = m.size();
  int pitch = std::max(1, static_cast<int>(std::lround(line_spacing * m.size())));
  int paragraph_gap = pitch / 2;
  int baseline = 0;
  for (const Analysed& paragraph : paragraphs) {
    std::vector<Line> lines = m.wrap(paragraph, max_width);
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

BlockLayout layout_block(Measurer& m, const std::vector<std::u32string>& paragraphs, int max_width,
                         double line_spacing) {
  std::vector<Analysed> analysed;
  for (const auto& p : paragraphs) analysed.push_back(analyse(Paragraph(p), m.fonts()));
  return layout_block(m, analysed, max_width, line_spacing);
}

}  // namespace gatecast::player::text
