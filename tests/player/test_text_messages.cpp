// The technician's words in every language a site may be configured with: each refusal reason
// has a phrase in vi, zh, en, lo, km, ja and ko, and each phrase shapes cleanly (no broken
// cluster, no missing glyph) with the bundled fonts, as `pack` would demand of author text.
#include <catch2/catch.hpp>

#include "player/loop/refusal_reasons.hpp"
#include "player/loop/status_banner.hpp"
#include "player/render/clock_format.hpp"
#include "player/render/idle_screen.hpp"
#include "player/text/text_renderer.hpp"
#include "render_fixtures.hpp"
#include "text_fixture.hpp"

using namespace gatecast;

namespace {

const std::vector<std::string> kLanguages{"vi", "zh", "en", "lo", "km", "ja", "ko"};
const std::vector<std::string> kReasons{"signature", "key",   "expired", "rollback",  "target",
                                        "hash",      "limit", "schema",  "not_found", "io"};

// Every text `check_texts` would refuse in `texts` (one language -> string each).
std::vector<Error> shaping_problems(const content::LocalizedText& texts) {
  content::Manifest m;
  content::Layout layout;
  layout.regions["r"] = content::Region{{0, 0, 4000, 400}, std::nullopt};
  m.layouts["l"] = layout;
  content::TextItem item;
  item.text = texts;
  item.presentation = content::LanguagePresentation::cycling;
  item.style.min_size = 8;
  item.style.max_size = 40;
  content::Slide slide;
  slide.layout = "l";
  slide.content["r"] = item;
  m.playlists["p"].slides.push_back(slide);
  std::vector<std::string> languages;
  for (const auto& [language, text] : texts) languages.push_back(language);
  return player::check_texts(m, languages, test::bundled_fonts());
}

std::string joined(const std::vector<Error>& errors) {
  std::string out;
  for (const auto& e : errors) out += std::string(e.what()) + "\n";
  return out;
}

}  // namespace

TEST_CASE("every refusal reason has words in every site language", "[text][messages]") {
  for (const auto& reason : kReasons) {
    content::LocalizedText texts;
    for (const auto& language : kLanguages) {
      INFO(reason << " in " << language);
      CHECK(player::has_refusal_reason_text(reason, language));
      texts[language] = player::refusal_reason_text(reason, language);
      CHECK_FALSE(texts[language].empty());
    }
    const auto problems = shaping_problems(texts);
    INFO(joined(problems));
    CHECK(problems.empty());
  }
  // A language without its own phrase gets the English one; an unknown reason gets nothing.
  CHECK(player::refusal_reason_text("rollback", "fr") == player::refusal_reason_text("rollback", "en"));
  CHECK_FALSE(player::has_refusal_reason_text("rollback", "fr"));
  CHECK(player::refusal_reason_text("no_such_reason", "vi").empty());
}

TEST_CASE("every banner, idle message and date shapes cleanly in every site language", "[text][messages]") {
  const Instant t0 = test::at("2026-11-23T01:05:30Z");
  content::InstallProgress progress;
  progress.done_blobs = 3;
  progress.total_blobs = 7;
  progress.done_bytes = 30;
  progress.total_bytes = 70;
  const std::vector<player::StatusBanner> banners = {
      player::usb_messages::found(),
      player::usb_messages::progress(progress),
      player::usb_messages::installed(12, t0),
      player::usb_messages::unchanged(12, t0),
      player::usb_messages::nothing_for_this_screen(t0),
      player::usb_messages::refused(gatecast::Reason::signature, "bad signature", t0),
      player::usb_messages::failed(gatecast::Reason::io, "input/output error", t0)};
  for (const auto& banner : banners) {
    for (const auto& language : kLanguages) CHECK(banner.text.count(language) == 1);
    const auto problems = shaping_problems(banner.text);
    INFO(joined(problems));
    CHECK(problems.empty());
  }
  content::LocalizedText idle, dates;
  for (int day = 0; day < 7; ++day) {
    const player::CivilTime c = player::civil_time(t0 + std::chrono::hours(24 * day), 7 * 3600);
    for (const auto& language : kLanguages) {
      idle[language] = player::idle_message(language);
      CHECK(player::has_idle_message(language));
      dates[language + "-" + std::to_string(day)] = player::format_date(language, c);
    }
  }
  for (const auto& texts : {idle}) {
    const auto problems = shaping_problems(texts);
    INFO(joined(problems));
    CHECK(problems.empty());
  }
  for (const auto& [key, date] : dates) {
    const auto problems = shaping_problems({{key.substr(0, 2), date}});
    INFO(joined(problems));
    CHECK(problems.empty());
  }
}
