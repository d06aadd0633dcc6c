#include "content/store/installed_screen.hpp"

#include <utility>

#include "content/config/source_settings.hpp"

namespace gatecast::content {

std::vector<std::string> InstalledScreen::names() const {
  std::vector<std::string> out;
  for (const InstalledChannel& channel : channels) out.push_back(channel.name);
  return out;
}

bool InstalledScreen::anything_installed() const {
  for (const InstalledChannel& channel : channels) {
    if (channel.package) return true;
  }
  return false;
}

InstalledScreen load_installed_screen(const Config& config) {
  InstalledScreen screen;
  screen.screen_channel = screen_channel_index(config);
  for (const std::string& name : configured_channels(config)) {
    InstalledChannel channel;
    channel.name = name;
    try {
      channel.package = load_installed(config, name);
    } catch (const Error& e) {
      if (e.kind() == Outcome::usage) throw;
      channel.problem = e;
    }
    screen.channels.push_back(std::move(channel));
  }
  return screen;
}

scheduler::Composition compose_screen(const InstalledScreen& screen, const scheduler::TimeZone& zone) {
  std::vector<std::optional<scheduler::Timetable>> timetables;
  for (const InstalledChannel& channel : screen.channels) {
    if (channel.package) {
      timetables.emplace_back(std::in_place, channel.package->manifest.schedule,
                              channel.package->manifest.screen, zone);
    } else {
      timetables.emplace_back();
    }
  }
  return scheduler::Composition(std::move(timetables), screen.screen_channel, zone);
}

}  // namespace gatecast::content
