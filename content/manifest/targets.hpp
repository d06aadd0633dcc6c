#pragma once
// Which screens a manifest is for. Screen ids are '/'-separated paths ("langson/huunghi/1").
// In a pattern, a segment "*" matches exactly one segment ("langson/*/1"), a final "/*"
// matches one or more remaining segments ("langson/huunghi/*"), and "*" alone matches every
// screen. Anything else compares literally; "*" inside a segment ("hu*") is not a wildcard
// and is refused by is_valid_target_pattern.
#include <string_view>

#include "content/manifest/manifest.hpp"

namespace gatecast::content {

// Screen ids: segments of [a-z0-9._-]{1,64}, 1 to 8 of them, separated by single '/'.
[[nodiscard]] bool is_valid_screen_id(std::string_view id);
// A screen id whose segments may also be "*" (see above).
[[nodiscard]] bool is_valid_target_pattern(std::string_view pattern);

// Pure; any thread.
[[nodiscard]] bool target_matches(std::string_view pattern, std::string_view screen_id);
// True when any of the manifest's targets matches `screen_id`.
[[nodiscard]] bool manifest_targets(const Manifest& manifest, std::string_view screen_id);

}  // namespace gatecast::content
