#include "player/render/frame_renderer.hpp"

#include <algorithm>
#include <cstdio>

#include "player/render/idle_screen.hpp"
#include "player/surface/surface_ops.hpp"

namespace gatecast::player {
namespace {

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

// Calls visit(video, rect) for each video item of `ref`'s slide, with its region's rect in `v`.
template <typename Visit>
void for_each_video_region(const SlideRef& ref, const SDL_Rect& v, Visit visit) {
  const content::Slide* slide = ref.find_slide();
  const content::Layout* layout = slide ? layout_of(*ref.package, *slide) : nullptr;
  if (!layout) return;
  const CanvasMapping mapping = map_canvas(layout->width, layout->height, v.w, v.h);
  for (const auto& [region, item] : slide->content) {
    const auto* video = std::get_if<content::VideoItem>(&item);
    auto placed = layout->regions.find(region);
    if (video && placed != layout->regions.end()) visit(*video, mapping.map(placed->second.rect));
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

FrameRenderer::FrameRenderer(RenderSettings settings, ImageCache& images, std::filesystem::path font_dir,
                             VideoTiming timing)
    : settings_(std::move(settings)),
      images_(images),
      videos_(timing, settings_.decoding),
      fonts_(std::move(font_dir)) {
  painter_ = std::make_unique<ItemPainter>(
      settings_, [this] { return text(); }, images_, videos_, timing);
  layers_ = std::make_unique<SlideLayers>(*painter_, images_);
}

FrameRenderer::~FrameRenderer() = default;

TextRenderer* FrameRenderer::text() {
  return fonts_.text();
}

void FrameRenderer::paint_dynamic(const SlideLayer& layer, const SlideRef& slide, Instant now,
                                  SDL_Surface* dst, int dx, int dy) {
  const content::Slide* s = slide.find_slide();
  const ItemTime when{now, slide.start, s ? s->duration : Duration{0}, layer.scale};
  for (const DynamicItem& d : layer.dynamic) {
    const SDL_Rect rect{d.rect.x + dx, d.rect.y + dy, d.rect.w, d.rect.h};
    std::string problem = painter_->paint(*d.item, rect, dst, when, slide.package.get());
    if (!problem.empty()) problems_.push_back(std::move(problem));
  }
}

void FrameRenderer::draw_layer(const SlideLayer& layer, const SlideRef& slide, Instant now,
                               SDL_Surface* target, const SDL_Rect& v) {
  if (!layer.plain) {
    copy_onto(layer.base.get(), target, v.x, v.y);
    paint_dynamic(layer, slide, now, target, v.x, v.y);
    return;
  }
  const content::Slide* s = slide.find_slide();
  const ItemTime when{now, slide.start, s ? s->duration : Duration{0}, layer.scale};
  std::optional<SDL_Rect> covered;
  for (const DynamicItem& d : layer.dynamic) {
    const SDL_Rect rect{d.rect.x + v.x, d.rect.y + v.y, d.rect.w, d.rect.h};
    const std::optional<SDL_Rect> cover = painter_->video_cover(*d.item, rect, when, slide.package.get());
    if (cover && (!covered || cover->w * cover->h > covered->w * covered->h)) covered = cover;
  }
  if (!covered) {
    SDL_FillRect(target, &v, *layer.plain);
  } else {
    // The strips around the picture: above, below, left and right of it.
    const SDL_Rect c = *covered;
    const SDL_Rect strips[4] = {{v.x, v.y, v.w, c.y - v.y},
                                {v.x, c.y + c.h, v.w, v.y + v.h - c.y - c.h},
                                {v.x, c.y, c.x - v.x, c.h},
                                {c.x + c.w, c.y, v.x + v.w - c.x - c.w, c.h}};
    for (const SDL_Rect& strip : strips) {
      if (strip.w > 0 && strip.h > 0) SDL_FillRect(target, &strip, *layer.plain);
    }
  }
  const std::size_t problems = problems_.size();
  paint_dynamic(layer, slide, now, target, v.x, v.y);
  if (covered && problems_.size() > problems) {
    // A picture that did not draw after all: nothing may stay of the frame before.
    SDL_FillRect(target, &v, *layer.plain);
    paint_dynamic(layer, slide, now, target, v.x, v.y);
  }
}

const SDL_Surface* FrameRenderer::composed(const SlideLayer& layer, const SlideRef& slide, Instant now,
                                           SurfacePtr& scratch) {
  if (layer.dynamic.empty()) return layer.base.get();
  if (!scratch || scratch->w != layer.width || scratch->h != layer.height) {
    scratch = make_argb_surface(layer.width, layer.height);
    if (!scratch) return layer.base.get();
  }
  if (layer.plain) {
    SDL_FillRect(scratch.get(), nullptr, *layer.plain);
  } else {
    copy_onto(layer.base.get(), scratch.get(), 0, 0);
  }
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
    // A broken overlay is not the slide's fault: logged (once), not benched.
    const std::string problem = painter_->paint(overlay.item, rect, target, when, slide.package.get());
    if (!problem.empty()) log_(problem);
  }
}

void FrameRenderer::check_pending(SlideLayer& layer, Instant now) {
  if (layer.pending.empty()) return;
  if (!layer.pending_since) layer.pending_since = now;
  if (now - *layer.pending_since < picture_wait_limit) return;
  const long long seconds = std::chrono::duration_cast<std::chrono::seconds>(picture_wait_limit).count();
  problems_.push_back("asset '" + layer.pending.front().asset + "': the picture is still not decoded after " +
                      std::to_string(seconds) + " s");
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
    draw_converted(request, target);
    return;
  }
  draw_argb(request, target);
  videos_.frame_done();  // the sound follows what this frame showed, whichever way it returned
}

void FrameRenderer::draw_argb(const FrameRequest& request, SDL_Surface* target) {
  problems_.clear();
  const SDL_Rect v = viewport_in_output(settings_.viewport, target->w, target->h);
  clear_outside(target, v);
  if (request.screen_off) {
    SDL_FillRect(target, &v, 0xff000000u);
    return;
  }
  SlideLayer* current = nullptr;
  if (request.slide) {
    fonts_.want(request.slide->package);
    current = layers_->layer_for(*request.slide, v.w, v.h);
    if (!current) {
      log_("playlist '" + request.slide->playlist + "' slide " + std::to_string(request.slide->index + 1) +
           " does not resolve");
    }
  }
  if (!current) {
    draw_idle_screen(settings_, text(), request.now, target, v);
  } else {
    const double p = transition_progress(request);
    problems_ = current->problems;
    SlideLayer* previous = p < 1.0 ? layers_->layer_for(*request.previous, v.w, v.h) : nullptr;
    if (previous) problems_.insert(problems_.end(), previous->problems.begin(), previous->problems.end());
    check_pending(*current, request.now);
    if (!previous) {
      draw_layer(*current, *request.slide, request.now, target, v);
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
    (void)painter_->take_pending();  // an overlay's picture: the ready callback redraws it
  }
  if (request.brightness < 1.0) dim(target, &v, request.brightness);
}

Instant FrameRenderer::next_redraw(const FrameRequest& request, int output_w, int output_h) {
  if (request.screen_off) return Instant::max();
  const SDL_Rect v = viewport_in_output(settings_.viewport, output_w, output_h);
  SlideLayer* current = request.slide ? layers_->layer_for(*request.slide, v.w, v.h) : nullptr;
  if (!current) return idle_screen_next_change(request.now);
  if (transition_progress(request) < 1.0) return request.now;
  Instant next = Instant::max();
  if (current->pending_since) next = *current->pending_since + picture_wait_limit;
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

void FrameRenderer::draw_converted(const FrameRequest& request, SDL_Surface* target) {
  if (!converted_ || converted_->w != target->w || converted_->h != target->h) {
    converted_ = make_argb_surface(target->w, target->h);
    if (!converted_) return;
  }
  draw(request, converted_.get());
  SDL_SetSurfaceBlendMode(converted_.get(), SDL_BLENDMODE_NONE);
  SDL_BlitSurface(converted_.get(), nullptr, target, nullptr);
}

void FrameRenderer::forget_package() {
  fonts_.forget_package();
  layers_->forget();
  videos_.forget();
  problems_.clear();
}

std::vector<std::string> FrameRenderer::picture_problems(const SlideRef& slide, int output_w, int output_h) {
  const SDL_Rect v = viewport_in_output(settings_.viewport, output_w, output_h);
  std::vector<std::string> problems = layers_->picture_problems(slide, v);
  // A video that gives no first picture benches its slide when drawn; found here up front.
  for_each_video_region(slide, v, [&](const content::VideoItem& video, const SDL_Rect& rect) {
    const std::optional<VideoKey> key = ItemPainter::video_key(video, rect, slide.start, slide.package.get());
    if (!key) {
      problems.push_back("asset '" + video.asset + "': no file for this video");
      return;
    }
    const VideoFrameResult first = videos_.frame_at(*key, Duration{0});
    if (!first.picture && !first.problem.empty())
      problems.push_back("asset '" + video.asset + "': " + first.problem);
  });
  return problems;
}

void FrameRenderer::prefetch(const SlideRef& ref, int output_w, int output_h) {
  const SDL_Rect v = viewport_in_output(settings_.viewport, output_w, output_h);
  layers_->prefetch(ref, v);
  // The next slide's videos open now: their first pictures are ready before the cut.
  for_each_video_region(ref, v, [&](const content::VideoItem& video, const SDL_Rect& rect) {
    if (auto key = ItemPainter::video_key(video, rect, ref.start, ref.package.get())) videos_.prefetch(*key);
  });
}

}  // namespace gatecast::player
