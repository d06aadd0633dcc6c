// Rasterized text: goldens for every Vietnamese letter, mixed scripts, Chinese wrapping, stacked
// languages, outline and shadow; NFC and NFD identical; the cache.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "golden.hpp"
#include "player/text/text_layout.hpp"
#include "player/text/text_raster.hpp"
#include "player/text/unicode.hpp"
#include "text_fixture.hpp"
#include "text_samples.hpp"

using gatecast::content::HAlign;
using gatecast::content::TextStyle;
using gatecast::content::VAlign;
using gatecast::player::FontChain;
using gatecast::player::SharedSurface;
using gatecast::player::TextRenderer;
using gatecast::player::WrittenText;
using Paragraphs = std::vector<std::string>;
namespace text = gatecast::player::text;
namespace test = gatecast::test;

namespace {

// Small goldens: a tolerance absorbs antialiasing differences between FreeType builds.
constexpr long kSlack = 40;

void check_golden(const SharedSurface& s, const std::string& name) {
  REQUIRE(s);
  test::GoldenResult r = test::compare_golden(s.get(), name, 16, kSlack);
  INFO(r.message);
  CHECK(r.ok);
}

TextStyle fixed_size(int px) {
  TextStyle style;
  style.min_size = px;
  style.max_size = px;
  style.color = {255, 255, 255, 255};
  return style;
}

std::string utf8(const std::u32string& s) {
  return text::encode_utf8(s);
}

// Letters (each a base and its marks) as lines of 12: a vowel's six tones on each line.
std::string in_rows(const std::u32string& letters) {
  std::u32string out;
  int count = 0;
  for (std::size_t i = 0; i < letters.size(); ++i) {
    out.push_back(letters[i]);
    if (i + 1 < letters.size() && text::is_attached_mark(letters[i + 1])) continue;
    out.push_back(++count % 12 == 0 ? U'\n' : U' ');
  }
  return utf8(out);
}

}  // namespace

TEST_CASE("every Vietnamese letter with every tone renders the same in NFC and NFD", "[text][golden]") {
  FontChain& fonts = test::bundled_fonts();
  TextStyle style = fixed_size(40);
  style.align = HAlign::left;
  std::u32string nfd = test::vietnamese_nfd(false) + test::vietnamese_nfd(true);

  TextRenderer nfc_renderer(fonts), nfd_renderer(fonts);
  SharedSurface nfc = nfc_renderer.render_block({in_rows(test::kVietnameseNfc)}, style, 560, 760, 1.0);
  SharedSurface decomposed = nfd_renderer.render_block({in_rows(nfd)}, style, 560, 760, 1.0);
  REQUIRE(nfc);
  REQUIRE(decomposed);
  CHECK(nfc != decomposed);  // two renderers: rasterized twice
  CHECK(test::differing_pixels(nfc.get(), decomposed.get()) == 0);
  check_golden(nfc, "text_vietnamese_letters");

  // Without the composition step, HarfBuzz alone also places the stacked marks as the
  // precomposed glyphs do: each letter drawn directly from NFD matches its NFC drawing.
  std::size_t at = 0;
  for (char32_t composed : test::kVietnameseNfc) {
    std::size_t end = at + 1;
    while (end < nfd.size() && text::is_attached_mark(nfd[end])) ++end;
    text::Measurer measurer(fonts, 40, false);
    text::BlockLayout direct_block = text::layout_block(
        measurer,
        std::vector<text::Analysed>{text::analyse(text::Paragraph(nfd.substr(at, end - at)), fonts)}, 0, 1.2);
    text::BlockLayout composed_block =
        text::layout_block(measurer, std::vector<std::u32string>{std::u32string(1, composed)}, 0, 1.2);
    at = end;
    text::Paint paint;
    gatecast::player::SurfacePtr a = text::rasterize(fonts, composed_block, paint, 60, 70);
    gatecast::player::SurfacePtr b = text::rasterize(fonts, direct_block, paint, 60, 70);
    INFO("letter " << text::code_point_name(composed));
    CHECK(test::differing_pixels(a.get(), b.get()) == 0);
  }
  CHECK(at == nfd.size());
}

