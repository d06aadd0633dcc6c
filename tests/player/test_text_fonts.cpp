// The font chain: bundled fonts found, the SC face picked from the CJK collection, coverage,
// package fonts first, and clear errors for missing or broken font files.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "support/refusal.hpp"
#include "support/temp_dir.hpp"
#include "text_fixture.hpp"

using namespace gatecast;
using player::FontChain;

TEST_CASE("the bundled chain covers Vietnamese, Chinese, Lao and Khmer", "[text][fonts]") {
  FontChain& fonts = test::bundled_fonts();
  REQUIRE(fonts.size() == 8);  // and the JP, KR, TC and HK faces, chosen by language only
  CHECK(fonts.primary() == 0);
  for (char32_t cp : std::u32string(U"aẶệđĐ₫0%")) CHECK(fonts.font_for(cp) == 0);
  for (char32_t cp : std::u32string(U"友谊关。，、！？（）「」《》")) CHECK(fonts.font_for(cp) == 1);
  for (char32_t cp : std::u32string(U"ສະບາຍດີ")) CHECK(fonts.font_for(cp) == 2);
  for (char32_t cp : std::u32string(U"សួស្តី")) CHECK(fonts.font_for(cp) == 3);
  CHECK(fonts.covers(U'\n'));
  CHECK(fonts.covers(0x200D));  // invisible: never reaches a font
  CHECK_FALSE(fonts.covers(0x2D30));
  CHECK_FALSE(fonts.covers(0x10FFFD));
  CHECK_FALSE(fonts.covers(0xE000));
}

TEST_CASE("the CJK font is the Simplified Chinese face of the collection", "[text][fonts]") {
  FontChain& fonts = test::bundled_fonts();
  const player::FontFace& cjk = fonts.faces().at(1);
  CHECK(cjk.regular.filename() == "NotoSansCJK-Regular.ttc");
  CHECK(fonts.family(1, false) == "Noto Sans CJK SC");
  CHECK(fonts.family(1, true) == "Noto Sans CJK SC");
  CHECK(fonts.style_name(1, true) == "Bold");
  CHECK(fonts.style_name(0, true) == "Bold");
  // The same font object for the same size and weight.
  CHECK(&fonts.font(0, 33, false) == &fonts.font(0, 33, false));
  CHECK(&fonts.font(0, 33, false) != &fonts.font(0, 33, true));
}

TEST_CASE("Han characters come from the CJK face of the text's language", "[text][fonts]") {
  FontChain& fonts = test::bundled_fonts();
  auto family = [&](char32_t cp, const char* language) {
    return fonts.family(fonts.font_for(cp, language), false);
  };
  CHECK(family(U'骨', "zh") == "Noto Sans CJK SC");
  CHECK(family(U'骨', "") == "Noto Sans CJK SC");
  CHECK(family(U'骨', "ja") == "Noto Sans CJK JP");
  CHECK(family(U'骨', "ja-JP") == "Noto Sans CJK JP");
  CHECK(family(U'骨', "ko") == "Noto Sans CJK KR");
  CHECK(family(U'骨', "zh-TW") == "Noto Sans CJK TC");
  CHECK(family(U'骨', "zh-Hant") == "Noto Sans CJK TC");
  CHECK(family(U'骨', "zh-HK") == "Noto Sans CJK HK");
  CHECK(family(U'한', "ko") == "Noto Sans CJK KR");
  // Latin, Lao and Khmer do not depend on the language.
  CHECK(fonts.font_for(U'a', "ja") == fonts.primary());
  CHECK(fonts.font_for(U'ສ', "ja") == fonts.font_for(U'ສ'));
}

TEST_CASE("a package's fonts come first in the chain", "[text][fonts]") {
  // The bundled Lao font standing in for a package font: Lao now resolves to it, first.
  std::filesystem::path lao =
      std::filesystem::path(GATECAST_SOURCE_DIR) / "fonts" / "NotoSansLao-Regular.ttf";
  FontChain chain = FontChain::load({lao}, std::filesystem::path(GATECAST_SOURCE_DIR) / "fonts");
  REQUIRE(chain.size() == 9);
  CHECK(chain.primary() == 1);
  CHECK(chain.font_for(U'ສ') == 0);
  CHECK(chain.font_for(U'ệ') == 1);
  CHECK(chain.font_for(U'国') == 2);
  // A package font has no bold file: bold text still gets a font (emboldened).
  CHECK(chain.font(0, 24, true).synthetic_bold);
  CHECK_FALSE(chain.font(1, 24, true).synthetic_bold);
}

TEST_CASE("missing or broken font files are runtime errors naming the file", "[text][fonts]") {
  test::TempDir dir;
  CHECK_THROWS_AS(FontChain::load({}, dir.path()), Error);
  try {
    (void)FontChain::load({}, dir.path());
  } catch (const Error& e) {
    CHECK_THAT(e, test::Failed(Reason::unplayable));
    CHECK(e.subject().find("NotoSans") != std::string::npos);
  }
  std::filesystem::path junk = dir / "junk.ttf";
  std::ofstream(junk) << "this is not a font";
  try {
    (void)FontChain::load({junk});
    FAIL("a broken font was accepted");
  } catch (const Error& e) {
    CHECK_THAT(e, test::Failed(Reason::unplayable).about(junk.string()));
  }
  std::filesystem::path empty = dir / "empty.otf";
  std::ofstream(empty).flush();
  CHECK_THROWS_AS(FontChain::load({empty}), Error);
  CHECK_THROWS_AS(FontChain::load({dir / "absent.ttf"}), Error);
}

TEST_CASE("the environment variable GATECAST_FONT_DIR overrides the compiled-in folder", "[text][fonts]") {
  test::TempDir dir;
  setenv("GATECAST_FONT_DIR", dir.path().c_str(), 1);
  CHECK_THROWS_AS(FontChain::load(), Error);
  setenv("GATECAST_FONT_DIR", (std::filesystem::path(GATECAST_SOURCE_DIR) / "fonts").c_str(), 1);
  CHECK(FontChain::load().size() == 8);
  unsetenv("GATECAST_FONT_DIR");
}
