#pragma once
// Where a line may end: ICU's line BreakIterator for the text's language (UAX #14 for every
// script, with the dictionary word boundaries of Khmer, Lao, Thai and Burmese, which write no
// spaces between words), tightened by the Chinese rules (no line starts with 。，、！？ and kin,
// none ends with （「『 and kin) and never between a letter and its combining marks.
#include <string_view>
#include <vector>

namespace gatecast::player::text {

enum class Break : char { none, allowed, mandatory };

// One entry per code point of `text`: may a line end right after it? The last entry is always
// `mandatory`. `language` (BCP 47, e.g. "km", "ja") picks ICU's tailoring; "" is the root
// locale. Any thread (each keeps its own break iterators).
[[nodiscard]] std::vector<Break> line_breaks(std::u32string_view text, std::string_view language = {});

}  // namespace gatecast::player::text
