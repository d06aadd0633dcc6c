#pragma once
// Standard base64 (RFC 4648 alphabet, '=' padding) as minisign writes it.
#include <optional>
#include <string>
#include <string_view>

namespace gatecast::content {

[[nodiscard]] std::string base64_encode(std::string_view bytes);

// Strict decoding: only the standard alphabet, length a multiple of 4, padding only at the
// end, and unused bits zero (so each byte string has exactly one accepted encoding).
// std::nullopt for anything else.
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text);

}  // namespace gatecast::content
