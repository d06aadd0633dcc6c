// What `pack` asks of text before signing: every character drawn by some font, every string
// shaping without a broken cluster (a dotted circle the shaper inserted) or a missing glyph,
// every text item fitting its region at its minimum size, every ticker line fitting its strip.
#include <unicode/uchar.h>

#include <set>
#include <string>

#include "player/text/shape.hpp"
#include "player/text/text_layout.hpp"
#include "player/text/text_renderer.hpp"
#include "player/text/unicode.hpp"

namespace gatecast::player {
namespace {

bool is_combining_mark(char32_t cp) {
  const auto type = u_charType(static_cast<UChar32>(cp));
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

// Glyph choice does not depend on the size; any size will do.
constexpr int kShapingCheckSize = 32;

struct Checker {
  const std::vector<std::string>& languages;
  FontChain& fonts;
  TextRenderer renderer;
  std::vector<Error> errors;
  bool check_fit = true;  // false: only what would be drawn wrong (coverage, shaping)

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

  // Shapes each language's text as the screen will and refuses what would be drawn wrong: a
  // dotted circle HarfBuzz inserted (a mark or vowel sign with no letter to sit on, e.g. a
  // Khmer vowel typed before its consonant) or glyph 0 (the font's empty box). Positions are
  // 1-based code points of the text after NFC.
  void check_shaping(const std::string& where, const content::LocalizedText& text) {
    for (const auto& [language, value] : text) {
      const text::Analysed a =
          text::analyse(text::Paragraph(text::prepare_text(value, fonts), language), fonts);
      std::set<std::size_t> reported;
      for (const text::TextRun& run : a.runs) {
        const SizedFont& font = fonts.font(run.font, kShapingCheckSize, false);
        for (const text::Glyph& g :
             text::shape_run(fonts, a.paragraph.text, run, kShapingCheckSize, false).glyphs) {
          std::size_t at = g.cluster;
          const bool inserted_circle =
              font.dotted_circle != 0 && g.id == font.dotted_circle && a.paragraph.text[at] != 0x25CC;
          // The circle's cluster may begin with what precedes the orphan (a space): name the mark.
          while (inserted_circle && at + 1 < run.end && !is_combining_mark(a.paragraph.text[at])) ++at;
          if ((g.id != 0 && !inserted_circle) || !reported.insert(at).second) continue;
          const char32_t cp = a.paragraph.text[at];
          std::string glyph;
          text::append_utf8(glyph, cp);
          const std::string which = "character " + std::to_string(at + 1) + " (" + text::code_point_name(cp) +
                                    " '" + glyph + "') of \"" + value + "\"";
          reject(where + " (" + language + ")",
                 inserted_circle
                     ? which + " has no letter to attach to: it would show with a dotted circle (◌)"
                     : which + " has no glyph in the font chosen for it");
        }
      }
      // Shapers of scripts such as Lao and Thai insert no dotted circle: a mark after a space
      // or at the start would float over nothing. Refused the same way.
      const std::u32string& cps = a.paragraph.text;
      for (std::size_t i = 0; i < cps.size(); ++i) {
        if (!is_combining_mark(cps[i]) || reported.count(i)) continue;
        if (i > 0 && (is_combining_mark(cps[i - 1]) ||
                      u_hasBinaryProperty(static_cast<UChar32>(cps[i - 1]), UCHAR_ALPHABETIC))) {
          continue;
        }
        reported.insert(i);
        std::string glyph;
        text::append_utf8(glyph, cps[i]);
        reject(where + " (" + language + ")",
               "character " + std::to_string(i + 1) + " (" + text::code_point_name(cps[i]) + " '" + glyph +
                   "') of \"" + value + "\" has no letter to attach to: it would float over nothing");
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
    check_shaping(where, item.text);
    if (!check_fit) return;
    auto texts = in_site_order(item.text);
    if (texts.empty()) return;
    std::string size = "min_size " + std::to_string(item.style.min_size) + " px";
    std::string region = std::to_string(rect.w) + "x" + std::to_string(rect.h) + " region";
    if (item.presentation == content::LanguagePresentation::stacked) {
      std::vector<WrittenText> paragraphs;
      std::string names;
      for (const auto& [language, value] : texts) {
        paragraphs.push_back(WrittenText{value, language});
        names += (names.empty() ? "" : "+") + language;
      }
      if (renderer.fit_size(paragraphs, item.style, rect.w, rect.h, 1.0) == 0) {
        reject(where + " (" + names + ")", "stacked text does not fit its " + region + " at " + size);
      }
      return;
    }
    for (const auto& [language, value] : texts) {
      if (renderer.fit_size(std::vector<WrittenText>{{value, language}}, item.style, rect.w, rect.h, 1.0) ==
          0) {
        reject(where + " (" + language + ")", "text does not fit its " + region + " at " + size);
      }
    }
  }

  void check_ticker(const std::string& where, const content::TickerItem& item, const content::Rect& rect) {
    check_coverage(where, item.text);
    check_shaping(where, item.text);
    if (!check_fit) return;
    text::Measurer m(fonts, std::max(1, item.style.min_size), item.style.bold);
    text::Line line = m.shape_line(U"");
    int pads = 0;
    if (item.style.outline) pads += 2 * item.style.outline->width;
    if (item.style.shadow) pads += item.style.shadow->dy < 0 ? -item.style.shadow->dy : item.style.shadow->dy;
    for (const auto& [language, value] : in_site_order(item.text)) {
      text::Line shaped = m.shape_line(text::prepare_text(value, fonts), language);
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

namespace {
std::vector<Error> run_checks(const content::Manifest& m, const std::vector<std::string>& languages,
                              FontChain& fonts, bool check_fit) {
  Checker checker{languages, fonts, TextRenderer(fonts), {}, check_fit};
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
}  // namespace

std::vector<Error> check_texts(const content::Manifest& m, const std::vector<std::string>& languages,
                               FontChain& fonts) {
  return run_checks(m, languages, fonts, true);
}

std::vector<Error> check_text_drawing(const content::Manifest& m, FontChain& fonts) {
  return run_checks(m, {}, fonts, false);
}

}  // namespace gatecast::player
