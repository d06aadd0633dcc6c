// The drawer the player uses: FrameRenderer for the frame (the same path as `gatecast render`),
// and the status banner painted on top with the renderer's text engine, whose rasterized
// blocks are cached (a banner that stays costs a blit per frame, not a re-render).
#include "player/loop/frame_drawer.hpp"

#include <algorithm>

#include "player/images/image_cache.hpp"
#include "player/render/frame_renderer.hpp"
#include "player/surface/surface_ops.hpp"

namespace gatecast::player {

namespace {

content::Color tone_color(BannerTone tone) {
  switch (tone) {
    case BannerTone::success:
      return {0x14, 0x5a, 0x32, 0xf0};
    case BannerTone::problem:
      return {0x8b, 0x10, 0x10, 0xf0};
    case BannerTone::info:
      break;
  }
  return {0x0b, 0x2a, 0x4a, 0xf0};
}

class RendererDrawer final : public FrameDrawer {
 public:
  RendererDrawer(RenderSettings settings, std::size_t cache_bytes, VideoTiming timing, PictureHooks hooks)
      : images_(cache_bytes, ImageLimits{}, std::move(hooks.decoder)),
        renderer_(std::move(settings), images_, {}, timing) {
    if (hooks.ready) images_.on_wanted_ready(std::move(hooks.ready));
  }

  Instant draw(const FrameRequest& request, SDL_Surface* canvas) override {
    renderer_.draw(request, canvas);
    return renderer_.next_redraw(request, canvas->w, canvas->h);
  }

  std::vector<std::string> slide_problems() const override { return renderer_.slide_problems(); }

  std::vector<std::string> problems_of(const SlideRef& slide, SDL_Surface* canvas) override {
    return renderer_.picture_problems(slide, canvas->w, canvas->h);
  }

  void forget_package() override { renderer_.forget_package(); }

  void prefetch(const SlideRef& slide, SDL_Surface* canvas) override {
    renderer_.prefetch(slide, canvas->w, canvas->h);
  }

  void draw_banner(const StatusBanner& banner, SDL_Surface* canvas) override {
    std::vector<WrittenText> lines = banner_paragraphs(banner, renderer_.settings().languages);
    // A strip over the bottom fifth: big enough to read from the USB port a few metres away,
    // small enough that the slide stays recognisable behind it.
    const double scale = std::max(0.25, canvas->h / 1080.0);
    const int height = std::max(48, canvas->h / 5);
    const int margin = std::max(4, static_cast<int>(24 * scale));
    SDL_Rect strip{0, canvas->h - height, canvas->w, height};
    fill(canvas, &strip, tone_color(banner.tone));
    TextRenderer* text = renderer_.text();
    if (!text || lines.empty()) return;
    content::TextStyle style;
    style.bold = true;
    style.min_size = 12;
    style.max_size = 44;
    style.line_spacing = 1.1;
    style.align = content::HAlign::center;
    style.valign = content::VAlign::middle;
    style.color = {255, 255, 255, 255};
    int w = std::max(1, strip.w - 2 * margin), h = std::max(1, strip.h - margin);
    SharedSurface block = text->render_block(lines, style, w, h, scale);
    if (block) blend_onto(block.get(), nullptr, canvas, strip.x + margin, strip.y + margin / 2);
  }

 private:
  ImageCache images_;  // declared first: the renderer holds a reference to it
  FrameRenderer renderer_;
};

}  // namespace

RenderSettings render_settings_for(const content::Config& config, const scheduler::TimeZone& zone) {
  RenderSettings settings;
  settings.site_name = config.site_name.empty() ? config.screen : config.site_name;
  settings.languages = config.languages;
  settings.zone = zone;
  settings.viewport = config.output.viewport;
  settings.decoding = content::HardwareDecoding{config.output.hardware_decoding, config.output.render_node};
  return settings;
}

std::unique_ptr<FrameDrawer> make_frame_drawer(RenderSettings settings, int canvas_w, int canvas_h,
                                               VideoTiming timing, PictureHooks hooks) {
  // Six screenfuls of pixels, at least 48 MiB: a full-screen picture per slide needs three at
  // a time (fading out, on screen, next), and logos and overlays are small.
  const std::size_t screenful = std::size_t(std::max(canvas_w, 1)) * std::size_t(std::max(canvas_h, 1)) * 4;
  const std::size_t cache_bytes = std::max<std::size_t>(std::size_t{48} << 20, 6 * screenful);
  return std::make_unique<RendererDrawer>(std::move(settings), cache_bytes, timing, std::move(hooks));
}

std::unique_ptr<FrameDrawer> make_frame_drawer(const content::Config& config, const scheduler::TimeZone& zone,
                                               int canvas_w, int canvas_h, VideoTiming timing,
                                               PictureHooks hooks) {
  RenderSettings settings = render_settings_for(config, zone);
  settings.viewport.reset();
  return make_frame_drawer(std::move(settings), canvas_w, canvas_h, timing, std::move(hooks));
}

void paint_fallback(SDL_Surface* canvas) {
  SDL_FillRect(canvas, nullptr, 0xff0b2a4au);
}

}  // namespace gatecast::player
