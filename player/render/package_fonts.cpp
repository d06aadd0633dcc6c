#include "player/render/package_fonts.hpp"

#include <vector>

#include "content/base/error.hpp"

namespace gatecast::player {

TextRenderer* PackageFonts::text() {
  load_for(wanted_);
  return text_.get();
}

void PackageFonts::load_for(const std::shared_ptr<const RenderPackage>& package) {
  if (tried_ && package == loaded_for_) return;
  // A package without font assets shares the bundled chain already loaded.
  const bool package_has_fonts = package && !package->manifest.fonts.fallback.empty();
  if (tried_ && !package_has_fonts && (!loaded_for_ || loaded_for_->manifest.fonts.fallback.empty())) {
    loaded_for_ = package;
    return;
  }
  std::vector<std::filesystem::path> extra;
  if (package_has_fonts) {
    for (const auto& name : package->manifest.fonts.fallback) {
      if (auto f = package->asset_files.find(name); f != package->asset_files.end())
        extra.push_back(f->second);
    }
  }
  tried_ = true;
  loaded_for_ = package;
  text_.reset();
  fonts_.reset();
  try {
    fonts_ = std::make_unique<FontChain>(FontChain::load(extra, font_dir_));
    text_ = std::make_unique<TextRenderer>(*fonts_);
  } catch (const Error& e) {
    log_(std::string("fonts: ") + e.what());
  }
}

void PackageFonts::forget_package() {
  if (loaded_for_ && !loaded_for_->manifest.fonts.fallback.empty()) tried_ = false;
  loaded_for_.reset();
  wanted_.reset();
}

}  // namespace gatecast::player
