#pragma once
// The one drawing path of the screen: `gatecast play` (into the window's surface or a
// streaming texture), `gatecast render` and `gatecast preview` (into an offscreen surface) all
// call FrameRenderer::draw with a FrameRequest. A frame is a pure function of the request:
// the same request gives the same pixels whatever was drawn before.
//
// Per slide, everything that does not change with time (backgrounds, pictures, stacked text)
// is composed once into a cached viewport-sized base (slide_layers.hpp); a frame copies or
// blends bases and draws only the moving items (tickers, clocks, cycling text) and the
// overlays on top. Fonts come from package_fonts.hpp, each item from item_painter.hpp.
// Docs: docs/rendering.md.
#include <SDL2/SDL.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "player/images/image_cache.hpp"
#include "player/render/frame_request.hpp"
#include "player/render/geometry.hpp"
#include "player/render/item_painter.hpp"
#include "player/render/package_fonts.hpp"
#include "player/render/slide_layers.hpp"
#include "player/surface/log_once.hpp"
#include "player/text/text_renderer.hpp"

namespace gatecast::player {

class FrameRenderer {
 public:
  // With live timing, how long a slide may show its regions' backgrounds for a picture the
  // image worker has not finished: past this the slide is benched (slide_problems()) like one
  // whose picture does not decode. Twice the JPEG decoder's CPU budget (jpeg_decode.hpp), so
  // a picture that decodes within it on a busy two-core screen still makes it.
  static constexpr Duration picture_wait_limit = std::chrono::seconds(10);

  // Text uses the bundled fonts (GATECAST_FONT_DIR, or `font_dir` when given), loaded when
  // the first text is drawn. When they cannot be loaded the problem is logged once and text
  // draws nothing; the screen still is never
  // black (the idle screen's colours, the slides' backgrounds and pictures). Render thread.
  // Videos decode on workers of their own (player/video/); `timing` says whether a frame waits
  // for the very picture of its instant (exact) or takes the newest decoded (live). Pictures
  // likewise: exact decodes a missing one on this thread (render, preview, status); live
  // never waits (the play loop): the region shows its background until the image worker is
  // done, and `images`' ready callback should wake the caller to draw again.
  FrameRenderer(RenderSettings settings, ImageCache& images, std::filesystem::path font_dir = {},
                VideoTiming timing = VideoTiming::exact);
  ~FrameRenderer();
  FrameRenderer(const FrameRenderer&) = delete;
  FrameRenderer& operator=(const FrameRenderer&) = delete;

  // Draws the frame for `request` over all of `target` (any size; ARGB8888 or XRGB8888 are
  // drawn in place, other formats through one conversion blit):
  // black outside the viewport, the slide (or the idle screen) inside it, overlays, then the
  // dimming. Black inside the viewport only when request.screen_off. Pictures not decoded yet
  // are decoded here with exact timing (prefetch() them to keep this fast), left to the image
  // worker with live timing. Render thread.
  void draw(const FrameRequest& request, SDL_Surface* target);

  // The next instant at which draw() would give a different picture for this request with
  // only `now` moved on: request.now itself while anything moves (ticker, transition),
  // otherwise the next clock minute, cycling-text switch, the end of picture_wait_limit for a
  // picture still pending, ...; Instant::max() when nothing
  // changes by itself. Slide ends and schedule changes are the caller's. Render thread.
  [[nodiscard]] Instant next_redraw(const FrameRequest& request, int output_w, int output_h);

  // The problems the last draw() met that make its slide (or the previous slide of its
  // transition) unplayable: images that would not decode ("asset 'x': ..."), or that the image
  // worker has not decoded within picture_wait_limit (live timing). A broken overlay
  // is logged but not listed (it is not the slide's fault). Cleared by each draw().
  [[nodiscard]] const std::vector<std::string>& slide_problems() const { return problems_; }

  // The problems that would make `slide` unplayable on an output of this size, found without
  // drawing it: its pictures that do not decode (SlideLayers::picture_problems), its videos
  // that give no first picture. Render thread.
  [[nodiscard]] std::vector<std::string> picture_problems(const SlideRef& slide, int output_w, int output_h);

  // Forgets the cached slide bases and the pictures (a package was swapped out).
  void forget_package();

  // Queues the decoding of `slide`'s pictures on the image worker (the next slide, ahead), and
  // sizes the picture cache to its playlist: the whole loop when it fits the cache's budget,
  // else three screenfuls. Opens its videos, so that their first pictures are decoded before
  // the cut (gapless).
  void prefetch(const SlideRef& slide, int output_w, int output_h);

  [[nodiscard]] const RenderSettings& settings() const { return settings_; }
  [[nodiscard]] VideoFrames& videos() { return videos_; }
  // The text engine with the fonts of the package drawn last (loaded on first use); null when
  // no fonts could be loaded. Render thread.
  [[nodiscard]] TextRenderer* text();

 private:
  // draw() into an ARGB8888 or RGB888 target.
  void draw_argb(const FrameRequest& request, SDL_Surface* target);
  // Draws the layer's moving items; a video that shows nothing at all adds its problem to
  // problems_ (the slide is benched like one with a broken picture).
  void paint_dynamic(const SlideLayer& layer, const SlideRef& slide, Instant now, SDL_Surface* dst, int dx,
                     int dy);
  // Draws `layer` alone at (v.x, v.y) of `target`: its base (or, for a plain layer, its colour
  // everywhere its largest video picture does not cover: a fullscreen video is converted
  // straight into the target with nothing drawn under it), then the moving items.
  void draw_layer(const SlideLayer& layer, const SlideRef& slide, Instant now, SDL_Surface* target,
                  const SDL_Rect& v);
  // The slide as it looks at `now`, viewport-sized: the base itself when nothing on it moves,
  // else `scratch` holding the base and the moving items.
  const SDL_Surface* composed(const SlideLayer& layer, const SlideRef& slide, Instant now,
                              SurfacePtr& scratch);
  void draw_overlays(const SlideRef& slide, Instant now, SDL_Surface* target, const SDL_Rect& viewport);
  // Starts the wait of `layer`'s pending pictures at `now`, and lists in problems_ those
  // waited for longer than picture_wait_limit.
  void check_pending(SlideLayer& layer, Instant now);
  [[nodiscard]] double transition_progress(const FrameRequest& request) const;
  // draw() for a target in another layout of pixels (a 16-bit framebuffer, BGRA): drawn as
  // usual into an ARGB frame, then converted by one blit.
  void draw_converted(const FrameRequest& request, SDL_Surface* target);

  RenderSettings settings_;
  ImageCache& images_;
  VideoFrames videos_;
  PackageFonts fonts_;
  std::unique_ptr<ItemPainter> painter_;
  std::unique_ptr<SlideLayers> layers_;  // paints with painter_
  SurfacePtr scratch_a_, scratch_b_;
  SurfacePtr converted_;  // the frame, for a target that is not 32-bit (A)RGB
  LogOnce log_;
  std::vector<std::string> problems_;
};

}  // namespace gatecast::player
