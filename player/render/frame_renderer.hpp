#pragma once
// The one drawing path of the screen: `gatecast play` (into the window's surface or a
// streaming texture), `gatecast render` and `gatecast preview` (into an offscreen surface) all
// call FrameRenderer::draw with a FrameRequest. A frame is a pure function of the request:
// the same request gives the same pixels whatever was drawn before.
//
// Per slide, everything that does not change with time (backgrounds, pictures, stacked text)
// is composed once into a cached viewport-sized base; a frame copies or blends bases and
// draws only the moving items (tickers, clocks, cycling text) and the overlays on top.
// Docs: docs/rendering.md.
#include <SDL2/SDL.h>

#include <list>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "player/images/image_cache.hpp"
#include "player/render/frame_request.hpp"
#include "player/render/geometry.hpp"
#include "player/render/item_painter.hpp"
#include "player/text/text_renderer.hpp"

namespace gatecast::player {

class FrameRenderer {
 public:
  // Text uses the bundled fonts (GATECAST_FONT_DIR, or `font_dir` when given), loaded when
  // the first text is drawn. When they cannot be loaded the problem is logged once and text
  // draws nothing; the screen still is never
  // black (the idle screen's colours, the slides' backgrounds and pictures). Render thread.
  FrameRenderer(RenderSettings settings, ImageCache& images, std::filesystem::path font_dir = {});
  ~FrameRenderer();
  FrameRenderer(const FrameRenderer&) = delete;
  FrameRenderer& operator=(const FrameRenderer&) = delete;

  // Draws the frame for `request` over all of `target` (any size; ARGB8888 or XRGB8888 are
  // drawn in place, other formats through one conversion blit):
  // black outside the viewport, the slide (or the idle screen) inside it, overlays, then the
  // dimming. Black inside the viewport only when request.screen_off. Pictures not decoded yet
  // are decoded here (prefetch() them to keep this fast). Render thread.
  void draw(const FrameRequest& request, SDL_Surface* target);

  // The next instant at which draw() would give a different picture for this request with
  // only `now` moved on: request.now itself while anything moves (ticker, transition),
  // otherwise the next clock minute, cycling-text switch, ...; Instant::max() when nothing
  // changes by itself. Slide ends and schedule changes are the caller's. Render thread.
  [[nodiscard]] Instant next_redraw(const FrameRequest& request, int output_w, int output_h);

  // Why `slide` cannot be shown on an output of this size (an image that is missing, corrupt
  // or over the limits: "asset 'gate-photo': the image does not decode: ..."), or empty when
  // it can. Decodes the slide's pictures on the calling thread if no one has (they stay
  // cached). The caller skips the slide and logs the problem. Render thread.
  [[nodiscard]] std::string slide_problem(const SlideRef& slide, int output_w, int output_h);

  // The problems the last draw() met that make its slide (or the previous slide of its
  // transition) unplayable: images that would not decode ("asset 'x': ..."). A broken overlay
  // is logged but not listed (it is not the slide's fault). Cleared by each draw().
  [[nodiscard]] const std::vector<std::string>& slide_problems() const { return problems_; }

  // Forgets the cached slide bases and the pictures (a package was swapped out).
  void forget_package();

  // Queues the decoding of `slide`'s pictures on the image worker (the next slide, ahead), and
  // sizes the picture cache to its playlist: the whole loop when it fits the cache's budget,
  // else three screenfuls.
  void prefetch(const SlideRef& slide, int output_w, int output_h);

  [[nodiscard]] const RenderSettings& settings() const { return settings_; }
  // The text engine with the fonts of the package drawn last (loaded on first use); null when
  // no fonts could be loaded. Render thread.
  [[nodiscard]] TextRenderer* text();

 private:
  struct DynamicItem {
    const content::Item* item;
    SDL_Rect rect;  // relative to the viewport
  };
  // A slide's unchanging part at one viewport size, plus what must be drawn on it per frame.
  struct Layer {
    std::shared_ptr<const RenderPackage> package;  // kept alive: `dynamic` points into it
    std::string playlist;
    std::size_t index = 0;
    int width = 0, height = 0;
    SharedSurface base;  // drawn once, never written after; may be a cached picture itself
    std::vector<DynamicItem> dynamic;
    std::vector<std::string> problems;  // images of the slide that did not decode
    double scale = 1.0;
    std::uint64_t last_used = 0;
  };

  void use_package_fonts(const std::shared_ptr<const RenderPackage>& package);
  Layer* layer_for(const SlideRef& slide, int vw, int vh);
  void compose_base(Layer& layer, const content::Slide& slide, const content::Layout& layout);
  // The picture that alone makes up the slide's base, or null when the base must be painted.
  SharedSurface sole_picture(Layer& layer, const content::Slide& slide, const content::Layout& layout,
                             const CanvasMapping& mapping);
  // The slide as it looks at `now`, viewport-sized: the base itself when nothing on it moves,
  // else `scratch` holding the base and the moving items.
  const SDL_Surface* composed(Layer& layer, const SlideRef& slide, Instant now, SurfacePtr& scratch);
  void paint_dynamic(Layer& layer, const SlideRef& slide, Instant now, SDL_Surface* dst, int dx, int dy);
  void draw_overlays(const SlideRef& slide, Instant now, SDL_Surface* target, const SDL_Rect& viewport);
  [[nodiscard]] double transition_progress(const FrameRequest& request) const;
  void size_image_cache(const SlideRef& slide, const SDL_Rect& viewport);
  struct CacheSizedFor {
    const RenderPackage* package = nullptr;
    std::string playlist;
    int width = 0, height = 0;
    bool operator==(const CacheSizedFor&) const = default;
  };

  RenderSettings settings_;
  ImageCache& images_;
  std::filesystem::path font_dir_;
  std::unique_ptr<FontChain> fonts_;
  std::unique_ptr<TextRenderer> text_;
  std::shared_ptr<const RenderPackage> fonts_package_;  // whose font assets the chain holds
  std::shared_ptr<const RenderPackage> wanted_fonts_;   // whose fonts the next text needs
  bool fonts_tried_ = false;
  std::unique_ptr<ItemPainter> painter_;
  std::list<Layer> layers_;  // a few: the current slide, the previous one, the next one
  std::uint64_t use_counter_ = 0;
  SurfacePtr scratch_a_, scratch_b_;
  SurfacePtr converted_;  // the frame, for a target that is not 32-bit (A)RGB
  std::set<std::string> logged_;
  std::vector<std::string> problems_;
  CacheSizedFor cache_sized_for_;  // the playlist the picture cache's budget was last set for
};

// The slides of `playlist` that can be shown on this output (slide_problem() is empty), in
// order; problems are logged once each. For the loop and `render`, which hand the scheduler
// the playable slides' durations so that a broken slide is skipped while the rest plays.
[[nodiscard]] std::vector<std::size_t> playable_slides(FrameRenderer& renderer,
                                                       const std::shared_ptr<const RenderPackage>& package,
                                                       const std::string& playlist, int output_w,
                                                       int output_h);

}  // namespace gatecast::player