TEST_CASE("a line mixing Vietnamese, Chinese and English shares one baseline", "[text][golden]") {
  FontChain& fonts = test::bundled_fonts();
  std::u32string line = text::prepare_text("Cửa khẩu 友谊关 Border Gate", fonts);
  text::Measurer m(fonts, 48, false);
  text::Line shaped = m.shape_line(line);
  // Latin, then CJK, then Latin again: three runs, each in its own font.
  REQUIRE(shaped.runs.size() == 3);
  CHECK(shaped.runs[0].font == fonts.primary());
  CHECK(shaped.runs[1].font != fonts.primary());
  CHECK(shaped.runs[2].font == fonts.primary());
  CHECK(shaped.runs[1].x > shaped.runs[0].x);
  // Runs sit at sub-pixel pens: whole-pixel widths add up to the line's within a pixel per run.
  CHECK(std::abs(shaped.width - (shaped.runs[0].width + shaped.runs[1].width + shaped.runs[2].width)) <= 3);

  TextRenderer renderer(fonts);
  TextStyle style = fixed_size(48);
  SharedSurface s = renderer.render_block(Paragraphs{"Cửa khẩu 友谊关 Border Gate"}, style, 760, 90, 1.0);
  check_golden(s, "text_mixed_scripts");
  // The baseline is shared: in "H口" the bottoms of H (Latin font) and 口 (CJK font, whose
  // ascent is larger) are within a few pixels, as they sit on one baseline.
  TextStyle left = style;
  left.align = HAlign::left;
  SharedSurface pair = renderer.render_block(Paragraphs{"H口"}, left, 200, 90, 1.0);
  REQUIRE(pair);
  const int split = m.width(U"H");
  int bottom_h = -1, bottom_k = -1;
  for (int y = 0; y < pair->h; ++y) {
    for (int x = 0; x < pair->w; ++x) {
      if ((test::pixel_at(pair.get(), x, y) >> 24) < 128) continue;
      (x < split ? bottom_h : bottom_k) = y;
    }
  }
  REQUIRE(bottom_h > 0);
  REQUIRE(bottom_k > 0);
  CHECK(std::abs(bottom_h - bottom_k) <= 5);
}

TEST_CASE("Lao and Khmer are drawn by their own fonts", "[text][golden]") {
  FontChain& fonts = test::bundled_fonts();
  CHECK(fonts.font_for(U'ສ') != fonts.font_for(U'ស'));
  CHECK(fonts.font_for(U'ສ') > fonts.font_for(U'国'));
  TextRenderer renderer(fonts);
  // The lines test_text_hb_view.cpp compares with hb-view's pictures, stacked.
  SharedSurface s = renderer.render_block(
      std::vector<WrittenText>{
          {"ສະບາຍດີ", "lo"}, {"ນ້ຳ ບໍ່ ກໍ່ ຄຳ", "lo"}, {"សូមស្វាគមន៍", "km"}, {"នៅ ស្វា ខេត្ត ខ្មែរ", "km"}},
      fixed_size(40), 420, 300, 1.0);
  check_golden(s, "text_lao_khmer");
}

TEST_CASE("wrapped Chinese never starts a line with closing punctuation", "[text][golden]") {
  FontChain& fonts = test::bundled_fonts();
  // At 40 px an ideograph is 40 px wide: 6 per 240 px line, so a greedy break would put the
  // 。 at index 6 (and the ，at 13) at the start of a line.
  std::string sentence = "欢迎来到友谊关。请出示护照，谢谢合作！（中国）《出入境规定》";
  std::u32string prepared = text::prepare_text(sentence, fonts);
  text::Measurer m(fonts, 40, false);
  std::vector<text::Line> lines = m.wrap(prepared, 240);
  REQUIRE(lines.size() >= 5);
  std::string rejoined;
  for (const auto& line : lines) {
    std::string s;
    for (const auto& run : line.runs) s += utf8(prepared.substr(run.begin, run.end - run.begin));
    std::u32string cps = text::decode_utf8(s);
    REQUIRE_FALSE(cps.empty());
    INFO("line: " << s);
    CHECK(line.width <= 240);
    CHECK_FALSE(text::is_no_line_start(cps.front()));
    CHECK_FALSE(text::is_no_line_end(cps.back()));
    rejoined += s;
  }
  CHECK(rejoined == sentence);  // nothing lost or repeated

  TextRenderer renderer(fonts);
  TextStyle style = fixed_size(40);
  style.align = HAlign::left;
  check_golden(renderer.render_block({sentence}, style, 240, 360, 1.0), "text_cjk_wrap");
}

