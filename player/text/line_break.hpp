#pragma once
// Where a line may end: UAX #14 (libunibreak) for every script, tightened by the Chinese rules
// (no line starts with 。，、！？ and kin, none ends with （「『 and kin) and never between a
// letter and its combining marks.
#include <string_view>
#include <vector>

namespace gatecast::player::text {

enum class Break : char { none, allowed, mandatory };

// One entry per code point of `text`: may a line end right after it? The last entry is always
// `mandatory`. Pure; any thread.
[[nodiscard]] std::vector<Break> line_breaks(std::u32string_view text);

}  // namespace gatecast::player::text
