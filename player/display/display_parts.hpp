#pragma once
// Internals shared by the display implementations (display_*.cpp); not for other modules.
#include <memory>

#include "player/display/display.hpp"
#include "player/surface/sdl_ptr.hpp"

namespace gatecast::player {

// A w x h ARGB8888 surface, cleared to opaque black, blend mode none (copied as it is).
// Throws Error(runtime) when SDL cannot allocate it.
[[nodiscard]] SurfacePtr make_canvas(int w, int h);

[[nodiscard]] std::unique_ptr<Display> open_headless_display(const DisplayOptions& options);
[[nodiscard]] std::unique_ptr<Display> open_window_display(const DisplayOptions& options);

}  // namespace gatecast::player
