#include "player/render/frame_renderer.hpp"

#include <algorithm>
#include <cstdio>

#include "player/render/idle_screen.hpp"
#include "player/surface/surface_ops.hpp"

namespace gatecast::player {
namespace {

// Calls visit(image, rect) for each image item of `slide` placed in a region of `layout`, with
// the region's rect on this output; stops at, and returns, the first problem visit reports.
// The one walk over a slide's pictures, shared by the check before showing and the prefetch.
template <typename Visit>
std::string for_each_image_region(const content::Slide& slide, const content::Layout& layout,
                                  const SDL_Rect& viewport, Visit visit) {
  const CanvasMapping mapping = map_canvas(layout.width, layout.height, viewport.w, viewport.h);
  for (const auto& [region_name, item] : slide.content) {
    const auto* image = std::get_if<content::ImageItem>(&item);
    auto region = layout.regions.find(region_name);
    if (!image || region == layout.regions.end()) continue;
    std::string problem = visit(*image, mapping.map(region->second.rect));
    if (!problem.empty()) return problem;
  }
  return {};
}

constexpr std::size_t max_layers = 3;

const content::Layout* layout_of(const RenderPackage& package, const content::Slide& slide) {
  auto it = package.manifest.layouts.find(slide.layout);
  return it == package.manifest.layouts.end() ? nullptr : &it->second;
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

// Black outside the viewport: the part of the output an LED wall does not show.
void clear_outside(SDL_Surface* target, const SDL_Rect& v) {
  const SDL_Rect strips[4] = {{0, 0, target->w, v.y},
                              {0, v.y + v.h, target->w, target->h - v.y - v.h},
                              {0, v.y, v.x, v.h},
                              {v.x + v.w, v.y, target->w - v.x - v.w, v.h}};
  for (const SDL_Rect& s : strips) {
    if (s.w > 0 && s.h > 0) SDL_FillRect(target, &s, 0xff000000u);
  }
}

}  // namespace

const content::Playlist* SlideRef::find_playlist() const {
  if (!package) return nullptr;
  auto it = package->manifest.playlists.find(playlist);
  return it == package->manifest.playlists.end() ? nullptr : &it->second;
}

const content::Slide* SlideRef::find_slide() const {
  const content::Playlist* p = find_playlist();
  return p && index < p->slides.size() ? &p->slides[index] : nullptr;
}

FrameRenderer::FrameRenderer(RenderSettings settings, ImageCache& images, std::filesystem::path font_dir)
    : settings_(std::move(settings)), images_(images), font_dir_(std::move(font_dir)) {
  // Fonts load on the first text drawn (text()): a screen of pictures never pays for them.
  painter_ = std::make_unique<ItemPainter>(
      settings_, [this] { return text(); }, images_);
}

TextRenderer* FrameRenderer::text() {
  use_package_fonts(wanted_fonts_);
  return text_.get();
}

FrameRenderer::~FrameRenderer() = default;

void FrameRenderer::use_package_fonts(const std::shared_ptr<const RenderPackage>& package) {
  if (fonts_tried_ && package == fonts_package_) return;
  // A package without font assets shares the bundled chain already loaded.
  const bool package_has_fonts = package && !package->manifest.fonts.fallback.empty();
  if (fonts_tried_ && !package_has_fonts &&
      (!fonts_package_ || fonts_package_->manifest.fonts.fallback.empty())) {
    fonts_package_ = package;
    return;
  }
  std::vector<std::filesystem::path> extra;
  if (package_has_fonts) {
    for (const auto& name : package->manifest.fonts.fallback) {
      if (auto f = package->asset_files.find(name); f != package->asset_files.end())
        extra.push_back(f->second);
    }
  }
  fonts_tried_ = true;
  fonts_package_ = package;
  text_.reset();
  fonts_.reset();
  try {
    fonts_ = std::make_unique<FontChain>(FontChain::load(extra, font_dir_));
    text_ = std::make_unique<TextRenderer>(*fonts_);
  } catch (const Error& e) {
    if (logged_.insert(e.what()).second) std::fprintf(stderr, "gatecast: fonts: %s\n", e.what());
  }
}

FrameRenderer::Layer* FrameRenderer::layer_for(const SlideRef& ref, int vw, int vh) {
  const content::Slide* slide = ref.find_slide();
  if (!slide) return nullptr;
  const content::Layout* layout = layout_of(*ref.package, *slide);
  if (!layout) return nullptr;
  for (Layer& l : layers_) {
    if (l.package == ref.package && l.playlist == ref.playlist && l.index == ref.index && l.width == vw &&
        l.height == vh) {
      l.last_used = ++use_counter_;
      return &l;
    }
  }
  if (layers_.size() >= max_layers) {
    // The least recently used goes; the layer used last (the other half of a transition) stays.
    auto oldest = std::min_element(layers_.begin(), layers_.end(),
                                   [](const Layer& a, const Layer& b) { return a.last_used < b.last_used; });
    layers_.erase(oldest);
  }
  Layer layer;
  layer.package = ref.package;
  layer.playlist = ref.playlist;
  layer.index = ref.index;
  layer.width = vw;
  layer.height = vh;
  compose_base(layer, *slide, *layout);
  if (!layer.base) return nullptr;
  layer.last_used = ++use_counter_;
  layers_.push_back(std::move(layer));
  return &layers_.back();  // a list: pointers to the other layers stay valid
}

SharedSurface FrameRenderer::sole_picture(Layer& layer, const content::Slide& slide,
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
  ImageResult decoded = images_.get(*key);
  if (!decoded.surface || !decoded.opaque || decoded.surface->w != whole.w || decoded.surface->h != whole.h)
    return nullptr;
  return decoded.surface;
}

void FrameRenderer::compose_base(Layer& layer, const content::Slide& slide, const content::Layout& layout) {
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
      std::string problem = painter_->paint(item->second, rect, layer.base.get(), when, package);
      if (!problem.empty()) layer.problems.push_back(std::move(problem));
    }
  }
}

