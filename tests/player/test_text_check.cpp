// check_texts, as `pack` uses it: uncovered characters and texts that cannot fit are refused,
// with the place and the character named.
#include <catch2/catch.hpp>

#include <string>

#include "player/text/text_renderer.hpp"
#include "support/refusal.hpp"
#include "text_fixture.hpp"
#include "text_oracle_corpus.hpp"

using namespace gatecast;
using content::LanguagePresentation;

namespace {

const std::vector<std::string> kSite{"vi", "zh", "en"};

// One playlist, one slide on a 1920x1080 layout with a 1600x300 "title" region showing `item`,
// and a 1920x60 ticker overlay.
content::Manifest manifest_with(const content::Item& item, const content::Item& overlay_item) {
  content::Manifest m;
  content::Layout layout;
  layout.regions["title"] = content::Region{{160, 100, 1600, 300}, std::nullopt};
  m.layouts["main"] = layout;
  content::Slide slide;
  slide.layout = "main";
  slide.content["title"] = item;
  content::Playlist playlist;
  playlist.slides.push_back(slide);
  playlist.overlays.push_back(content::Overlay{{0, 1020, 1920, 60}, overlay_item});
  m.playlists["day"] = playlist;
  return m;
}

content::TextItem title(content::LocalizedText text, LanguagePresentation presentation, int min_size = 24) {
  content::TextItem item;
  item.text = std::move(text);
  item.presentation = presentation;
  item.style.min_size = min_size;
  item.style.max_size = 120;
  return item;
}

content::TickerItem ticker(content::LocalizedText text, int min_size = 24) {
  content::TickerItem t;
  t.text = std::move(text);
  t.style.min_size = min_size;
  t.style.max_size = 48;
  return t;
}

std::string joined(const std::vector<Error>& errors) {
  std::string out;
  for (const auto& e : errors) out += std::string(e.what()) + "\n";
  return out;
}

const content::LocalizedText kWelcome{
    {"vi", "Chào mừng đến cửa khẩu Hữu Nghị"}, {"zh", "欢迎来到友谊关"}, {"en", "Welcome to Huu Nghi"}};

}  // namespace

TEST_CASE("check_texts accepts trilingual text that fits and is covered", "[text][check]") {
  auto m = manifest_with(title(kWelcome, LanguagePresentation::stacked), ticker(kWelcome));
  auto errors = player::check_texts(m, kSite, test::bundled_fonts());
  INFO(joined(errors));
  CHECK(errors.empty());
  // Lao and Khmer are covered too.
  auto lk = manifest_with(title({{"lo", "ສະບາຍດີ"}, {"km", "សួស្តី"}}, LanguagePresentation::cycling),
                          ticker({{"lo", "ສະບາຍດີ"}}));
  CHECK(player::check_texts(lk, {"lo", "km"}, test::bundled_fonts()).empty());
}

TEST_CASE("check_texts refuses characters no font covers, naming them and where they are", "[text][check]") {
  content::LocalizedText text = kWelcome;
  text["vi"] = "Cửa khẩu \u2D30\u2D30";  // Tifinagh, twice: reported once
  content::LocalizedText ticker_text{{"en", "Notice \U0010FFFD"}};
  auto m = manifest_with(title(text, LanguagePresentation::stacked), ticker(ticker_text));
  auto errors = player::check_texts(m, kSite, test::bundled_fonts());
  INFO(joined(errors));
  REQUIRE(errors.size() == 2);
  for (const auto& e : errors) CHECK_THAT(e, test::Refused(Reason::unplayable));
  CHECK(errors[0].subject() == "playlist 'day' slide 1 region 'title' (vi)");
  CHECK(errors[0].problem().find("U+2D30") != std::string::npos);
  CHECK(errors[1].subject() == "playlist 'day' overlay 1 (en)");
  CHECK(errors[1].problem().find("U+10FFFD") != std::string::npos);
  // A language the site does not show is still checked: the package may go to other sites.
  content::LocalizedText other = kWelcome;
  other["fr"] = "\u2D31";
  auto m2 = manifest_with(title(other, LanguagePresentation::cycling), ticker(kWelcome));
  CHECK(player::check_texts(m2, kSite, test::bundled_fonts()).size() == 1);
}

TEST_CASE("check_texts refuses text that cannot fit its region at min_size", "[text][check]") {
  std::string long_text;
  for (int i = 0; i < 60; ++i) long_text += "Quy định xuất nhập cảnh. ";
  content::LocalizedText text{{"vi", long_text}, {"zh", "欢迎"}, {"en", "Welcome"}};
  auto m = manifest_with(title(text, LanguagePresentation::cycling, 40), ticker(kWelcome));
  auto errors = player::check_texts(m, kSite, test::bundled_fonts());
  INFO(joined(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].subject() == "playlist 'day' slide 1 region 'title' (vi)");
  CHECK_THAT(errors[0], test::Refused(Reason::unplayable));
}

