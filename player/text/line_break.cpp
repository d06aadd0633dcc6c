#include "player/text/line_break.hpp"

#include <linebreak.h>

#include <mutex>

#include "player/text/unicode.hpp"

namespace gatecast::player::text {

std::vector<Break> line_breaks(std::u32string_view text) {
  static std::once_flag once;
  std::call_once(once, [] { init_linebreak(); });

  std::vector<Break> out(text.size(), Break::none);
  if (text.empty()) return out;
  std::vector<utf32_t> cps(text.begin(), text.end());
  std::vector<char> brks(text.size());
  set_linebreaks_utf32(cps.data(), cps.size(), nullptr, brks.data());

  for (std::size_t i = 0; i < text.size(); ++i) {
    out[i] = brks[i] == LINEBREAK_MUSTBREAK    ? Break::mandatory
             : brks[i] == LINEBREAK_ALLOWBREAK ? Break::allowed
                                               : Break::none;
    if (out[i] != Break::allowed || i + 1 >= text.size()) continue;
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