void FrameRenderer::paint_dynamic(Layer& layer, const SlideRef& slide, Instant now, SDL_Surface* dst, int dx,
                                  int dy) {
  const content::Slide* s = slide.find_slide();
  const ItemTime when{now, slide.start, s ? s->duration : Duration{0}, layer.scale};
  for (const DynamicItem& d : layer.dynamic) {
    const SDL_Rect rect{d.rect.x + dx, d.rect.y + dy, d.rect.w, d.rect.h};
    painter_->paint(*d.item, rect, dst, when, slide.package.get());
  }
}

const SDL_Surface* FrameRenderer::composed(Layer& layer, const SlideRef& slide, Instant now,
                                           SurfacePtr& scratch) {
  if (layer.dynamic.empty()) return layer.base.get();
  if (!scratch || scratch->w != layer.width || scratch->h != layer.height) {
    scratch = make_argb_surface(layer.width, layer.height);
    if (!scratch) return layer.base.get();
  }
  copy_onto(layer.base.get(), scratch.get(), 0, 0);
  paint_dynamic(layer, slide, now, scratch.get(), 0, 0);
  return scratch.get();
}

void FrameRenderer::draw_overlays(const SlideRef& slide, Instant now, SDL_Surface* target,
                                  const SDL_Rect& v) {
  const content::Playlist* playlist = slide.find_playlist();
  if (!playlist || playlist->overlays.empty() || playlist->slides.empty()) return;
  // Overlays live on the canvas of the playlist's first slide's layout.
  const content::Layout* layout = layout_of(*slide.package, playlist->slides.front());
  if (!layout) return;
  const CanvasMapping mapping = map_canvas(layout->width, layout->height, v.w, v.h);
  const ItemTime when{now, slide.start, Duration{0}, mapping.scale};
  SDL_Rect viewport_clip = v;
  for (const content::Overlay& overlay : playlist->overlays) {
    SDL_Rect rect = mapping.map(overlay.rect);
    rect.x += v.x;
    rect.y += v.y;
    // Painted at its full size (a picture keeps its proportions), skipped when entirely outside.
    if (!SDL_HasIntersection(&rect, &viewport_clip)) continue;
    painter_->paint(overlay.item, rect, target, when, slide.package.get());
  }
}

