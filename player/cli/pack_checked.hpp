#pragma once
// `pack` as the commands that write packages run it (`pack`, `notice`): content/publish's
// pack with the player's content check (fonts cover every character, every text fits, the
// pictures decode), every problem printed on its own line.
#include <cstdint>
#include <optional>
#include <string>

#include "content/publish/pack.hpp"

namespace gatecast::cli {

// The result, or none after printing every content problem ("gatecast: ..." lines): the
// caller exits with Outcome::rejected. Throws Error for the rest, as content::pack does.
[[nodiscard]] std::optional<content::PackResult> pack_checked(const content::PackOptions& options);

// --version: a whole number from 1 to 2^53, else Error(usage).
[[nodiscard]] std::int64_t parse_version(const std::string& text);

}  // namespace gatecast::cli
