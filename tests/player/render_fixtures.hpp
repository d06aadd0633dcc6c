#pragma once
// Shared by the renderer's tests: pictures written as real PNG/JPEG files, small packages
// built in code, the site settings of Hữu Nghị, and one call that draws a frame offscreen.
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>

#include "content/base/rfc3339.hpp"
#include "content/manifest/manifest.hpp"
#include "player/render/frame_renderer.hpp"
#include "player/surface/sdl_ptr.hpp"
#include "player/surface/surface_ops.hpp"
#include "scheduler/timezone.hpp"

namespace gatecast::test {

using player::SurfacePtr;

inline Instant at(const char* rfc3339) {
  return content::parse_rfc3339(rfc3339, "test");
}

// A w x h picture whose pixel (x, y) is paint(x, y).
inline SurfacePtr picture(int w, int h, const std::function<content::Color(int, int)>& paint) {
  SurfacePtr s = player::make_argb_surface(w, h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) player::pixel_row(s.get(), y)[x] = player::to_argb(paint(x, y));
  }
  return s;
}

// Red | green over blue | white.
// The test pictures' quadrants: red, green on top; blue, white below.
inline constexpr content::Color red{255, 0, 0, 255}, green{0, 255, 0, 255}, blue{0, 0, 255, 255},
    white{255, 255, 255, 255};

inline content::Color quadrant_colour(int x, int y, int w, int h) {
  const int q = (y >= h / 2 ? 2 : 0) + (x >= w / 2 ? 1 : 0);
  const content::Color colours[4] = {red, green, blue, white};
  return colours[q];
}

inline std::filesystem::path write_png(const std::filesystem::path& file, int w, int h) {
  SurfacePtr s = picture(w, h, [w, h](int x, int y) { return quadrant_colour(x, y, w, h); });
  IMG_SavePNG(s.get(), file.string().c_str());
  return file;
}

inline std::filesystem::path write_jpeg(const std::filesystem::path& file, int w, int h) {
  SurfacePtr s = picture(w, h, [w, h](int x, int y) { return quadrant_colour(x, y, w, h); });
  IMG_SaveJPG(s.get(), file.string().c_str(), 95);
  return file;
}

inline void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

inline std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The colour of the pixel at (x, y).
inline content::Color pixel(const SDL_Surface* s, int x, int y) {
  const std::uint32_t p = player::pixel_row(s, y)[x];
  return content::Color{static_cast<std::uint8_t>(p >> 16), static_cast<std::uint8_t>(p >> 8),
                        static_cast<std::uint8_t>(p), static_cast<std::uint8_t>(p >> 24)};
}

inline bool near(content::Color a, content::Color b, int tolerance = 8) {
  return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance &&
         std::abs(a.b - b.b) <= tolerance;
}

inline player::RenderSettings huu_nghi_settings() {
  player::RenderSettings s;
  s.site_name = "Cửa khẩu Hữu Nghị";
  s.languages = {"vi", "zh", "en"};
  s.zone = scheduler::TimeZone::fixed("Asia/Ho_Chi_Minh", 7 * 3600);
  return s;
}

inline content::Layout layout(int w, int h, content::Color background) {
  content::Layout l;
  l.width = w;
  l.height = h;
  l.background = background;
  return l;
}

inline content::Slide slide(const std::string& layout_name, Duration duration = Duration{10000}) {
  content::Slide s;
  s.layout = layout_name;
  s.duration = duration;
  return s;
}

inline content::TextStyle text_style(int min_size, int max_size) {
  content::TextStyle s;
  s.min_size = min_size;
  s.max_size = max_size;
  return s;
}

inline content::LocalizedText huu_nghi_text() {
  return {{"vi", "Cửa khẩu Quốc tế Hữu Nghị"},
          {"zh", "友谊关国际口岸"},
          {"en", "Huu Nghi International Border Gate"}};
}

// Draws `request` into a fresh ARGB surface of w x h.
inline SurfacePtr draw(player::FrameRenderer& r, const player::FrameRequest& request, int w, int h) {
  SurfacePtr s = player::make_argb_surface(w, h);
  SDL_FillRect(s.get(), nullptr, 0xff00ff00u);  // bright green: any pixel left undrawn shows
  r.draw(request, s.get());
  return s;
}

inline player::FrameRequest request_for(const std::shared_ptr<const player::RenderPackage>& package,
                                        const std::string& playlist, std::size_t index, Instant start,
                                        Instant now) {
  player::FrameRequest req;
  req.now = now;
  req.slide = player::SlideRef{package, playlist, index, start};
  return req;
}

}  // namespace gatecast::test
