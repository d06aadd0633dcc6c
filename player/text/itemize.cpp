#include "player/text/itemize.hpp"

#include <hb.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "player/text/unicode.hpp"

namespace gatecast::player::text {
namespace {

bool is_mark_or_joiner(char32_t cp) {
  const auto type = u_charType(static_cast<UChar32>(cp));
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK ||
         cp == 0x200C || cp == 0x200D || is_attached_mark(cp);
}

bool is_real(std::uint32_t script) {
  return script != HB_SCRIPT_COMMON && script != HB_SCRIPT_INHERITED && script != HB_SCRIPT_UNKNOWN;
}

}  // namespace

const std::string& Paragraph::language_at(std::size_t i) const {
  static const std::string unknown;
  const std::string* found = &unknown;
  for (const LanguageSpan& span : languages) {
    if (span.begin > i) break;
    found = &span.language;
  }
  return *found;
}

std::uint32_t script_of(char32_t cp) {
  UErrorCode error = U_ZERO_ERROR;
  const UScriptCode code = uscript_getScript(static_cast<UChar32>(cp), &error);
  if (U_FAILURE(error)) return HB_SCRIPT_UNKNOWN;
  if (code == USCRIPT_COMMON) return HB_SCRIPT_COMMON;
  if (code == USCRIPT_INHERITED) return HB_SCRIPT_INHERITED;
  return hb_script_from_string(uscript_getShortName(code), -1);
}

std::vector<std::uint32_t> resolved_scripts(std::u32string_view text) {
  std::vector<std::uint32_t> scripts(text.size(), HB_SCRIPT_COMMON);
  std::uint32_t previous = HB_SCRIPT_COMMON;
  std::size_t first_real = text.size();
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::uint32_t s = script_of(text[i]);
    if (!is_real(s)) s = previous;
    if (is_real(s) && first_real == text.size()) first_real = i;
    scripts[i] = s;
    previous = s;
  }
  const std::uint32_t leading =
      first_real < text.size() ? scripts[first_real] : std::uint32_t{HB_SCRIPT_LATIN};
  for (std::size_t i = 0; i < first_real; ++i) scripts[i] = leading;
  return scripts;
}

std::vector<TextRun> itemize(const Paragraph& p, const FontChain& fonts) {
  std::vector<TextRun> runs;
  const std::u32string& text = p.text;
  const std::vector<std::uint32_t> scripts = resolved_scripts(text);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char32_t cp = text[i];
    const std::string& language = p.language_at(i);
    TextRun* current = runs.empty() ? nullptr : &runs.back();
    // Marks, spaces and other Common characters (digits, punctuation) stay with what comes
    // before when its font has them: a mark drawn by another font would lose its base, a space
    // would cut a phrase into two shapings, and a Chinese or Khmer comma belongs in the face of
    // the words around it.
    const bool attached = current && current->end == i &&
                          (is_mark_or_joiner(cp) || is_space(cp) || script_of(cp) == HB_SCRIPT_COMMON) &&
                          current->language == language && fonts.has_glyph(current->font, cp);
    if (attached) {
      current->end = i + 1;
      continue;
    }
    const int font = fonts.font_for(cp, language);
    if (font < 0) continue;  // prepare_text removed these; never draw a box
    if (current && current->end == i && current->font == font && current->script == scripts[i] &&
        current->language == language) {
      current->end = i + 1;
      continue;
    }
    runs.push_back(TextRun{i, i + 1, font, scripts[i], language});
  }
  // Digits or punctuation that open the text, "(공지)" or "2026年", belong in the face of the
  // words after them, as they would after those words.
  if (runs.size() >= 2) {
    const TextRun& first = runs[0];
    TextRun& next = runs[1];
    bool common = first.end == next.begin && first.script == next.script && first.language == next.language;
    for (std::size_t i = first.begin; common && i < first.end; ++i) {
      common = script_of(text[i]) == HB_SCRIPT_COMMON && fonts.has_glyph(next.font, text[i]);
    }
    if (common) {
      next.begin = first.begin;
      runs.erase(runs.begin());
    }
  }
  return runs;
}

}  // namespace gatecast::player::text
