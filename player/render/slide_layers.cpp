#include "player/render/slide_layers.hpp"

#include <algorithm>
#include <set>

#include "player/surface/surface_ops.hpp"

namespace gatecast::player {
namespace {

constexpr std::size_t max_layers = 3;

// Calls visit(image, rect) for each image item of `slide` placed in a region of `layout`, with
// the region's rect on this output. The one walk over a slide's pictures, shared by the
// prefetch and the cache's budget.
template <typename Visit>
void for_each_image_region(const content::Slide& slide, const content::Layout& layout,
                           const SDL_Rect& viewport, Visit visit) {
  const CanvasMapping mapping = map_canvas(layout.width, layout.height, viewport.w, viewport.h);
  for (const auto& [region_name, item] : slide.content) {
    const auto* image = std::get_if<content::ImageItem>(&item);
    auto region = layout.regions.find(region_name);
    if (!image || region == layout.regions.end()) continue;
    visit(*image, mapping.map(region->second.rect));
  }
}

// Regions drawn largest first, so that a full-bleed picture lies under the captions and
// badges placed on it; equal areas in name order.
std::vector<const std::pair<const std::string, content::Region>*> regions_in_paint_order(
    const content::Layout& l) {
  std::vector<const std::pair<const std::string, content::Region>*> order;
  for (const auto& entry : l.regions) order.push_back(&entry);
  std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
    return std::int64_t{a->second.rect.w} * a->second.rect.h >
           std::int64_t{b->second.rect.w} * b->second.rect.h;
  });
  return order;
}

}  // namespace

const content::Layout* layout_of(const RenderPackage& package, const content::Slide& slide) {
  auto it = package.manifest.layouts.find(slide.layout);
  return it == package.manifest.layouts.end() ? nullptr : &it->second;
}

SlideLayer* SlideLayers::layer_for(const SlideRef& ref, int vw, int vh) {
  const content::Slide* slide = ref.find_slide();
  if (!slide) return nullptr;
  const content::Layout* layout = layout_of(*ref.package, *slide);
  if (!layout) return nullptr;
  for (SlideLayer& l : layers_) {
    if (l.package == ref.package && l.playlist == ref.playlist && l.index == ref.index && l.width == vw &&
        l.height == vh) {
      if (pending_ready(l)) {
        // Composed again in place (callers may hold the other layer of a transition).
        l.base.reset();
        l.plain.reset();
        l.dynamic.clear();
        l.problems.clear();
        compose_base(l, *slide, *layout);
        if (l.pending.empty()) l.pending_since.reset();
        if (!l.base && !l.plain) {
          layers_.remove_if([&l](const SlideLayer& x) { return &x == &l; });
          return nullptr;
        }
      }
      l.last_used = ++use_counter_;
      return &l;
    }
  }
  if (layers_.size() >= max_layers) {
    // The least recently used goes; the layer used last (the other half of a transition) stays.
    auto oldest =
        std::min_element(layers_.begin(), layers_.end(),
                         [](const SlideLayer& a, const SlideLayer& b) { return a.last_used < b.last_used; });
    layers_.erase(oldest);
  }
  SlideLayer layer;
  layer.package = ref.package;
  layer.playlist = ref.playlist;
  layer.index = ref.index;
  layer.width = vw;
  layer.height = vh;
  compose_base(layer, *slide, *layout);
  if (!layer.base && !layer.plain) return nullptr;
  layer.last_used = ++use_counter_;
  layers_.push_back(std::move(layer));
  return &layers_.back();
}

SharedSurface SlideLayers::sole_picture(SlideLayer& layer, const content::Slide& slide,
                                        const content::Layout& layout, const CanvasMapping& mapping) {
  const SDL_Rect whole{0, 0, layer.width, layer.height};
  const content::ImageItem* picture = nullptr;
  for (const auto& [name, region] : layout.regions) {
    const SDL_Rect rect = mapping.map(region.rect);
    auto item = slide.content.find(name);
    const bool has_static = item != slide.content.end() && !is_dynamic(item->second);
    const auto* image = has_static ? std::get_if<content::ImageItem>(&item->second) : nullptr;
    if (image && !picture && SDL_RectEquals(&rect, &whole)) {
      picture = image;  // its own region's background lies under it
    } else if (has_static || region.background) {
      return nullptr;  // something else is painted, maybe over the picture
    }
  }
  if (!picture) return nullptr;
  const std::optional<ImageKey> key = ItemPainter::image_key(*picture, whole, layer.package.get());
  if (!key) return nullptr;
  const std::optional<ImageResult> ready = painter_.picture(*key);
  if (!ready) return nullptr;  // painted below, where the painter notes it as pending
  const ImageResult& decoded = *ready;
  if (!decoded.surface || !decoded.opaque || decoded.surface->w != whole.w || decoded.surface->h != whole.h)
    return nullptr;
  return decoded.surface;
}

std::optional<std::uint32_t> SlideLayers::plain_colour(const content::Slide& slide,
                                                       const content::Layout& layout) {
  bool moving = false;
  for (const auto& [name, region] : layout.regions) {
    if (region.background) return std::nullopt;
    auto item = slide.content.find(name);
    if (item == slide.content.end()) continue;
    if (!is_dynamic(item->second)) return std::nullopt;
    moving = true;
  }
  if (!moving) return std::nullopt;
  // The colour compose_base() would fill: the layout's, over black when it has alpha.
  SurfacePtr pixel = make_argb_surface(1, 1);
  if (!pixel) return std::nullopt;
  fill(pixel.get(), nullptr, content::Color{0, 0, 0, 255});
  fill(pixel.get(), nullptr, layout.background);
  return *pixel_row(pixel.get(), 0);
}