double FrameRenderer::transition_progress(const FrameRequest& request) const {
  const content::Slide* slide = request.slide ? request.slide->find_slide() : nullptr;
  if (!slide || !request.previous || !request.previous->find_slide()) return 1.0;
  const content::Transition& t = slide->transition;
  if (t.kind == content::TransitionKind::cut || t.duration.count() <= 0) return 1.0;
  const double p = double((request.now - request.slide->start).count()) / double(t.duration.count());
  return std::clamp(p, 0.0, 1.0);
}

void FrameRenderer::draw(const FrameRequest& request, SDL_Surface* target) {
  const Uint32 format = target->format->format;
  if (format != SDL_PIXELFORMAT_ARGB8888 && format != SDL_PIXELFORMAT_RGB888) {
    // Another layout of pixels (a 16-bit framebuffer, BGRA): draw as usual, then convert.
    if (!converted_ || converted_->w != target->w || converted_->h != target->h) {
      converted_ = make_argb_surface(target->w, target->h);
      if (!converted_) return;
    }
    draw(request, converted_.get());
    SDL_SetSurfaceBlendMode(converted_.get(), SDL_BLENDMODE_NONE);
    SDL_BlitSurface(converted_.get(), nullptr, target, nullptr);
    return;
  }
  problems_.clear();
  const SDL_Rect v = viewport_in_output(settings_.viewport, target->w, target->h);
  clear_outside(target, v);
  if (request.screen_off) {
    SDL_FillRect(target, &v, 0xff000000u);
    return;
  }
  Layer* current = nullptr;
  if (request.slide) {
    wanted_fonts_ = request.slide->package;
    current = layer_for(*request.slide, v.w, v.h);
    if (!current) {
      const std::string problem = "playlist '" + request.slide->playlist + "' slide " +
                                  std::to_string(request.slide->index + 1) + " does not resolve";
      if (logged_.insert(problem).second) std::fprintf(stderr, "gatecast: %s\n", problem.c_str());
    }
  }
  if (!current) {
    draw_idle_screen(settings_, text(), request.now, target, v);
  } else {
    const double p = transition_progress(request);
    problems_ = current->problems;
    Layer* previous = p < 1.0 ? layer_for(*request.previous, v.w, v.h) : nullptr;
    if (previous) problems_.insert(problems_.end(), previous->problems.begin(), previous->problems.end());
    if (!previous) {
      copy_onto(current->base.get(), target, v.x, v.y);
      paint_dynamic(*current, *request.slide, request.now, target, v.x, v.y);
    } else {
      const SDL_Surface* a = composed(*previous, *request.previous, request.now, scratch_a_);
      const SDL_Surface* b = composed(*current, *request.slide, request.now, scratch_b_);
      if (request.slide->find_slide()->transition.kind == content::TransitionKind::slide) {
        slide_push(a, b, p, target, v.x, v.y);
      } else {
        crossfade(a, b, p, target, v.x, v.y);
      }
    }
    draw_overlays(*request.slide, request.now, target, v);
  }
  if (request.brightness < 1.0) dim(target, &v, request.brightness);
}

Instant FrameRenderer::next_redraw(const FrameRequest& request, int output_w, int output_h) {
  if (request.screen_off) return Instant::max();
  const SDL_Rect v = viewport_in_output(settings_.viewport, output_w, output_h);
  Layer* current = request.slide ? layer_for(*request.slide, v.w, v.h) : nullptr;
  if (!current) return idle_screen_next_change(request.now);
  if (transition_progress(request) < 1.0) return request.now;
  Instant next = Instant::max();
  const content::Slide* slide = request.slide->find_slide();
  const ItemTime in_slide{request.now, request.slide->start, slide->duration, current->scale};
  for (const DynamicItem& d : current->dynamic)
    next = std::min(next, painter_->next_change(*d.item, in_slide));
  if (const content::Playlist* playlist = request.slide->find_playlist()) {
    const ItemTime overlay_time{request.now, request.slide->start, Duration{0}, current->scale};
    for (const content::Overlay& o : playlist->overlays) {
      next = std::min(next, painter_->next_change(o.item, overlay_time));
    }
  }
  return next;
}