TEST_CASE("a word wider than the region is broken between letters as a last resort", "[text]") {
  FontChain& fonts = test::bundled_fonts();
  text::Measurer m(fonts, 40, false);
  std::u32string word = text::prepare_text("Nghị\u0323định-Không-Có-Chỗ-Ngắt-Dòng", fonts);
  std::vector<text::Line> lines = m.wrap(word, 120);
  REQUIRE(lines.size() > 2);
  std::u32string rejoined;
  for (const auto& line : lines) {
    CHECK(line.width <= 120);
    for (const auto& run : line.runs) rejoined += word.substr(run.begin, run.end - run.begin);
    REQUIRE_FALSE(line.runs.empty());
    // A mark is never separated from its letter.
    CHECK_FALSE(text::is_attached_mark(word[line.runs.front().begin]));
  }
  CHECK(rejoined == word);
  // Even narrower than one letter: one grapheme per line, never an endless loop.
  CHECK(m.wrap(U"abc", 1).size() == 3);
}

TEST_CASE("auto-fit picks the largest size that fits, within min and max", "[text]") {
  FontChain& fonts = test::bundled_fonts();
  TextRenderer renderer(fonts);
  TextStyle style;
  style.min_size = 12;
  style.max_size = 200;
  std::vector<std::string> text{"Chào mừng quý khách đến cửa khẩu quốc tế Hữu Nghị"};

  int size = renderer.fit_size(text, style, 800, 300, 1.0);
  REQUIRE(size > style.min_size);
  REQUIRE(size < style.max_size);
  // Largest: one pixel more does not fit (a range whose min is size+1 has nothing that fits).
  TextStyle bigger = style;
  bigger.min_size = size + 1;
  CHECK(renderer.fit_size(text, bigger, 800, 300, 1.0) == 0);
  TextStyle exact = style;
  exact.min_size = exact.max_size = size;
  CHECK(renderer.fit_size(text, exact, 800, 300, 1.0) == size);

  // Monotonic in the region: a larger region never gets smaller type.
  int previous = 0;
  for (int h : {60, 100, 150, 220, 300, 500}) {
    int s = renderer.fit_size(text, style, 800, h, 1.0);
    INFO("height " << h);
    CHECK(s >= previous);
    previous = s;
  }
  // Max respected in a huge region, min reported as impossible in a tiny one.
  CHECK(renderer.fit_size(text, style, 4000, 2000, 1.0) == style.max_size);
  CHECK(renderer.fit_size(text, style, 50, 10, 1.0) == 0);
  // The scale multiplies min and max (canvas -> screen).
  CHECK(renderer.fit_size(text, style, 8000, 4000, 2.0) == 2 * style.max_size);
  // Text that cannot fit still renders (clipped at min size), at the requested size.
  SharedSurface clipped = renderer.render_block(text, style, 50, 10, 1.0);
  REQUIRE(clipped);
  CHECK(clipped->w == 50);
  CHECK(clipped->h == 10);
}

