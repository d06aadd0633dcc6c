#pragma once
// The loop's view of the renderer: draw one FrameRequest into the display's canvas and say
// when the picture next changes by itself (a clock's second, a ticker's step, a transition's
// next frame). The real drawer (frame_drawer.cpp) wraps FrameRenderer and paints the status
// banner on top; tests may put a recording drawer in its place.
#include <SDL2/SDL.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "content/config/config.hpp"
#include "player/images/image_cache.hpp"
#include "player/loop/status_banner.hpp"
#include "player/render/frame_request.hpp"
#include "player/video/video_frames.hpp"
#include "scheduler/timezone.hpp"

namespace gatecast::player {

class FrameDrawer {
 public:
  virtual ~FrameDrawer() = default;

  // Draws `request` into `canvas` (ARGB8888, the viewport's size). Returns the next instant
  // after request.now at which drawing again would give a different picture. Loop thread.
  // Throws (any exception) when the frame could not be drawn; the loop then falls back.
  [[nodiscard]] virtual Instant draw(const FrameRequest& request, SDL_Surface* canvas) = 0;

  // Paints the banner's lines (one per language) over the bottom of `canvas`. Loop thread.
  virtual void draw_banner(const StatusBanner& banner, SDL_Surface* canvas) = 0;

  // The problems the last draw() met that make the drawn slide unplayable (an image that
  // would not decode): the loop benches that slide. Cleared by each draw().
  [[nodiscard]] virtual std::vector<std::string> slide_problems() const { return {}; }

  // The problems that would make `slide` unplayable on `canvas`, found without drawing it (its
  // pictures decoded at their size on screen; same verdict as draw()'s). Loop thread.
  [[nodiscard]] virtual std::vector<std::string> problems_of(const SlideRef& slide, SDL_Surface* canvas) {
    (void)slide, (void)canvas;
    return {};
  }

  // A package was swapped out: caches that hold its pictures may be dropped.
  virtual void forget_package() {}

  // The slide that comes next: its pictures may be decoded ahead, off the loop thread.
  virtual void prefetch(const SlideRef& slide, SDL_Surface* canvas) { (void)slide, (void)canvas; }
};

// How the drawer's pictures are decoded, beyond its timing: `ready` is called on the image
// worker when a picture a live frame went without is done (the loop wakes to draw it);
// `decoder` replaces the real decoder (tests: one that is slow on purpose).
struct PictureHooks {
  std::function<void()> ready;
  ImageCache::Decoder decoder;
};

// What the renderer knows of the site from its config: the idle screen's title (site_name,
// else the screen id), the languages in order, the zone for clocks, and the viewport (the part
// of the output an LED wall shows). The one place a config becomes RenderSettings.
[[nodiscard]] RenderSettings render_settings_for(const content::Config& config,
                                                 const scheduler::TimeZone& zone);

// The renderer-backed drawer for `settings`, for a canvas of about `canvas_w` x `canvas_h`:
// the decoded-picture cache holds a few screenfuls (the slide on screen, the one fading out,
// the next ones decoded ahead), not the whole package. Videos and pictures are `exact` (each
// frame waits for its instant's picture: render, preview, status) unless `live` (the screen:
// the loop never waits on a decoder; a picture not decoded yet shows its region's background,
// and one not decoded within FrameRenderer::picture_wait_limit benches its slide). Loop thread.
[[nodiscard]] std::unique_ptr<FrameDrawer> make_frame_drawer(RenderSettings settings, int canvas_w = 1920,
                                                             int canvas_h = 1080,
                                                             VideoTiming timing = VideoTiming::exact,
                                                             PictureHooks hooks = {});

// The drawer of the player's own canvas for `config` in `zone`: as above, with no viewport
// (the display's canvas is the viewport already, display.hpp).
[[nodiscard]] std::unique_ptr<FrameDrawer> make_frame_drawer(const content::Config& config,
                                                             const scheduler::TimeZone& zone,
                                                             int canvas_w = 1920, int canvas_h = 1080,
                                                             VideoTiming timing = VideoTiming::exact,
                                                             PictureHooks hooks = {});

// Last resort when even the idle screen cannot be drawn: a dark blue canvas (a lit, visibly
// alive screen, never black).
void paint_fallback(SDL_Surface* canvas);

}  // namespace gatecast::player
