// Line breaking in scripts written without spaces: a Khmer and a Lao paragraph wrap only at word
// boundaries. The expected words are written out here (ICU's dictionary segmentation of these
// sentences, which is also how a reader divides them: "Kingdom | Cambodia | is | country | one |
// in | Asia | Southeast | ..."), and checked once more against ICU's word BreakIterator, a
// different instance from the line breaker gatecast uses.
#include <catch2/catch.hpp>

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "player/text/line_break.hpp"
#include "player/text/text_layout.hpp"
#include "player/text/unicode.hpp"
#include "text_fixture.hpp"

using namespace gatecast;
using namespace gatecast::player;

namespace {

const std::vector<std::string> kKhmerWords = {"ព្រះរាជាណាចក្រ", "កម្ពុជា", "ជា",    "ប្រទេស",
                                              "មួយ",           "នៅ",    "អាស៊ី",   "អាគ្នេយ៍",
                                              "សូមស្វាគមន៍",     "ភ្ញៀវ",  "ទេសចរ", "ទាំងអស់"};
const std::vector<std::string> kLaoWords = {"ສາທາລະນະລັດ", "ປະຊາທິປະໄຕ", "ປະຊາຊົນ", "ລາວ", "ຍິນດີ",
                                            "ຕ້ອນຮັບ",      "ນັກ",        "ທ່ອງທ່ຽວ", "ທຸກຄົນ"};

std::u32string joined(const std::vector<std::string>& words) {
  std::string all;
  for (const auto& w : words) all += w;
  return text::decode_utf8(all);
}

// Code point offsets where a word ends.
std::set<std::size_t> word_ends(const std::vector<std::string>& words) {
  std::set<std::size_t> ends;
  std::size_t at = 0;
  for (const auto& w : words) ends.insert(at += text::decode_utf8(w).size());
  return ends;
}

// The word boundaries ICU's word iterator finds in `text`, as code point offsets.
std::set<std::size_t> icu_word_boundaries(const std::u32string& text, const char* locale) {
  UErrorCode error = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale(locale), error));
  REQUIRE(U_SUCCESS(error));
  icu::UnicodeString utf16;
  std::vector<std::size_t> cp_of;
  for (std::size_t i = 0; i < text.size(); ++i) {
    utf16.append(static_cast<UChar32>(text[i]));
    while (cp_of.size() < static_cast<std::size_t>(utf16.length())) cp_of.push_back(i);
  }
  cp_of.push_back(text.size());
  words->setText(utf16);
  std::set<std::size_t> out;
  for (std::int32_t b = words->next(); b != icu::BreakIterator::DONE; b = words->next()) {
    out.insert(cp_of[static_cast<std::size_t>(b)]);
  }
  return out;
}

void check_wraps_at_words(const std::vector<std::string>& words, const char* language) {
  FontChain& fonts = test::bundled_fonts();
  const std::u32string paragraph = joined(words);
  const std::set<std::size_t> ends = word_ends(words);
  CHECK(icu_word_boundaries(paragraph, language) == ends);

  // The break opportunities are exactly the word ends.
  const std::vector<text::Break> breaks = text::line_breaks(paragraph, language);
  for (std::size_t i = 0; i < paragraph.size(); ++i) {
    INFO("after code point " << i);
    CHECK((breaks[i] != text::Break::none) == (ends.count(i + 1) == 1));
  }

  text::Measurer m(fonts, 36, false);
  const text::Analysed analysed = text::analyse(text::Paragraph(paragraph, language), fonts);
  const int whole = m.shape_line(analysed).width;
  // Narrower than the longest word, a word would have to be cut (the last resort); wider, never.
  int widest = 0;
  for (const auto& w : words) widest = std::max(widest, m.shape_line(text::decode_utf8(w), language).width);
  for (int width = widest; width < whole; width += 29) {
    const std::vector<text::Line> lines = m.wrap(analysed, width);
    INFO("width " << width);
    CHECK(lines.size() >= 2);
    std::size_t expected_begin = 0;
    for (const text::Line& line : lines) {
      REQUIRE_FALSE(line.runs.empty());
      CHECK(line.runs.front().begin == expected_begin);
      const std::size_t end = line.runs.back().end;
      CHECK(ends.count(end) == 1);  // never inside a word
      CHECK(line.width <= width);
      expected_begin = end;
    }
    CHECK(expected_begin == paragraph.size());  // nothing lost
  }
}

}  // namespace

TEST_CASE("a Khmer paragraph without spaces wraps only between words", "[text][break]") {
  check_wraps_at_words(kKhmerWords, "km");
}

TEST_CASE("a Lao paragraph without spaces wraps only between words", "[text][break]") {
  check_wraps_at_words(kLaoWords, "lo");
}

TEST_CASE("CJK keeps UAX #14: a break between ideographs and kana, not before 。", "[text][break]") {
  const std::u32string ja = U"東京へようこそ。パスポート";
  const std::vector<text::Break> b = text::line_breaks(ja, "ja");
  CHECK(b[0] == text::Break::allowed);  // 東|京
  CHECK(b[5] == text::Break::allowed);  // こ|そ
  CHECK(b[6] == text::Break::none);     // never before 。
  CHECK(b[7] == text::Break::allowed);  // 。|パ
  CHECK(b[10] == text::Break::none);    // never before ー
  CHECK(b.back() == text::Break::mandatory);
}

TEST_CASE("Vietnamese and English still break at spaces and after hyphens", "[text][break]") {
  const std::u32string vi = U"Cửa khẩu Hữu Nghị-Lạng Sơn";
  const std::vector<text::Break> b = text::line_breaks(vi, "vi");
  std::vector<std::size_t> allowed;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (b[i] == text::Break::allowed) allowed.push_back(i);
  }
  CHECK(allowed == std::vector<std::size_t>{3, 8, 12, 17, 22});
  CHECK(b.back() == text::Break::mandatory);
  const std::vector<text::Break> hard = text::line_breaks(U"a\nb", "en");
  CHECK(hard[1] == text::Break::mandatory);
}
