#include "player/text/line_break.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>
#include <string>

#include "player/text/unicode.hpp"

namespace gatecast::player::text {
namespace {

// Making a line iterator loads rules and dictionaries (about a millisecond): one per locale and
// thread, kept.
icu::BreakIterator* line_iterator(std::string_view language) {
  thread_local std::map<std::string, std::unique_ptr<icu::BreakIterator>> iterators;
  std::string key(language);
  if (auto it = iterators.find(key); it != iterators.end()) return it->second.get();
  UErrorCode error = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> made(
      icu::BreakIterator::createLineInstance(icu::Locale::forLanguageTag(key, error), error));
  if (U_FAILURE(error) || !made) {
    error = U_ZERO_ERROR;
    made.reset(icu::BreakIterator::createLineInstance(icu::Locale::getRoot(), error));
  }
  if (U_FAILURE(error)) made.reset();
  return iterators.emplace(key, std::move(made)).first->second.get();
}

}  // namespace

std::vector<Break> line_breaks(std::u32string_view text, std::string_view language) {
  std::vector<Break> out(text.size(), Break::none);
  if (text.empty()) return out;
  // ICU works in UTF-16: remember which code point each UTF-16 unit belongs to.
  icu::UnicodeString utf16;
  std::vector<std::size_t> code_point_of;
  code_point_of.reserve(text.size() + 1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    utf16.append(static_cast<UChar32>(text[i]));
    while (code_point_of.size() < static_cast<std::size_t>(utf16.length())) code_point_of.push_back(i);
  }
  code_point_of.push_back(text.size());

  if (icu::BreakIterator* it = line_iterator(language)) {
    it->setText(utf16);
    for (std::int32_t at = it->next(); at != icu::BreakIterator::DONE; at = it->next()) {
      const std::size_t before = code_point_of[static_cast<std::size_t>(at)];  // a line may start here
      if (before == 0 || before > text.size()) continue;
      const std::int32_t status = it->getRuleStatus();
      out[before - 1] =
          status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT ? Break::mandatory : Break::allowed;
    }
  }
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (is_line_break(text[i])) out[i] = Break::mandatory;
    if (out[i] != Break::allowed) continue;
    // UAX #14 already keeps most of these; the Chinese rules are stricter (fullwidth colon and
    // semicolon, ellipsis, prolonged sound mark, small kana), so they are applied on top.
    if (is_no_line_end(text[i]) || is_no_line_start(text[i + 1]) || is_attached_mark(text[i + 1])) {
      out[i] = Break::none;
    }
  }
  out.back() = Break::mandatory;
  return out;
}

}  // namespace gatecast::player::text
