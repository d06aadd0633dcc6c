#pragma once
// The player's config file (docs/config.md) read strictly into content::Config. Problems are
// Error(Outcome::usage) naming the file and the key ("player.json: sources[0].channel: is
// missing"); unknown keys are refused.
#include <filesystem>
#include <string_view>

#include "content/config/config.hpp"

namespace gatecast::content {

// Reads (at most 1 MiB) and parses `file`, and loads its time zone as the player will. A
// missing or unreadable file, or a zone that does not load, is Error(usage).
[[nodiscard]] Config load_config(const std::filesystem::path& file);
// Parses `raw`; `file` is recorded in Config::file and named in messages.
[[nodiscard]] Config parse_config(std::string_view raw, const std::filesystem::path& file);

}  // namespace gatecast::content
