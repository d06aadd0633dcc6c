#include "content/config/source_settings.hpp"

#include <algorithm>

#include "content/sources/open_source.hpp"

namespace gatecast::content {

std::vector<std::string> configured_channels(const Config& config) {
  std::vector<std::string> channels;
  for (const auto& source : config.sources) {
    if (std::find(channels.begin(), channels.end(), source.channel) == channels.end()) {
      channels.push_back(source.channel);
    }
  }
  return channels;
}

std::size_t screen_channel_index(const Config& config) {
  const std::vector<std::string> channels = configured_channels(config);
  const auto it = std::find(channels.begin(), channels.end(), config.screen_channel);
  return it == channels.end() ? 0 : static_cast<std::size_t>(it - channels.begin());
}

HttpOptions http_options_for(const Config& config) {
  HttpOptions o;
  o.max_bytes_per_second = config.max_bytes_per_second;
  o.ca_file = config.ca_file;
  return o;
}

std::filesystem::path http_state_dir(const Config& config) {
  return config.data_dir / "http";
}

std::unique_ptr<Source> open_source(const std::string& where, const Config& config) {
  return open_source(where, http_state_dir(config), http_options_for(config));
}

}  // namespace gatecast::content
