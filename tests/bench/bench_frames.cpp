// Frame times of the screen's drawing path at 1920x1080 on one core (issue 4, "Measure"):
// a static slide, a crossfade with a ticker running, cycling text; and, in the same run, the
// baseline the crossfade replaces: SDL's own alpha blit of one full-HD slide over another.
// Prints p50/p99 in ms per case and the baseline's ratio to our crossfade.
//
//   bench_frames [frames]     (default 600 per case; run a Release build)
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "player/images/image_cache.hpp"
#include "player/render/frame_renderer.hpp"
#include "player/surface/surface_ops.hpp"

using namespace gatecast;
using namespace gatecast::player;
namespace fs = std::filesystem;

namespace {

constexpr int W = 1920, H = 1080;

// Wall-clock times, and the thread's CPU time per frame: on a shared, loaded machine the wall
// clock's tail is mostly other processes' time slices; the CPU time is what a frame costs.
struct Figures {
  double p50 = 0, p99 = 0, max = 0;
  double cpu_p50 = 0, cpu_p99 = 0;
};

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

Figures measure(int frames, const std::function<void(int)>& frame) {
  for (int i = 0; i < 20; ++i) frame(i);  // warm the caches: text rasterized, pictures decoded
  std::vector<double> ms, cpu;
  ms.reserve(std::size_t(frames));
  cpu.reserve(std::size_t(frames));
  for (int i = 0; i < frames; ++i) {
    const double c0 = thread_cpu_ms();
    const auto t0 = std::chrono::steady_clock::now();
    frame(i);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    cpu.push_back(thread_cpu_ms() - c0);
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  auto at = [](const std::vector<double>& v, double q) {
    return v[std::min(v.size() - 1, std::size_t(q * double(v.size())))];
  };
  return {at(ms, 0.50), at(ms, 0.99), ms.back(), at(cpu, 0.50), at(cpu, 0.99)};
}

void print(const char* name, const Figures& f) {
  std::printf("%-36s wall p50 %6.2f p99 %6.2f max %6.2f ms | cpu p50 %6.2f p99 %6.2f ms\n", name, f.p50,
              f.p99, f.max, f.cpu_p50, f.cpu_p99);
}

// A full-HD photo-like picture: smooth gradients with some detail, as a PNG file.
fs::path write_picture(const fs::path& file, int seed) {
  SurfacePtr s = make_argb_surface(W, H);
  for (int y = 0; y < H; ++y) {
    std::uint32_t* row = pixel_row(s.get(), y);
    for (int x = 0; x < W; ++x) {
      const auto r = std::uint32_t((x * 255 / W + seed * 40) & 0xff);
      const auto g = std::uint32_t((y * 255 / H + ((x ^ y) & 15)) & 0xff);
      const auto b = std::uint32_t(((x + y) / 8 + seed * 90) & 0xff);
      row[x] = 0xff000000u | (r << 16) | (g << 8) | b;
    }
  }
  IMG_SavePNG(s.get(), file.string().c_str());
  return file;
}

content::Slide photo_slide(const std::string& asset, content::LanguagePresentation presentation) {
  content::Slide slide;
  slide.layout = "hero";
  slide.duration = Duration{12000};
  content::ImageItem image;
  image.asset = asset;
  image.fit = content::Fit::cover;
  slide.content["picture"] = image;
  content::TextItem title;
  title.text = {{"vi", "Cửa khẩu Quốc tế Hữu Nghị"},
                {"zh", "友谊关国际口岸"},
                {"en", "Huu Nghi International Border Gate"}};
  title.presentation = presentation;
  title.style.min_size = 32;
  title.style.max_size = 96;
  title.style.outline = content::Outline{2, {0, 0, 0, 255}};
  slide.content["title"] = title;
  return slide;
}

std::shared_ptr<RenderPackage> make_package(const fs::path& dir) {
  auto package = std::make_shared<RenderPackage>();
  content::Manifest& m = package->manifest;
  package->asset_files["a"] = write_picture(dir / "a.png", 1);
  package->asset_files["b"] = write_picture(dir / "b.png", 2);
  content::Layout hero;
  hero.background = {11, 42, 74, 255};
  hero.regions["picture"] = content::Region{{0, 0, 1920, 1080}, std::nullopt};
  hero.regions["title"] = content::Region{{80, 760, 1760, 240}, content::Color{0, 0, 0, 128}};
  m.layouts["hero"] = hero;
  content::Playlist day;
  day.slides.push_back(photo_slide("a", content::LanguagePresentation::stacked));
  day.slides.push_back(photo_slide("b", content::LanguagePresentation::stacked));
  day.slides[1].transition = {content::TransitionKind::crossfade, Duration{1000}};
  day.slides.push_back(photo_slide("a", content::LanguagePresentation::cycling));
  content::TickerItem ticker;
  ticker.text = {
      {"vi", "Chào mừng quý khách đến Lạng Sơn"}, {"zh", "欢迎来到谅山"}, {"en", "Welcome to Lang Son"}};
  ticker.speed_px_per_s = 140;
  day.overlays.push_back(content::Overlay{{0, 1020, 1920, 60}, ticker});
  m.playlists["day"] = day;
  content::Playlist still = day;
  still.overlays.clear();
  m.playlists["still"] = still;
  return package;
}

}  // namespace

int main(int argc, char** argv) {
  const int frames = argc > 1 ? std::max(50, std::atoi(argv[1])) : 600;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(0, &one);
  const bool pinned = sched_setaffinity(0, sizeof one, &one) == 0;
  const fs::path dir = fs::temp_directory_path() / ("gatecast-bench-frames-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::shared_ptr<const RenderPackage> package = make_package(dir);

  RenderSettings settings;
  settings.site_name = "Cửa khẩu Hữu Nghị";
  settings.zone = scheduler::TimeZone::fixed("Asia/Ho_Chi_Minh", 7 * 3600);
  ImageCache images;
  FrameRenderer renderer(settings, images);
  SurfacePtr target = make_argb_surface(W, H);
  const Instant t0 = Instant(Duration(std::int64_t{1795395600000}));  // 2026-11-23 08:00 +07:00
  const Duration frame_step{16};                                      // 60 fps

  std::printf("gatecast frame times at %dx%d, %d frames per case, %s\n", W, H, frames,
              pinned ? "pinned to CPU 0" : "not pinned");
  const Figures still = measure(frames, [&](int i) {
    FrameRequest r;
    r.now = t0 + frame_step * i;
    r.slide = SlideRef{package, "still", 0, t0};
    renderer.draw(r, target.get());
  });
  print("static slide (photo + stacked text)", still);

  const Figures fade = measure(frames, [&](int i) {
    FrameRequest r;
    // Every frame is inside the 1 s crossfade, the ticker running over it.
    r.now = t0 + Duration((i * 16) % 1000);
    r.slide = SlideRef{package, "day", 1, t0};
    r.previous = SlideRef{package, "day", 0, t0 - Duration(12000)};
    renderer.draw(r, target.get());
  });
  print("crossfade + ticker", fade);

  const Figures cycling = measure(frames, [&](int i) {
    FrameRequest r;
    r.now = t0 + Duration((i * 16 * 13) % 12000);  // sweeps the three languages
    r.slide = SlideRef{package, "still", 2, t0};
    renderer.draw(r, target.get());
  });
  print("cycling text (photo + one language)", cycling);

  // The baseline: SDL's per-pixel alpha blit of slide B over slide A at the crossfade's
  // progress, as a naive renderer would do it (both slides already composed).
  SurfacePtr a = make_argb_surface(W, H), b = make_argb_surface(W, H);
  FrameRequest ra;
  ra.now = t0;
  ra.slide = SlideRef{package, "still", 0, t0};
  renderer.draw(ra, a.get());
  ra.slide = SlideRef{package, "still", 1, t0};
  renderer.draw(ra, b.get());
  const Figures sdl = measure(frames, [&](int i) {
    SDL_SetSurfaceBlendMode(a.get(), SDL_BLENDMODE_NONE);
    SDL_BlitSurface(a.get(), nullptr, target.get(), nullptr);
    SDL_SetSurfaceBlendMode(b.get(), SDL_BLENDMODE_BLEND);
    SDL_SetSurfaceAlphaMod(b.get(), Uint8((i * 4) & 0xff));
    SDL_BlitSurface(b.get(), nullptr, target.get(), nullptr);
  });
  print("baseline: SDL_BlitSurface crossfade", sdl);
  const Figures ours_only =
      measure(frames, [&](int i) { crossfade(a.get(), b.get(), (i % 256) / 256.0, target.get(), 0, 0); });
  print("our crossfade blend alone", ours_only);
  std::printf(
      "ratio SDL baseline / our crossfade+ticker frame: wall p50 %.1fx p99 %.1fx, cpu p50 %.1fx p99 %.1fx\n",
      sdl.p50 / fade.p50, sdl.p99 / fade.p99, sdl.cpu_p50 / fade.cpu_p50, sdl.cpu_p99 / fade.cpu_p99);
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  return 0;
}