std::string FrameRenderer::slide_problem(const SlideRef& ref, int output_w, int output_h) {
  const content::Slide* slide = ref.find_slide();
  if (!slide) return "playlist '" + ref.playlist + "' has no slide " + std::to_string(ref.index + 1);
  const content::Layout* layout = layout_of(*ref.package, *slide);
  if (!layout) return "layout '" + slide->layout + "' is missing";
  const SDL_Rect v = viewport_in_output(settings_.viewport, output_w, output_h);
  return for_each_image_region(
      *slide, *layout, v, [&](const content::ImageItem& image, const SDL_Rect& rect) -> std::string {
        if (rect.w <= 0 || rect.h <= 0) return {};
        const std::optional<ImageKey> key = ItemPainter::image_key(image, rect, ref.package.get());
        if (!key) return "asset '" + image.asset + "': no file for this image";
        ImageResult picture = images_.get(*key);
        if (!picture.surface) return "asset '" + image.asset + "': " + picture.problem;
        return {};
      });
}

void FrameRenderer::forget_package() {
  // A chain holding the old package's font files is rebuilt on the next draw; a bundled-only
  // chain is kept (loading the CJK fonts is not free).
  if (fonts_package_ && !fonts_package_->manifest.fonts.fallback.empty()) fonts_tried_ = false;
  fonts_package_.reset();
  wanted_fonts_.reset();
  cache_sized_for_ = {};
  layers_.clear();
  images_.clear();
  problems_.clear();
}

void FrameRenderer::size_image_cache(const SlideRef& ref, const SDL_Rect& v) {
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
    (void)for_each_image_region(
        slide, *layout, v, [&](const content::ImageItem& image, const SDL_Rect& rect) {
          const std::optional<ImageKey> key = ItemPainter::image_key(image, rect, ref.package.get());
          if (key && pictures.insert(*key).second)
            loop_bytes += std::size_t(rect.w) * std::size_t(rect.h) * 4;
          return std::string();
        });
  }
  // The whole loop stays decoded when it fits; otherwise only about what the slides on screen,
  // next and fading out need (three screenfuls), since LRU over a longer loop never hits.
  const std::size_t screenful = std::size_t(v.w) * std::size_t(v.h) * 4;
  images_.set_budget(loop_bytes <= images_.max_budget() ? images_.max_budget() : 3 * screenful);
}

void FrameRenderer::prefetch(const SlideRef& ref, int output_w, int output_h) {
  const content::Slide* slide = ref.find_slide();
  const content::Layout* layout = slide ? layout_of(*ref.package, *slide) : nullptr;
  if (!layout) return;
  const SDL_Rect v = viewport_in_output(settings_.viewport, output_w, output_h);
  size_image_cache(ref, v);
  (void)for_each_image_region(*slide, *layout, v,
                              [&](const content::ImageItem& image, const SDL_Rect& rect) -> std::string {
                                if (auto key = ItemPainter::image_key(image, rect, ref.package.get())) {
                                  images_.prefetch(*key);
                                }
                                return {};
                              });
}

std::vector<std::size_t> playable_slides(FrameRenderer& renderer,
                                         const std::shared_ptr<const RenderPackage>& package,
                                         const std::string& playlist, int output_w, int output_h) {
  std::vector<std::size_t> out;
  auto it = package->manifest.playlists.find(playlist);
  if (it == package->manifest.playlists.end()) return out;
  static std::set<std::string> logged;  // one line per broken slide per process
  for (std::size_t i = 0; i < it->second.slides.size(); ++i) {
    const std::string problem =
        renderer.slide_problem(SlideRef{package, playlist, i, Instant{}}, output_w, output_h);
    if (problem.empty()) {
      out.push_back(i);
    } else {
      const std::string line =
          "playlist '" + playlist + "' slide " + std::to_string(i + 1) + " skipped: " + problem;
      if (logged.insert(line).second) std::fprintf(stderr, "gatecast: %s\n", line.c_str());
    }
  }
  return out;
}

}  // namespace gatecast::player
