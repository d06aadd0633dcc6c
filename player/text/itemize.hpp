#pragma once
// The first steps of the text pipeline: a paragraph as code points with the language each stretch
// was written in, cut into runs of one script, one language and one font. Each run is what
// HarfBuzz shapes as a whole with its script and language set.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "player/text/font_chain.hpp"

namespace gatecast::player::text {

// Where a language starts in a paragraph's text (a ticker line joins several languages).
struct LanguageSpan {
  std::size_t begin = 0;
  std::string language;  // the key the text was written under: "vi", "km", "ja", ...; "" unknown
};

// Text ready for layout: NFC, without invisible or uncovered characters (see prepare_text).
struct Paragraph {
  std::u32string text;
  std::vector<LanguageSpan> languages;  // sorted by begin; empty: language unknown

  Paragraph() = default;
  Paragraph(std::u32string t, std::string language = {})
      : text(std::move(t)), languages{LanguageSpan{0, std::move(language)}} {}
  // The language of the code point at `i`.
  [[nodiscard]] const std::string& language_at(std::size_t i) const;
};

// A stretch drawn by one font, shaped with one script and language.
struct TextRun {
  std::size_t begin = 0, end = 0;  // code points of the paragraph
  int font = 0;                    // index in the FontChain
  std::uint32_t script = 0;        // hb_script_t (an ISO 15924 tag)
  std::string language;            // BCP 47, as written under
};

// The Unicode Script property of `cp` as HarfBuzz's script tag; Common and Inherited
// characters give HB_SCRIPT_COMMON / HB_SCRIPT_INHERITED. Pure; any thread.
[[nodiscard]] std::uint32_t script_of(char32_t cp);

// Each code point's script with Common and Inherited resolved as UAX #24 suggests: a mark or
// joiner takes its base's script, other Common characters (spaces, digits, punctuation) the
// script before them, or after them at the start; text that is all Common is Latin. Pure.
[[nodiscard]] std::vector<std::uint32_t> resolved_scripts(std::u32string_view text);

// The runs of `p`, in order, covering every code point. A run changes where the script, the
// language or the font changes; marks, joiners, spaces and other Common characters (digits,
// punctuation) stay in the run before them when its font has them, so that a syllable or a
// phrase is shaped whole in one face. Not thread-safe (the chain).
[[nodiscard]] std::vector<TextRun> itemize(const Paragraph& p, const FontChain& fonts);

}  // namespace gatecast::player::text
