#include "player/loop/loaded_package.hpp"

#include <chrono>
#include <cstdio>

#include "content/base/error.hpp"
#include "player/images/image_probe.hpp"

namespace gatecast::player {

namespace {

// A playlist left without a playable slide holds its stretch with one long idle "slide";
// its length only matters for where the replay lands, never for what shows.
constexpr Duration idle_stretch = std::chrono::hours(24);

// Why a slide cannot play, checked without decoding; empty = it may play.
std::string slide_problem(const content::Slide& slide, const RenderPackage& package) {
  for (const auto& [region, item] : slide.content) {
    if (const auto* video = std::get_if<content::VideoItem>(&item)) {
      // Decoding is the video worker's (a stream that fails benches the slide at its first frame).
      if (!package.asset_files.count(video->asset)) return "video " + video->asset + ": not in the package";
      continue;
    }
    const auto* image = std::get_if<content::ImageItem>(&item);
    if (!image) continue;
    auto file = package.asset_files.find(image->asset);
    if (file == package.asset_files.end()) return "image " + image->asset + ": not in the package";
    std::string problem;
    std::optional<ImageHeader> header;
    try {
      header = probe_image_file(file->second, problem);
    } catch (const Error& e) {
      return "image " + image->asset + ": " + e.problem();
    }
    if (!header) return "image " + image->asset + ": " + problem;
    if (std::string over = check_image_limits(*header, ImageLimits{}); !over.empty()) {
      return "image " + image->asset + ": " + over;
    }
  }
  return {};
}

}  // namespace

namespace {

std::shared_ptr<RenderPackage> render_package_of(content::InstalledPackage& installed) {
  auto render = std::make_shared<RenderPackage>();
  for (const auto& [name, asset] : installed.manifest.assets) {
    render->asset_files[name] = installed.blob_dir / asset.sha256;
  }
  render->manifest = std::move(installed.manifest);
  return render;
}

}  // namespace

LoadedPackage::LoadedPackage(content::InstalledPackage installed, std::string channel,
                             scheduler::TimeZone zone)
    : LoadedPackage(render_package_of(installed), std::move(channel), installed.version, std::move(zone)) {}

LoadedPackage::LoadedPackage(std::shared_ptr<RenderPackage> render, std::string channel, std::int64_t version,
                             scheduler::TimeZone zone)
    : channel_(std::move(channel)), version_(version) {
  const content::Manifest& m = render->manifest;
  timetable_ = std::make_unique<scheduler::Timetable>(m.schedule, m.screen, std::move(zone));
  for (const auto& [name, playlist] : m.playlists) {
    for (std::size_t i = 0; i < playlist.slides.size(); ++i) {
      if (std::string problem = slide_problem(playlist.slides[i], *render); !problem.empty()) {
        benched_.emplace(std::make_pair(name, i), problem);
        std::fprintf(stderr, "gatecast: %s version %lld: playlist %s slide %zu is skipped: %s\n",
                     channel_.c_str(), static_cast<long long>(version_), name.c_str(), i + 1,
                     problem.c_str());
      }
    }
  }
  render_ = std::move(render);
  rebuild_playable();
}

void LoadedPackage::rebuild_playable() {
  durations_.clear();
  playable_.clear();
  for (const auto& [name, playlist] : render_->manifest.playlists) {
    std::vector<std::size_t>& indices = playable_[name];
    std::vector<Duration>& lengths = durations_[name];
    for (std::size_t i = 0; i < playlist.slides.size(); ++i) {
      if (benched_.count({name, i})) continue;
      indices.push_back(i);
      lengths.push_back(playlist.slides[i].duration);
    }
    if (lengths.empty()) lengths.push_back(idle_stretch);
  }
}

std::optional<std::size_t> LoadedPackage::manifest_slide(const std::string& playlist,
                                                         std::size_t playable) const {
  const auto found = playable_.find(playlist);
  if (found == playable_.end() || playable >= found->second.size()) return std::nullopt;
  return found->second[playable];
}

bool LoadedPackage::bench(const std::string& playlist, std::size_t slide, const std::string& problem) {
  if (!benched_.emplace(std::make_pair(playlist, slide), problem).second) return false;
  std::fprintf(stderr, "gatecast: %s version %lld: playlist %s slide %zu is skipped: %s\n", channel_.c_str(),
               static_cast<long long>(version_), playlist.c_str(), slide + 1, problem.c_str());
  rebuild_playable();
  return true;
}

bool LoadedPackage::benched(const std::string& playlist, std::size_t slide) const {
  return benched_.count({playlist, slide}) != 0;
}

std::vector<BenchedSlide> LoadedPackage::benched_slides() const {
  std::vector<BenchedSlide> out;
  for (const auto& [where, reason] : benched_)
    out.push_back(BenchedSlide{channel_, version_, where.first, where.second, reason});
  return out;
}

void LoadedPackage::describe_slide(const std::string& playlist, std::size_t slide,
                                   content::PlayRecord& record) const {
  record.assets.clear();
  record.titles.clear();
  record.slide_title.clear();
  const content::Manifest& manifest = render_->manifest;
  const auto found = manifest.playlists.find(playlist);
  if (found == manifest.playlists.end() || slide >= found->second.slides.size()) return;
  const content::Slide& s = found->second.slides[slide];
  for (const auto& [region, item] : s.content) {
    if (const auto* image = std::get_if<content::ImageItem>(&item)) record.assets.push_back(image->asset);
    if (const auto* video = std::get_if<content::VideoItem>(&item)) record.assets.push_back(video->asset);
  }
  if (record.assets.empty()) {
    record.slide_title = s.title;
    return;
  }
  for (const std::string& asset : record.assets) {
    const auto it = manifest.assets.find(asset);
    const content::Title& own = it != manifest.assets.end() ? it->second.title : content::Title{};
    if (!own.empty()) {
      record.titles.emplace(asset, own);
    } else if (!s.title.empty()) {
      record.titles.emplace(asset, s.title);
    }
  }
}

}  // namespace gatecast::player
