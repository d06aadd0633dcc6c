#pragma once
// What the player config says about reaching sources: transfer settings and where HTTP
// validators are kept. Kept beside the config, not in sources/, so that a source knows
// nothing of the player's config file.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "content/config/config.hpp"
#include "content/sources/source.hpp"

namespace gatecast::content {

// The channels the config's sources name, each once, in the config's order: the channels the
// screen composes, ties going to the first (docs/schedule.md, "Several channels").
[[nodiscard]] std::vector<std::string> configured_channels(const Config& config);

// The index in configured_channels() of the channel whose `screen` block lights, dims and
// darkens the screen: config.screen_channel, else 0 (the first).
[[nodiscard]] std::size_t screen_channel_index(const Config& config);

// The config's cap and CA file; defaults for the rest (timeouts, stall detection).
[[nodiscard]] HttpOptions http_options_for(const Config& config);

// Where HTTP sources keep their ETag / Last-Modified between polls: data_dir/http.
[[nodiscard]] std::filesystem::path http_state_dir(const Config& config);

// open_source (content/sources/open_source.hpp) with the config's transfer settings.
[[nodiscard]] std::unique_ptr<Source> open_source(const std::string& where, const Config& config);

}  // namespace gatecast::content
