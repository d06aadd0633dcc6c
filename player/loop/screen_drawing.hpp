#pragma once
// Drawing the screen at an instant, the one way the loop and `gatecast render` both do it: the
// screen from screen_at(), drawn by a FrameDrawer; a slide the drawer cannot draw (a picture
// that does not decode, a throw) is benched in the package and the screen taken again; when
// no slide will draw, the idle screen; when even that fails, the fallback colour. Whether a
// slide can play is decided here (while drawing) and in LoadedPackage (its pictures' headers,
// at load): both bench through LoadedScreen::bench, so every caller sees the same slides.
#include <SDL2/SDL.h>

#include <utility>
#include <vector>

#include "player/loop/frame_drawer.hpp"
#include "player/loop/loaded_screen.hpp"
#include "player/loop/screen_at.hpp"
#include "player/surface/log_once.hpp"

namespace gatecast::player {

struct DrawnScreen {
  ScreenAt screen;                          // what the canvas shows (after any benching)
  Instant next_redraw;                      // when drawing again would give another picture
  std::vector<BenchedSlide> newly_benched;  // slides benched while drawing this frame
  bool idle_instead = false;                // the slide would not draw: the idle screen shows
  bool fallback = false;                    // not even the idle screen drew: the fallback colour
};

// The output `render` and `status` draw when not told a size: 1920x1080, grown to hold the
// configured viewport.
[[nodiscard]] std::pair<int, int> output_size_for(const content::Config& config);

// Draws the screen at `t` on `package` (null: the idle screen) into `canvas`, benching in
// `package` (the composed channels) the slides that fail. `before`: as for screen_at(); when not known
// (`render`, `status`: no history of the screen) every slide of the playlist at `t` is checked first
// (FrameDrawer::problems_of), as a loop playing since midnight has met and benched them. Problems go to
// `log`. Never throws for bad content; the canvas always shows something alive. Render/loop thread.
[[nodiscard]] DrawnScreen draw_screen(LoadedScreen* package, Instant t, ShownBefore before,
                                      FrameDrawer& drawer, SDL_Surface* canvas, LogOnce& log);

}  // namespace gatecast::player
