#include "player/render/content_check.hpp"

#include <algorithm>
#include <set>

#include "content/manifest/manifest_json.hpp"
#include "content/manifest/media_type.hpp"
#include "player/images/image_decode.hpp"
#include "player/text/text_renderer.hpp"

namespace gatecast::player {
namespace {

void collect(const content::Item& item, std::set<std::string>& out) {
  if (const auto* text = std::get_if<content::TextItem>(&item)) {
    for (const auto& [lang, value] : text->text) out.insert(lang);
  }
  if (const auto* ticker = std::get_if<content::TickerItem>(&item)) {
    for (const auto& [lang, value] : ticker->text) out.insert(lang);
  }
}

}  // namespace

std::vector<std::string> languages_used(const content::Manifest& manifest) {
  std::set<std::string> found;
  for (const auto& [name, playlist] : manifest.playlists) {
    for (const auto& slide : playlist.slides) {
      for (const auto& [region, item] : slide.content) collect(item, found);
    }
    for (const auto& overlay : playlist.overlays) collect(overlay.item, found);
  }
  std::vector<std::string> ordered;
  for (const char* first : {"vi", "zh", "en"}) {
    if (found.erase(first)) ordered.emplace_back(first);
  }
  ordered.insert(ordered.end(), found.begin(), found.end());
  return ordered;
}

std::vector<Error> check_package_content(const content::Manifest& manifest,
                                         const std::map<std::string, std::filesystem::path>& asset_files) {
  std::vector<Error> problems;
  const content::ManifestLimits manifest_limits;
  const ImageLimits limits{manifest_limits.max_image_side, manifest_limits.max_image_pixels};
  for (const auto& [name, asset] : manifest.assets) {
    if (!content::is_image(asset.type)) continue;
    auto file = asset_files.find(name);
    if (file == asset_files.end()) {
      problems.emplace_back(Outcome::rejected, Reason::not_found, "asset '" + name + "'", "has no file");
      continue;
    }
    ImageResult decoded = decode_image(file->second, limits);
    // Named by its file, as the office knows it, and by its asset name, as the manifest does.
    if (!decoded.surface)
      problems.emplace_back(Outcome::rejected, Reason::unplayable,
                            file->second.string() + " (asset '" + name + "')", decoded.problem);
  }
  std::vector<std::filesystem::path> extra_fonts;
  for (const auto& name : manifest.fonts.fallback) {
    if (auto file = asset_files.find(name); file != asset_files.end()) extra_fonts.push_back(file->second);
  }
  FontChain fonts = FontChain::load(extra_fonts);
  std::vector<Error> text_problems = check_texts(manifest, languages_used(manifest), fonts);
  problems.insert(problems.end(), text_problems.begin(), text_problems.end());
  return problems;
}

}  // namespace gatecast::player
