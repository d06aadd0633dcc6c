#pragma once
// NFC for Latin text: Vietnamese typed or pasted as base letters plus combining marks (NFD)
// becomes the precomposed letters, so that it is measured, cached and drawn exactly like NFC.
#include <string>
#include <string_view>

namespace gatecast::player::text {

// Canonical combining class of a mark in U+0300..U+036F; 0 for everything else.
[[nodiscard]] int combining_class(char32_t cp);

// The precomposed character for `base` + `mark`, or 0 when Unicode has none (in the Latin
// ranges U+00C0..U+024F and U+1E00..U+1EFF).
[[nodiscard]] char32_t compose_pair(char32_t base, char32_t mark);

// Reorders each run of combining marks canonically and composes what Unicode composes; text
// that is not Latin passes through unchanged. Pure; any thread.
[[nodiscard]] std::u32string compose_latin(std::u32string_view text);

}  // namespace gatecast::player::text
