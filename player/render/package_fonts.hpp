#pragma once
// The font chain's lifecycle for the renderer: the bundled fonts plus the font assets of the
// package drawn last, loaded when the first text is drawn (a screen of pictures never pays for
// them), rebuilt only when a package with font assets of its own comes or goes.
#include <filesystem>
#include <memory>

#include "player/render/frame_request.hpp"
#include "player/surface/log_once.hpp"
#include "player/text/text_renderer.hpp"

namespace gatecast::player {

class PackageFonts {
 public:
  // `font_dir`: the bundled fonts (GATECAST_FONT_DIR when empty).
  explicit PackageFonts(std::filesystem::path font_dir) : font_dir_(std::move(font_dir)) {}

  // The next text drawn is `package`'s (its font assets come first in the chain). Cheap: the
  // chain is built on the next text(). Render thread.
  void want(const std::shared_ptr<const RenderPackage>& package) { wanted_ = package; }

  // The text engine for the wanted package's fonts, loading them on first use; null when no
  // fonts could be loaded (logged once; text then draws nothing). Render thread.
  [[nodiscard]] TextRenderer* text();

  // A package was swapped out: a chain holding its font files is rebuilt on the next text; a
  // bundled-only chain is kept (loading the CJK fonts is not free).
  void forget_package();

 private:
  void load_for(const std::shared_ptr<const RenderPackage>& package);

  std::filesystem::path font_dir_;
  std::unique_ptr<FontChain> fonts_;
  std::unique_ptr<TextRenderer> text_;
  std::shared_ptr<const RenderPackage> loaded_for_;  // whose font assets the chain holds
  std::shared_ptr<const RenderPackage> wanted_;      // whose fonts the next text needs
  bool tried_ = false;
  LogOnce log_;
};

}  // namespace gatecast::player
