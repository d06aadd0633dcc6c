// UTF-8, NFD -> NFC composition and line-break opportunities: no fonts involved.
#include <catch2/catch.hpp>

#include <string>

#include "player/text/compose.hpp"
#include "player/text/line_break.hpp"
#include "player/text/unicode.hpp"
#include "text_samples.hpp"

using namespace gatecast::player::text;
using gatecast::test::kVietnameseNfc;
using gatecast::test::vietnamese_nfd;

TEST_CASE("every Vietnamese letter in NFD composes to its NFC form", "[text][unicode]") {
  std::u32string nfd = vietnamese_nfd(false) + vietnamese_nfd(true);
  REQUIRE(nfd.size() > kVietnameseNfc.size());
  CHECK(encode_utf8(compose_latin(nfd)) == encode_utf8(kVietnameseNfc));
  CHECK(compose_latin(kVietnameseNfc) == kVietnameseNfc);
}

TEST_CASE("marks in non-canonical order compose like canonical ones", "[text][unicode]") {
  // ệ typed as e + circumflex + dot below (canonical: dot below first).
  CHECK(compose_latin(U"e\u0302\u0323") == U"ệ");
  CHECK(compose_latin(U"e\u0323\u0302") == U"ệ");
  // ợ: horn and dot below in either order.
  CHECK(compose_latin(U"o\u0323\u031B") == U"ợ");
  CHECK(compose_latin(U"o\u031B\u0323") == U"ợ");
  // ấ from â + acute, and from a + circumflex + acute.
  CHECK(compose_latin(U"â\u0301") == U"ấ");
  CHECK(compose_latin(U"a\u0302\u0301") == U"ấ");
}

TEST_CASE("composition leaves what Unicode does not compose", "[text][unicode]") {
  // Two tones on one letter: the first composes, the second is blocked and stays a mark.
  CHECK(compose_latin(U"a\u0301\u0301") == U"á\u0301");
  // A mark with no letter, CJK, Lao and Khmer pass through.
  CHECK(compose_latin(U"\u0301x") == U"\u0301x");
  CHECK(compose_latin(U"越南 ສະບາຍດີ សួស្តី") == U"越南 ສະບາຍດີ សួស្តី");
  CHECK(compose_latin(U"") == U"");
  CHECK(combining_class(0x0301) == 230);
  CHECK(combining_class(0x0323) == 220);
  CHECK(combining_class(0x031B) == 216);
  CHECK(combining_class(U'a') == 0);
}

TEST_CASE("UTF-8 decoding replaces malformed bytes and round-trips valid text", "[text][unicode]") {
  std::string valid = "Cửa khẩu Hữu Nghị 友谊关 \U0001F600";
  CHECK(encode_utf8(decode_utf8(valid)) == valid);
  CHECK(decode_utf8("\xC3") == U"\uFFFD");                                // truncated
  CHECK(decode_utf8("\xC0\xAF") == U"\uFFFD\uFFFD");                      // overlong '/'
  CHECK(decode_utf8("\xED\xA0\x80") == U"\uFFFD\uFFFD\uFFFD");            // surrogate
  CHECK(decode_utf8("\xF4\x90\x80\x80") == U"\uFFFD\uFFFD\uFFFD\uFFFD");  // past U+10FFFF
  CHECK(decode_utf8("a\xFF"
                    "b") == U"a\uFFFDb");
  CHECK(decode_utf8(std::string("\0x", 2)) == std::u32string(U"\0x", 2));
  CHECK(code_point_name(0x2D30) == "U+2D30");
  CHECK(code_point_name(0x10FFFD) == "U+10FFFD");
}

namespace {

bool can_end_after(const std::u32string& text, std::size_t i) {
  return line_breaks(text)[i] != Break::none;
}

}  // namespace

TEST_CASE("Chinese punctuation never starts a line and opening brackets never end one", "[text][linebreak]") {
  std::u32string text =
      U"欢迎来到友谊关。请出示护照，谢谢！您好？（中国）「越南」《规定》：注意；完成……100％";
  std::vector<Break> breaks = line_breaks(text);
  REQUIRE(breaks.size() == text.size());
  CHECK(breaks.back() == Break::mandatory);
  int allowed = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (breaks[i] == Break::none) continue;
    ++allowed;
    INFO("break after index " << i);
    CHECK_FALSE(is_no_line_start(text[i + 1]));
    CHECK_FALSE(is_no_line_end(text[i]));
  }
  CHECK(allowed > 10);  // ideographs may break between each other
  // Specific places: not before 。，！？）」》：；…％, not after （「《.
  for (char32_t c : std::u32string(U"。，！？）」》：；…％")) CHECK(is_no_line_start(c));
  for (char32_t c : std::u32string(U"（「『【〔〈《")) CHECK(is_no_line_end(c));
  CHECK(can_end_after(U"友谊关", 0));
  CHECK_FALSE(can_end_after(U"关。", 0));
  CHECK_FALSE(can_end_after(U"（中", 0));
}

TEST_CASE("Latin and Vietnamese break at spaces, never inside a word or before a mark", "[text][linebreak]") {
  std::u32string text = U"Cửa khẩu quốc tế";
  std::vector<Break> breaks = line_breaks(text);
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    bool after_space = text[i] == U' ';
    CHECK((breaks[i] != Break::none) == after_space);
  }
  std::u32string nfd = U"Vie\u0323\u0302t Nam";  // Việt in NFD
  std::vector<Break> nfd_breaks = line_breaks(nfd);
  for (std::size_t i = 0; i + 1 < nfd.size(); ++i) {
    if (is_attached_mark(nfd[i + 1])) CHECK(nfd_breaks[i] == Break::none);
  }
  CHECK(line_breaks(U"a\nb")[1] == Break::mandatory);
  CHECK(line_breaks(U"").empty());
}