bool SlideLayers::pending_ready(const SlideLayer& layer) {
  return std::any_of(layer.pending.begin(), layer.pending.end(),
                     [this](const PendingPicture& p) { return images_.find(p.key).has_value(); });
}

void SlideLayers::compose_base(SlideLayer& layer, const content::Slide& slide,
                               const content::Layout& layout) {
  (void)painter_.take_pending();
  layer.pending.clear();
  const CanvasMapping mapping = map_canvas(layout.width, layout.height, layer.width, layer.height);
  layer.scale = mapping.scale;
  // A slide that is one opaque picture over the whole viewport (plus moving items) has that
  // picture as its base, shared with the image cache: no screen-sized copy per slide change.
  if (SharedSurface picture = sole_picture(layer, slide, layout, mapping)) {
    layer.base = std::move(picture);
    for (const auto* region : regions_in_paint_order(layout)) {
      auto item = slide.content.find(region->first);
      if (item != slide.content.end() && is_dynamic(item->second))
        layer.dynamic.push_back(DynamicItem{&item->second, mapping.map(region->second.rect)});
    }
    return;
  }
  if (std::optional<std::uint32_t> colour = plain_colour(slide, layout)) {
    layer.plain = colour;
    for (const auto* region : regions_in_paint_order(layout)) {
      auto item = slide.content.find(region->first);
      if (item != slide.content.end())
        layer.dynamic.push_back(DynamicItem{&item->second, mapping.map(region->second.rect)});
    }
    return;
  }
  layer.base = share(make_argb_surface(layer.width, layer.height));
  if (!layer.base) return;
  fill(layer.base.get(), nullptr, content::Color{0, 0, 0, 255});
  fill(layer.base.get(), nullptr, layout.background);  // letterbox bars take the layout's colour
  const ItemTime when{Instant{}, Instant{}, slide.duration, mapping.scale};
  // Only the static items are painted now; they do not depend on the instant.
  const RenderPackage* package = layer.package.get();
  for (const auto* region : regions_in_paint_order(layout)) {
    const SDL_Rect rect = mapping.map(region->second.rect);
    if (region->second.background) fill(layer.base.get(), &rect, *region->second.background);
    auto item = slide.content.find(region->first);
    if (item == slide.content.end()) continue;
    if (is_dynamic(item->second)) {
      layer.dynamic.push_back(DynamicItem{&item->second, rect});
    } else {
      std::string problem = painter_.paint(item->second, rect, layer.base.get(), when, package);
      if (!problem.empty()) layer.problems.push_back(std::move(problem));
    }
  }
  layer.pending = painter_.take_pending();
}

std::vector<std::string> SlideLayers::picture_problems(const SlideRef& ref, const SDL_Rect& v) {
  std::vector<std::string> problems;
  const content::Slide* slide = ref.find_slide();
  const content::Layout* layout = slide ? layout_of(*ref.package, *slide) : nullptr;
  if (!layout) return problems;
  for_each_image_region(*slide, *layout, v, [&](const content::ImageItem& image, const SDL_Rect& rect) {
    if (rect.w <= 0 || rect.h <= 0) return;
    const std::optional<ImageKey> key = ItemPainter::image_key(image, rect, ref.package.get());
    if (!key) {
      problems.push_back("asset '" + image.asset + "': no file for this image");
      return;
    }
    ImageResult picture = images_.get(*key);
    if (!picture.surface) problems.push_back("asset '" + image.asset + "': " + picture.problem);
  });
  return problems;
}

void SlideLayers::forget() {
  cache_sized_for_ = {};
  layers_.clear();
  images_.clear();
}

void SlideLayers::size_image_cache(const SlideRef& ref, const SDL_Rect& v) {
  const content::Playlist* playlist = ref.find_playlist();
  if (!playlist) return;
  CacheSizedFor sized{ref.package.get(), ref.playlist, v.w, v.h};
  if (sized == cache_sized_for_) return;
  cache_sized_for_ = sized;
  std::set<ImageKey> pictures;
  std::size_t loop_bytes = 0;
  for (const content::Slide& slide : playlist->slides) {
    const content::Layout* layout = layout_of(*ref.package, slide);
    if (!layout) continue;
    for_each_image_region(slide, *layout, v, [&](const content::ImageItem& image, const SDL_Rect& rect) {
      const std::optional<ImageKey> key = ItemPainter::image_key(image, rect, ref.package.get());
      if (key && pictures.insert(*key).second) loop_bytes += std::size_t(rect.w) * std::size_t(rect.h) * 4;
    });
  }
  // The whole loop stays decoded when it fits; otherwise only about what the slides on screen,
  // next and fading out need (three screenfuls), since LRU over a longer loop never hits.
  const std::size_t screenful = std::size_t(v.w) * std::size_t(v.h) * 4;
  images_.set_budget(loop_bytes <= images_.max_budget() ? images_.max_budget() : 3 * screenful);
}

void SlideLayers::prefetch(const SlideRef& ref, const SDL_Rect& v) {
  const content::Slide* slide = ref.find_slide();
  const content::Layout* layout = slide ? layout_of(*ref.package, *slide) : nullptr;
  if (!layout) return;
  size_image_cache(ref, v);
  for_each_image_region(*slide, *layout, v, [&](const content::ImageItem& image, const SDL_Rect& rect) {
    if (auto key = ItemPainter::image_key(image, rect, ref.package.get())) images_.prefetch(*key);
  });
}

}  // namespace gatecast::player