TEST_CASE("stacked languages share one size", "[text][golden]") {
  FontChain& fonts = test::bundled_fonts();
  TextRenderer renderer(fonts);
  TextStyle style;
  style.min_size = 10;
  style.max_size = 120;
  std::vector<std::string> stacked{"Cửa khẩu quốc tế Hữu Nghị", "友谊关国际口岸",
                                   "Huu Nghi International Border Gate"};
  int together = renderer.fit_size(stacked, style, 640, 300, 1.0);
  REQUIRE(together > 0);
  // The block's size fits all three at once: no larger than any language alone would get.
  for (const auto& one : stacked) CHECK(together <= renderer.fit_size({one}, style, 640, 300, 1.0));
  // And the layout really uses it for every line.
  text::Measurer m(fonts, together, false);
  std::vector<std::u32string> prepared;
  for (const auto& p : stacked) prepared.push_back(text::prepare_text(p, fonts));
  text::BlockLayout block = text::layout_block(m, prepared, 640, style.line_spacing);
  CHECK(block.size == together);
  CHECK(block.height <= 300);
  check_golden(renderer.render_block(stacked, style, 640, 300, 1.0), "text_stacked");
}

TEST_CASE("outline and shadow surround the glyphs", "[text][golden]") {
  FontChain& fonts = test::bundled_fonts();
  TextRenderer renderer(fonts);
  TextStyle plain = fixed_size(64);
  TextStyle decorated = plain;
  decorated.outline = gatecast::content::Outline{4, {0, 0, 0, 255}};
  decorated.shadow = gatecast::content::Shadow{6, 6, {0, 0, 0, 128}};
  decorated.color = {255, 220, 0, 255};
  SharedSurface a = renderer.render_block(Paragraphs{"Lạng Sơn 谅山"}, plain, 480, 120, 1.0);
  SharedSurface b = renderer.render_block(Paragraphs{"Lạng Sơn 谅山"}, decorated, 480, 120, 1.0);
  check_golden(b, "text_outline_shadow");
  // More ink: the outline adds a ring around every glyph, the shadow a copy below right.
  CHECK(test::ink_pixels(b.get(), 200) > test::ink_pixels(a.get(), 200) * 3 / 2);
  test::InkBox pb = test::ink_box(a.get()), db = test::ink_box(b.get());
  CHECK(db.x1 - db.x0 >= pb.x1 - pb.x0 + 2 * 4);
  // The fill colour is there, and black outline pixels too.
  bool yellow = false, black = false;
  for (int y = 0; y < b->h; ++y) {
    for (int x = 0; x < b->w; ++x) {
      std::uint32_t p = test::pixel_at(b.get(), x, y);
      yellow |= p == 0xFFFFDC00u;
      black |= p == 0xFF000000u;
    }
  }
  CHECK(yellow);
  CHECK(black);
  // Scale multiplies the outline: at scale 2 the surface is twice the size and so is the ring.
  SharedSurface big = renderer.render_block(Paragraphs{"Lạng Sơn 谅山"}, decorated, 960, 240, 2.0);
  test::InkBox bb = test::ink_box(big.get());
  CHECK(bb.x1 - bb.x0 >= 2 * (db.x1 - db.x0) - 8);
}

TEST_CASE("the cache returns the same surface for the same inputs", "[text]") {
  FontChain& fonts = test::bundled_fonts();
  TextRenderer renderer(fonts);
  TextStyle style = fixed_size(32);
  SharedSurface first = renderer.render_block(Paragraphs{"Xin chào", "你好"}, style, 300, 100, 1.0);
  SharedSurface again = renderer.render_block(Paragraphs{"Xin chào", "你好"}, style, 300, 100, 1.0);
  CHECK(first == again);
  CHECK(renderer.cached_surfaces() == 1);
  // NFD of the same text is the same text.
  SharedSurface nfd = renderer.render_block(Paragraphs{"Xin cha\u0300o", "你好"}, style, 300, 100, 1.0);
  CHECK(nfd == first);
  // Anything that changes pixels is a different entry.
  TextStyle red = style;
  red.color = {255, 0, 0, 255};
  CHECK(renderer.render_block(Paragraphs{"Xin chào", "你好"}, red, 300, 100, 1.0) != first);
  CHECK(renderer.render_block(Paragraphs{"Xin chào", "你好"}, style, 301, 100, 1.0) != first);
  CHECK(renderer.render_block(Paragraphs{"Xin chào", "你好"}, style, 300, 100, 1.5) != first);
  CHECK(renderer.render_block(Paragraphs{"Xin chào\n你好"}, style, 300, 100, 1.0) != first);
  CHECK(renderer.render_line("Xin chào", style, 40, 1.0) == renderer.render_line("Xin chào", style, 40, 1.0));
  CHECK(renderer.cached_surfaces() == 6);
  renderer.clear_cache();
  CHECK(renderer.cached_surfaces() == 0);
  CHECK(first->w == 300);  // a surface handed out stays valid
  CHECK(renderer.render_block(Paragraphs{"Xin chào", "你好"}, style, 300, 100, 1.0) != first);
}

