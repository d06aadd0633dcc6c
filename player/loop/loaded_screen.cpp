#include "player/loop/loaded_screen.hpp"

#include <cstdio>
#include <utility>

#include "content/store/installed_screen.hpp"

namespace gatecast::player {

LoadedScreen::LoadedScreen(std::vector<std::shared_ptr<LoadedPackage>> packages,
                           std::vector<std::string> names, std::size_t screen_channel,
                           scheduler::TimeZone zone)
    : packages_(std::move(packages)),
      names_(std::move(names)),
      screen_channel_(screen_channel),
      zone_(std::move(zone)) {
  names_.resize(packages_.size());
  rebuild();
}

LoadedScreen::LoadedScreen(std::shared_ptr<LoadedPackage> package)
    : LoadedScreen({package}, {package ? package->channel() : std::string()}, 0,
                   package ? package->timetable().zone() : scheduler::TimeZone()) {}

void LoadedScreen::rebuild() {
  std::vector<std::optional<scheduler::Timetable>> timetables;
  std::vector<scheduler::SlideDurations> durations;
  for (const std::shared_ptr<LoadedPackage>& package : packages_) {
    timetables.emplace_back(package ? std::optional<scheduler::Timetable>(package->timetable())
                                    : std::nullopt);
    durations.push_back(package ? package->slide_durations() : scheduler::SlideDurations{});
  }
  playback_.reset();
  composition_ = std::make_unique<scheduler::Composition>(std::move(timetables), screen_channel_, zone_);
  playback_ = std::make_unique<scheduler::Playback>(*composition_, durations);
}

PackagePosition LoadedScreen::at(Instant t) const {
  const scheduler::SlidePosition p = playback_->at(t);
  PackagePosition out;
  out.state = p.state;
  out.slide_start = p.slide_start;
  out.slide_end = p.slide_end;
  const auto channel = static_cast<std::size_t>(p.state.channel);
  if (p.slide >= 0 && !p.state.playlist.empty() && p.state.channel >= 0 && channel < packages_.size() &&
      packages_[channel]) {
    out.slide = packages_[channel]->manifest_slide(p.state.playlist, static_cast<std::size_t>(p.slide));
  }
  return out;
}

std::optional<SlideRef> LoadedScreen::slide_ref(const PackagePosition& position) const {
  const auto channel = static_cast<std::size_t>(position.state.channel);
  if (!position.slide || position.state.channel < 0 || channel >= packages_.size() || !packages_[channel])
    return std::nullopt;
  SlideRef ref;
  ref.package = packages_[channel]->render_package();
  ref.playlist = position.state.playlist;
  ref.index = *position.slide;
  ref.start = position.slide_start;
  return ref;
}

std::optional<std::size_t> LoadedScreen::channel_of(
    const std::shared_ptr<const RenderPackage>& render) const {
  for (std::size_t i = 0; i < packages_.size(); ++i) {
    if (packages_[i] && packages_[i]->render_package() == render) return i;
  }
  return std::nullopt;
}

std::vector<std::int64_t> LoadedScreen::versions() const {
  std::vector<std::int64_t> out;
  for (const auto& package : packages_) out.push_back(package ? package->version() : 0);
  return out;
}

std::string LoadedScreen::describe_versions() const {
  std::string out;
  for (const auto& package : packages_) {
    if (!package) continue;
    if (!out.empty()) out += ", ";
    out += package->channel() + " version " + std::to_string(package->version());
  }
  return out;
}

bool LoadedScreen::bench(std::size_t channel, const std::string& playlist, std::size_t slide,
                         const std::string& problem) {
  if (channel >= packages_.size() || !packages_[channel]) return false;
  if (!packages_[channel]->bench(playlist, slide, problem)) return false;
  rebuild();
  return true;
}

std::vector<BenchedSlide> LoadedScreen::benched_slides() const {
  std::vector<BenchedSlide> out;
  for (const auto& package : packages_) {
    if (!package) continue;
    for (BenchedSlide& slide : package->benched_slides()) out.push_back(std::move(slide));
  }
  return out;
}

std::unique_ptr<LoadedScreen> load_active_screen(const content::Config& config,
                                                 const scheduler::TimeZone& zone) {
  content::InstalledScreen installed = content::load_installed_screen(config);
  if (!installed.anything_installed()) {
    for (const content::InstalledChannel& channel : installed.channels) {
      if (channel.problem) throw *channel.problem;
    }
    return nullptr;
  }
  std::vector<std::shared_ptr<LoadedPackage>> packages;
  for (content::InstalledChannel& channel : installed.channels) {
    if (channel.problem)
      std::fprintf(stderr, "gatecast: %s (the other channels play)\n", channel.problem->what());
    packages.push_back(channel.package
                           ? std::make_shared<LoadedPackage>(std::move(*channel.package), channel.name, zone)
                           : nullptr);
  }
  return std::make_unique<LoadedScreen>(std::move(packages), installed.names(), installed.screen_channel,
                                        zone);
}

}  // namespace gatecast::player
