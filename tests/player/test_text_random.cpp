// Random text from every script we draw, with marks in odd places, invisible characters,
// uncovered ones, line breaks and malformed UTF-8: layout keeps every visible character once,
// in order, within the width; rendering never fails. Deterministic seeds, so a failure repeats.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "player/text/text_layout.hpp"
#include "player/text/unicode.hpp"
#include "text_fixture.hpp"

using namespace gatecast;
namespace text = gatecast::player::text;

namespace {

const std::u32string kAlphabet =
    U"aAđĐưƯơăâêô Việt友谊关国。，、！？（）「」《》…％ສະບາຍດີសួស្តី0123456789.,;:!?()-–—\"'/ "
    U"\u0300\u0301\u0302\u0303\u0306\u0309\u031B\u0323"  // marks, anywhere
    U"\u200B\u200D\uFE0F\u00AD\t\n\r\u2028"              // invisible and breaks
    U"\u2D30\U0010FFFD\uE000";                           // no font has these

std::string random_text(std::mt19937& rng, std::size_t length) {
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  std::uniform_int_distribution<int> odds(0, 99);
  std::string out;
  for (std::size_t i = 0; i < length; ++i) {
    if (odds(rng) == 0) {
      out.push_back(static_cast<char>(0x80 + odds(rng)));  // a stray continuation byte
      continue;
    }
    text::append_utf8(out, kAlphabet[pick(rng)]);
  }
  return out;
}

// What the layout must keep: the prepared text without line breaks and spaces (spaces at line
// ends are dropped, so they are not compared).
std::u32string visible(const std::u32string& s) {
  std::u32string out;
  for (char32_t c : s) {
    if (!text::is_line_break(c) && !text::is_space(c)) out.push_back(c);
  }
  return out;
}

}  // namespace

TEST_CASE("random text wraps without losing, repeating or overflowing", "[text][random]") {
  player::FontChain& fonts = test::bundled_fonts();
  std::mt19937 rng(20261125);
  std::uniform_int_distribution<int> width(1, 600), size(6, 90), length(0, 300);
  for (int round = 0; round < 150; ++round) {
    std::string input = random_text(rng, static_cast<std::size_t>(length(rng)));
    std::u32string prepared = text::prepare_text(input, fonts);
    for (char32_t c : prepared) {
      REQUIRE((text::is_line_break(c) || fonts.font_for(c) >= 0));
      REQUIRE_FALSE(text::is_invisible(c));
    }
    int max_width = width(rng);
    text::Measurer m(fonts, size(rng), round % 2 == 0);
    std::vector<text::Line> lines = m.wrap(prepared, max_width);
    REQUIRE_FALSE(lines.empty());
    std::u32string kept;
    for (const auto& line : lines) {
      std::u32string line_text;
      for (const auto& run : line.runs) line_text += prepared.substr(run.begin, run.end - run.begin);
      kept += line_text;
      INFO("round " << round << " width " << max_width << " line '" << text::encode_utf8(line_text) << "'");
      // Wider than the region only when the line is a single grapheme (narrower than a letter).
      std::size_t graphemes = 0;
      for (char32_t c : line_text) graphemes += text::is_attached_mark(c) ? 0 : 1;
      if (graphemes > 1) CHECK(line.width <= max_width);
      CHECK(line.ascent > 0);
    }
    INFO("round " << round);
    CHECK(visible(kept) == visible(prepared));
  }
}

TEST_CASE("random text renders at random sizes and styles", "[text][random]") {
  player::FontChain& fonts = test::bundled_fonts();
  player::TextRenderer renderer(fonts);
  renderer.set_log_missing(false);
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> side(1, 700), length(0, 120), px(1, 150), offset(-8, 8);
  for (int round = 0; round < 40; ++round) {
    content::TextStyle style;
    style.min_size = px(rng);
    style.max_size = px(rng);  // may be below min: min wins
    style.bold = round % 3 == 0;
    style.align = static_cast<content::HAlign>(round % 3);
    style.valign = static_cast<content::VAlign>((round / 3) % 3);
    if (round % 4 == 1) style.outline = content::Outline{offset(rng) + 8, {0, 0, 0, 255}};
    if (round % 5 == 2) style.shadow = content::Shadow{offset(rng), offset(rng), {0, 0, 0, 128}};
    int w = side(rng), h = side(rng);
    std::vector<std::string> paragraphs{random_text(rng, static_cast<std::size_t>(length(rng))),
                                        random_text(rng, static_cast<std::size_t>(length(rng)))};
    INFO("round " << round);
    player::SharedSurface block = renderer.render_block(paragraphs, style, w, h, 0.5 + round % 4 * 0.5);
    REQUIRE(block);
    CHECK(block->w == w);
    CHECK(block->h == h);
    player::SharedSurface line = renderer.render_line(paragraphs[0], style, h, 1.0);
    REQUIRE(line);
    CHECK(line->h == h);
  }
}