TEST_CASE("a ticker line fills its strip at its natural width", "[text][golden]") {
  FontChain& fonts = test::bundled_fonts();
  TextRenderer renderer(fonts);
  TextStyle style;
  style.min_size = 10;
  style.max_size = 200;
  SharedSurface line = renderer.render_line("Thông báo • 通知 • Notice", style, 60, 1.0);
  REQUIRE(line);
  CHECK(line->h == 60);
  test::InkBox box = test::ink_box(line.get());
  CHECK(box.x0 <= 4);
  CHECK(box.x1 >= line->w - 6);
  CHECK(box.y1 - box.y0 > 30);  // the text is as tall as the strip allows
  check_golden(line, "text_ticker_line");
  // Longer text, same strip: wider surface, same height; line breaks become spaces.
  SharedSurface longer = renderer.render_line("Thông báo • 通知 • Notice\nThông báo", style, 60, 1.0);
  CHECK(longer->h == 60);
  CHECK(longer->w > line->w);
  // Max size caps it in a tall strip.
  style.max_size = 20;
  SharedSurface capped = renderer.render_line("Notice", style, 200, 1.0);
  CHECK(capped->h == 200);
  CHECK(test::ink_box(capped.get()).y1 - test::ink_box(capped.get()).y0 < 30);
}

TEST_CASE("characters no font covers are left out, never drawn as boxes", "[text]") {
  FontChain& fonts = test::bundled_fonts();
  CHECK_FALSE(fonts.covers(0x2D30));    // Tifinagh letter ya
  CHECK_FALSE(fonts.covers(0x10FFFD));  // private use, plane 16
  TextRenderer renderer(fonts);
  TextStyle style = fixed_size(40);
  SharedSurface with = renderer.render_block(Paragraphs{"Hữu\u2D30 Nghị\U0010FFFD"}, style, 400, 80, 1.0);
  SharedSurface without = renderer.render_block(Paragraphs{"Hữu Nghị"}, style, 400, 80, 1.0);
  CHECK(test::differing_pixels(with.get(), without.get()) == 0);
}

TEST_CASE("hostile text and sizes render without failing", "[text]") {
  FontChain& fonts = test::bundled_fonts();
  TextRenderer renderer(fonts);
  TextStyle style;
  style.min_size = 8;
  style.max_size = 64;
  std::string huge;
  for (int i = 0; i < 3000; ++i) huge += "Việt 越 ";
  const std::vector<std::string> cases{"",
                                       " ",
                                       "\n\n\n",
                                       "\r\n",
                                       "\xFF\xFE\xC3",
                                       "\u200D\uFE0F\u00AD",
                                       std::string(5000, 'W'),
                                       huge,
                                       "\u0301\u0301\u0301",
                                       "\t\tTab"};
  for (const auto& c : cases) {
    SharedSurface s = renderer.render_block({c}, style, 320, 120, 1.0);
    REQUIRE(s);
    CHECK(s->w == 320);
    CHECK(s->h == 120);
    SharedSurface line = renderer.render_line(c, style, 40, 1.0);
    REQUIRE(line);
    CHECK(line->h == 40);
  }
  // Degenerate regions and scales give a valid (tiny) surface rather than a crash.
  CHECK(renderer.render_block(Paragraphs{"a"}, style, 0, 0, 1.0)->w == 1);
  CHECK(renderer.render_block(Paragraphs{"a"}, style, -5, 30, 0.0)->h == 30);
  CHECK(renderer.render_line("a", style, 0, 1.0)->h == 1);
}
