#pragma once
// What the renderer is asked to draw: one instant of the screen. The play loop, `gatecast
// render` and `gatecast preview` all fill a FrameRequest and hand it to FrameRenderer::draw,
// so the screen and the pictures come from one drawing path.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "content/manifest/manifest.hpp"
#include "content/media/hw_decoding.hpp"
#include "scheduler/time.hpp"
#include "scheduler/timezone.hpp"

namespace gatecast::player {

// A package as the renderer needs it: the manifest and where each asset's bytes are (the
// store's blob for an installed package, the authoring file for `preview`).
struct RenderPackage {
  content::Manifest manifest;
  std::map<std::string, std::filesystem::path> asset_files;  // asset name -> file
};

// One slide of one playlist of a package, and when it came on.
struct SlideRef {
  std::shared_ptr<const RenderPackage> package;
  std::string playlist;
  std::size_t index = 0;
  Instant start;  // when the slide came on; its transition runs from here

  // The referenced slide and playlist; null when the reference does not resolve.
  [[nodiscard]] const content::Playlist* find_playlist() const;
  [[nodiscard]] const content::Slide* find_slide() const;
};

struct FrameRequest {
  Instant now;
  std::optional<SlideRef> slide;     // none = the idle screen
  std::optional<SlideRef> previous;  // what `slide`'s transition comes from; none = cut in
  double brightness = 1.0;           // the schedule's screen level: 1 on, the dim level when dimmed
  bool screen_off = false;           // the schedule says off: the only time the frame is black
};

// What the renderer knows of the site, from its config.
struct RenderSettings {
  std::string site_name;                                 // the idle screen's title
  std::vector<std::string> languages{"vi", "zh", "en"};  // which texts show, in this order
  scheduler::TimeZone zone;                              // for clocks
  std::optional<content::Rect> viewport;                 // in output px; none = all of it
  content::HardwareDecoding decoding;                    // how videos are decoded
};

}  // namespace gatecast::player