TEST_CASE("stacked text must fit with all languages together, cycling text each alone", "[text][check]") {
  // Each language fills most of the region alone at min_size; the three together do not fit.
  std::string vi, zh, en;
  for (int i = 0; i < 8; ++i) {
    vi += "Cửa khẩu quốc tế ";
    zh += "友谊关国际口岸";
    en += "International border ";
  }
  content::LocalizedText text{{"vi", vi}, {"zh", zh}, {"en", en}};
  auto cycling = manifest_with(title(text, LanguagePresentation::cycling, 40), ticker(kWelcome));
  auto stacked = manifest_with(title(text, LanguagePresentation::stacked, 40), ticker(kWelcome));
  auto cycling_errors = player::check_texts(cycling, kSite, test::bundled_fonts());
  auto stacked_errors = player::check_texts(stacked, kSite, test::bundled_fonts());
  INFO(joined(cycling_errors) + joined(stacked_errors));
  CHECK(cycling_errors.empty());
  REQUIRE(stacked_errors.size() == 1);
  CHECK(stacked_errors[0].subject() == "playlist 'day' slide 1 region 'title' (vi+zh+en)");
  // Only the site's languages are stacked: with English alone it fits.
  CHECK(player::check_texts(stacked, {"en"}, test::bundled_fonts()).empty());
}

TEST_CASE("check_texts refuses a ticker strip too low for its text at min_size", "[text][check]") {
  auto ok = manifest_with(title(kWelcome, LanguagePresentation::stacked), ticker(kWelcome, 30));
  CHECK(player::check_texts(ok, kSite, test::bundled_fonts()).empty());
  auto low = manifest_with(title(kWelcome, LanguagePresentation::stacked), ticker(kWelcome, 56));
  auto errors = player::check_texts(low, kSite, test::bundled_fonts());
  INFO(joined(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].subject() == "playlist 'day' overlay 1");
  CHECK_THAT(errors[0], test::Refused(Reason::unplayable));
}

TEST_CASE("check_texts skips images, clocks and dangling names without failing", "[text][check]") {
  content::Manifest m =
      manifest_with(content::ImageItem{"logo", content::Fit::contain}, content::ClockItem{});
  m.playlists["day"].slides[0].content["nowhere"] = title(kWelcome, LanguagePresentation::stacked);
  content::Slide orphan;
  orphan.layout = "missing";
  orphan.content["title"] = title({{"vi", "\u2D30"}}, LanguagePresentation::stacked);
  m.playlists["day"].slides.push_back(orphan);
  CHECK(player::check_texts(m, kSite, test::bundled_fonts()).empty());
  CHECK(player::check_texts(content::Manifest{}, kSite, test::bundled_fonts()).empty());
}

TEST_CASE("check_texts refuses a vowel or mark with no letter to sit on (a dotted circle)", "[text][check]") {
  // Khmer vowel sign E typed before its consonant, as a keyboard in the wrong order gives it:
  // HarfBuzz draws it on a dotted circle. The Lao niggahita alone, likewise.
  content::LocalizedText text{{"km", "\u17C1នៅ"}, {"lo", "ສະບາຍດີ \u0ECD"}};
  auto m = manifest_with(title(text, LanguagePresentation::cycling), ticker({{"km", "សួស្តី"}}));
  auto errors = player::check_texts(m, {"km", "lo"}, test::bundled_fonts());
  INFO(joined(errors));
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].kind() == Outcome::rejected);
  CHECK(errors[0].subject() == "playlist 'day' slide 1 region 'title' (km)");
  CHECK(errors[0].problem().find("character 1 (U+17C1") != std::string::npos);
  CHECK(errors[0].problem().find("dotted circle") != std::string::npos);
  CHECK(errors[0].problem().find("\u17C1នៅ") != std::string::npos);  // the string, as written
  CHECK(errors[1].subject() == "playlist 'day' slide 1 region 'title' (lo)");
  CHECK(errors[1].problem().find("character 9 (U+0ECD") != std::string::npos);
  // The same words typed in the right order pass.
  auto fixed = manifest_with(title({{"km", "នៅ"}, {"lo", "ສະບາຍດີ"}}, LanguagePresentation::cycling),
                             ticker({{"km", "សួស្តី"}}));
  CHECK(player::check_texts(fixed, {"km", "lo"}, test::bundled_fonts()).empty());
  // In a ticker too.
  auto in_ticker = manifest_with(title(kWelcome, LanguagePresentation::stacked), ticker({{"km", "\u17B6"}}));
  auto ticker_errors = player::check_texts(in_ticker, kSite, test::bundled_fonts());
  REQUIRE(ticker_errors.size() == 1);
  CHECK(ticker_errors[0].subject() == "playlist 'day' overlay 1 (km)");
}

TEST_CASE("check_texts accepts every string of the shaping oracle's corpus", "[text][check]") {
  // Correct Khmer, Lao, Vietnamese and CJK never trips the broken-cluster check.
  std::vector<const std::vector<test::OracleString>*> corpora = {
      &test::kKhmerStrings,   &test::kLaoStrings,      &test::kVietnameseStrings,
      &test::kChineseStrings, &test::kJapaneseStrings, &test::kKoreanStrings};
  for (const auto* corpus : corpora) {
    for (const auto& s : *corpus) {
      content::TextItem item = title({{s.language, s.text}}, LanguagePresentation::cycling, 8);
      auto m = manifest_with(item, ticker({{s.language, s.text}}, 8));
      auto errors = player::check_texts(m, {s.language}, test::bundled_fonts());
      INFO(s.text << "\n" << joined(errors));
      CHECK(errors.empty());
    }
  }
}
