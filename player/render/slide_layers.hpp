#pragma once
// The renderer's per-slide cache: a slide's unchanging part (backgrounds, pictures, stacked
// text) composed once into a viewport-sized base, plus the list of its moving items to draw
// on it per frame; and the decoded-picture cache's budget, sized to the playlist playing. A
// few layers are kept: the slide on screen, the one fading out, the next one.
#include <SDL2/SDL.h>

#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "player/images/image_cache.hpp"
#include "player/render/frame_request.hpp"
#include "player/render/geometry.hpp"
#include "player/render/item_painter.hpp"

namespace gatecast::player {

// An item whose picture changes with time (ticker, clock, cycling text), where it sits.
struct DynamicItem {
  const content::Item* item;
  SDL_Rect rect;  // relative to the viewport
};

// A slide's unchanging part at one viewport size, plus what must be drawn on it per frame.
struct SlideLayer {
  std::shared_ptr<const RenderPackage> package;  // kept alive: `dynamic` points into it
  std::string playlist;
  std::size_t index = 0;
  int width = 0, height = 0;
  SharedSurface base;  // drawn once, never written after; may be a cached picture itself
  // A slide of moving items alone on its layout's colour (a fullscreen video) has no base
  // surface: the frame fills what its items leave uncovered with this colour (ARGB).
  std::optional<std::uint32_t> plain;
  std::vector<DynamicItem> dynamic;
  std::vector<std::string> problems;  // images of the slide that did not decode ("asset 'x': ...")
  // Live timing: pictures not decoded yet when the base was composed (their regions show
  // their backgrounds); the base is composed again once one of them is ready.
  std::vector<PendingPicture> pending;
  std::optional<Instant> pending_since;  // the first frame drawn without them (FrameRenderer's)
  double scale = 1.0;
  std::uint64_t last_used = 0;
};

// The layout a slide names; null when the package has no such layout.
[[nodiscard]] const content::Layout* layout_of(const RenderPackage& package, const content::Slide& slide);

class SlideLayers {
 public:
  // Both must outlive this. Render thread.
  SlideLayers(ItemPainter& painter, ImageCache& images) : painter_(painter), images_(images) {}

  // The layer of `slide` at a viewport of vw x vh, composed now when not cached (its pictures
  // decoded on this thread if no one has, or with live timing left pending), and composed
  // again when a pending picture has become ready; null when the slide or its layout does not
  // resolve or its base cannot be allocated. Valid until the next layer_for() or forget().
  [[nodiscard]] SlideLayer* layer_for(const SlideRef& slide, int vw, int vh);

  // Why `slide`'s pictures cannot be shown in `viewport` ("asset 'x': the image does not
  // decode: ...", "asset 'x': no file for this image"), the first problem per picture; empty
  // when all decode. Decodes on this thread what no one has yet (it stays cached): the same
  // cache lookups layer_for() makes, so the same verdict. Render thread.
  [[nodiscard]] std::vector<std::string> picture_problems(const SlideRef& slide, const SDL_Rect& viewport);

  // Queues the decoding of `slide`'s pictures on the image worker, and sizes the picture cache
  // to its playlist: the whole loop when it fits the cache's budget, else three screenfuls.
  void prefetch(const SlideRef& slide, const SDL_Rect& viewport);

  // Drops every layer and picture (a package was swapped out).
  void forget();

 private:
  void compose_base(SlideLayer& layer, const content::Slide& slide, const content::Layout& layout);
  // The colour of a slide that is only moving items on its layout's background (no region
  // backgrounds, nothing static); nullopt for any other slide.
  [[nodiscard]] static std::optional<std::uint32_t> plain_colour(const content::Slide& slide,
                                                                 const content::Layout& layout);
  // True when a picture `layer` went without is in the cache now.
  [[nodiscard]] bool pending_ready(const SlideLayer& layer);
  // The picture that alone makes up the slide's base, or null when the base must be painted.
  SharedSurface sole_picture(SlideLayer& layer, const content::Slide& slide, const content::Layout& layout,
                             const CanvasMapping& mapping);
  void size_image_cache(const SlideRef& slide, const SDL_Rect& viewport);

  struct CacheSizedFor {
    const RenderPackage* package = nullptr;
    std::string playlist;
    int width = 0, height = 0;
    bool operator==(const CacheSizedFor&) const = default;
  };

  ItemPainter& painter_;
  ImageCache& images_;
  std::list<SlideLayer> layers_;  // a list: a layer's address stays valid while others come and go
  std::uint64_t use_counter_ = 0;
  CacheSizedFor cache_sized_for_;  // the playlist the picture cache's budget was last set for
};

}  // namespace gatecast::player
