// What `pack` asks of text before signing: every character drawn by some font, every text item
// fitting its region at its minimum size, every ticker line fitting its strip.
#include <set>
#include <string>

#include "player/text/text_layout.hpp"
#include "player/text/text_renderer.hpp"
#include "player/text/unicode.hpp"

namespace gatecast::player {
namespace {

struct Checker {
  const std::vector<std::string>& languages;
  FontChain& fonts;
  TextRenderer renderer;
  std::vector<Error> errors;

  void reject(const std::string& subject, const std::string& problem) {
    errors.emplace_back(Outcome::rejected, Reason::unplayable, subject, problem);
  }

  // One error per distinct uncovered character of each language's text.
  void check_coverage(const std::string& where, const content::LocalizedText& text) {
    for (const auto& [language, value] : text) {
      std::set<char32_t> reported;
      for (char32_t cp : text::decode_utf8(value)) {
        if (fonts.covers(cp) || !reported.insert(cp).second) continue;
        std::string glyph;
        text::append_utf8(glyph, cp);
        reject(where + " (" + language + ")",
               "character " + text::code_point_name(cp) + " '" + glyph + "' is in no font of the player");
      }
    }
  }

  // The site's languages present in `text`, in the site's order.
  std::vector<std::pair<std::string, std::string>> in_site_order(const content::LocalizedText& text) const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& language : languages) {
      if (auto it = text.find(language); it != text.end()) out.emplace_back(language, it->second);
    }
    return out;
  }

  void check_text(const std::string& where, const content::TextItem& item, const content::Rect& rect) {
    check_coverage(where, item.text);
    auto texts = in_site_order(item.text);
    if (texts.empty()) return;
    std::string size = "min_size " + std::to_string(item.style.min_size) + " px";
    std::string region = std::to_string(rect.w) + "x" + std::to_string(rect.h) + " region";
    if (item.presentation == content::LanguagePresentation::stacked) {
      std::vector<std::string> paragraphs;
      std::string names;
      for (const auto& [language, value] : texts) {
        paragraphs.push_back(value);
        names += (names.empty() ? "" : "+") + language;
      }
      if (renderer.fit_size(paragraphs, item.style, rect.w, rect.h, 1.0) == 0) {
        reject(where + " (" + names + ")", "stacked text does not fit its " + region + " at " + size);
      }
      return;
    }
    for (const auto& [language, value] : texts) {
      if (renderer.fit_size({value}, item.style, rect.w, rect.h, 1.0) == 0) {
        reject(where + " (" + language + ")", "text does not fit its " + region + " at " + size);
      }
    }
  }

  void check_ticker(const std::string& where, const content::TickerItem& item, const content::Rect& rect) {
    check_coverage(where, item.text);
    text::Measurer m(fonts, std::max(1, item.style.min_size), item.style.bold);
    text::Line line = m.shape_line(U"");
    int pads = 0;
    if (item.style.outline) pads += 2 * item.style.outline->width;
    if (item.style.shadow) pads += item.style.shadow->dy < 0 ? -item.style.shadow->dy : item.style.shadow->dy;
    for (const auto& [language, value] : in_site_order(item.text)) {
      text::Line shaped = m.shape_line(text::prepare_text(value, fonts));
      line.ascent = std::max(line.ascent, shaped.ascent);
      line.descent = std::max(line.descent, shaped.descent);
    }
    if (line.ascent + line.descent + pads > rect.h) {
      reject(where, "ticker strip of " + std::to_string(rect.h) + " px is lower than its text at min_size " +
                        std::to_string(item.style.min_size) + " px (" +
                        std::to_string(line.ascent + line.descent + pads) + " px)");
    }
  }

  void check_item(const std::string& where, const content::Item& item, const content::Rect& rect) {
    if (const auto* t = std::get_if<content::TextItem>(&item)) check_text(where, *t, rect);
    if (const auto* t = std::get_if<content::TickerItem>(&item)) check_ticker(where, *t, rect);
  }
};

}  // namespace

std::vector<Error> check_texts(const content::Manifest& m, const std::vector<std::string>& languages,
                               FontChain& fonts) {
  Checker checker{languages, fonts, TextRenderer(fonts), {}};
  checker.renderer.set_log_missing(false);  // reported as errors instead
  for (const auto& [name, playlist] : m.playlists) {
    std::string playlist_where = "playlist '" + name + "'";
    for (std::size_t i = 0; i < playlist.slides.size(); ++i) {
      const content::Slide& slide = playlist.slides[i];
      auto layout = m.layouts.find(slide.layout);
      if (layout == m.layouts.end()) continue;  // the manifest validator reports unknown layouts
      for (const auto& [region_name, item] : slide.content) {
        auto region = layout->second.regions.find(region_name);
        if (region == layout->second.regions.end()) continue;
        checker.check_item(
            playlist_where + " slide " + std::to_string(i + 1) + " region '" + region_name + "'", item,
            region->second.rect);
      }
    }
    for (std::size_t i = 0; i < playlist.overlays.size(); ++i) {
      checker.check_item(playlist_where + " overlay " + std::to_string(i + 1), playlist.overlays[i].item,
                         playlist.overlays[i].rect);
    }
  }
  return std::move(checker.errors);
}

}  // namespace gatecast::player
