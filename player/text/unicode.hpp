#pragma once
// The few Unicode facts the text engine needs: UTF-8 in and out, which characters attach to
// the one before them, which never reach a font, and the Chinese line-start/line-end rules.
#include <string>
#include <string_view>

namespace gatecast::player::text {

// Decodes UTF-8; each malformed byte becomes U+FFFD (content was validated as UTF-8 by the
// manifest parser, so this only guards against misuse). Pure; any thread.
[[nodiscard]] std::u32string decode_utf8(std::string_view bytes);

[[nodiscard]] std::string encode_utf8(std::u32string_view text);
void append_utf8(std::string& out, char32_t cp);

// "U+1EC7": for messages.
[[nodiscard]] std::string code_point_name(char32_t cp);

// Marks and joiners drawn with the character before them: they stay in its font run and are
// never separated from it by a line break.
[[nodiscard]] bool is_attached_mark(char32_t cp);

// Format characters and controls other than line breaks: never sent to a font (zero-width
// joiners, variation selectors, byte-order marks, C0/C1 controls).
[[nodiscard]] bool is_invisible(char32_t cp);

[[nodiscard]] bool is_line_break(char32_t cp);  // '\n', '\r', U+2028, U+2029
[[nodiscard]] bool is_space(char32_t cp);       // spaces that vanish at a line end

// Chinese kinsoku: characters a line may not start with (closing punctuation, full stops,
// commas, iteration marks, small kana, ellipses, %), and ones it may not end with (opening
// brackets and quotes).
[[nodiscard]] bool is_no_line_start(char32_t cp);
[[nodiscard]] bool is_no_line_end(char32_t cp);

}  // namespace gatecast::player::text
