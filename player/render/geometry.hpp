#pragma once
// Where a layout's design canvas lands on the screen: scaled uniformly to fit the viewport
// (the part of the output an LED wall shows), centred, the rest of the viewport letterboxed.
// Pure; any thread.
#include <SDL2/SDL_rect.h>

#include "content/manifest/manifest.hpp"

namespace gatecast::player {

struct CanvasMapping {
  SDL_Rect content{0, 0, 0, 0};  // the canvas on the output, relative to the viewport's origin
  double scale = 1.0;            // output px per canvas px

  // A canvas rect in output px relative to the viewport; edges are rounded independently so
  // that adjacent regions stay adjacent (no gaps, no overlaps).
  [[nodiscard]] SDL_Rect map(const content::Rect& r) const;
};

// `viewport_w` x `viewport_h` > 0; a canvas side <= 0 is taken as 1.
[[nodiscard]] CanvasMapping map_canvas(int canvas_w, int canvas_h, int viewport_w, int viewport_h);

// The viewport in the output: `configured` clipped to the output, or the whole output.
[[nodiscard]] SDL_Rect viewport_in_output(const std::optional<content::Rect>& configured, int output_w,
                                          int output_h);

}  // namespace gatecast::player
