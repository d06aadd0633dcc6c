#pragma once
// Where frames go. Every mode draws into the same software canvas (an ARGB8888 surface the
// size of the configured viewport), so the screen, the headless previews and `gatecast render`
// are the same pixels:
//   fullscreen  a borderless desktop-fullscreen window on the configured display; the canvas
//               is copied into the viewport rectangle (an LED wall often maps only part of the
//               HDMI frame), the rest stays black; cursor hidden, screensaver inhibited.
//   windowed    an ordinary resizable window, for desktops.
//   headless    no window and no video driver at all: the canvas is written as a PNG to a
//               folder every `preview_every` of loop time (latest.png, plus numbered frames).
#include <SDL2/SDL.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "content/config/config.hpp"
#include "content/manifest/manifest.hpp"
#include "player/display/wakeup.hpp"
#include "scheduler/time.hpp"

namespace gatecast::player {

enum class DisplayMode { fullscreen, windowed, headless };

struct DisplayOptions {
  DisplayMode mode = DisplayMode::fullscreen;
  std::string display;                    // SDL display index as text; "" = the first
  std::optional<content::Rect> viewport;  // in window pixels; none = the whole window
  int width = 1920, height = 1080;        // headless canvas (and windowed window) size without a viewport
  std::filesystem::path preview_dir;      // headless: where PNGs go (created)
  Duration preview_every{5000};           // headless: loop time between two PNGs
  int keep_previews = 20;                 // headless: numbered PNGs kept besides latest.png
  content::PowerOff power_off = content::PowerOff::automatic;  // window modes: how "screen off" is done
};

// What ended a wait, besides the Wakeup's own reasons.
struct DisplayEvents {
  bool quit = false;    // window closed, SIGINT/SIGTERM, Escape in windowed mode
  bool redraw = false;  // exposed or resized: the canvas must be drawn again
  bool woken = false;   // something happened before the timeout
};

class Display {
 public:
  virtual ~Display() = default;

  // The surface frames are drawn into (ARGB8888, viewport-sized). Loop thread. Valid until the
  // next wait(); it may be replaced after a resize (then wait() reported redraw).
  [[nodiscard]] virtual SDL_Surface* canvas() = 0;

  // Shows the canvas (window modes) or marks it as new (headless). Loop thread.
  virtual void present(Instant now) = 0;

  // Waits at most `max` (0: only looks) for window events or a wakeup. Loop thread.
  [[nodiscard]] virtual DisplayEvents wait(Duration max, Wakeup& wakeup) = 0;

  // Headless: writes a preview when one is due at `now`; the next instant one is due (the loop
  // wakes for it). Window modes: nullopt.
  virtual std::optional<Instant> write_due_preview(Instant now) {
    (void)now;
    return std::nullopt;
  }

  // Powers the output down while the schedule says "off" (on = false) and up again, where the
  // display can (player/display/output_power.hpp); the canvas shows black either way. While
  // powered down, present() shows nothing (a DRM page flip to a dark output would wait for a
  // vblank that never comes); powering up asks for a redraw. Loop thread.
  virtual void set_output_powered(bool on) { (void)on; }

  // One line for the log: what was opened and where.
  [[nodiscard]] virtual std::string describe() const = 0;
};

// Opens the display. Throws Error(runtime) when no window can be opened (no X, no KMS device)
// or the preview folder cannot be created; Error(usage) for a bad display index or viewport.
[[nodiscard]] std::unique_ptr<Display> open_display(const DisplayOptions& options);

// Writes `surface` as a PNG to `file` through a temporary name and a rename, so a reader never
// sees half a picture. Throws Error(runtime).
void write_png_atomically(SDL_Surface* surface, const std::filesystem::path& file);

}  // namespace gatecast::player
