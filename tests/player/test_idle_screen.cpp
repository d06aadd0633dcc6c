// The idle screen (site name, clock, a message in every language) and the frame's outer rules:
// the viewport of an LED wall, dimming, and black only when the schedule says off.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "golden.hpp"
#include "player/images/image_cache.hpp"
#include "player/render/idle_screen.hpp"
#include "render_scene.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::player;
using gatecast::test::TempDir;

namespace {

// Counts pixels of `rect` that are pure black.
long black_pixels(const SDL_Surface* s, SDL_Rect rect) {
  long n = 0;
  for (int y = rect.y; y < rect.y + rect.h; ++y) {
    for (int x = rect.x; x < rect.x + rect.w; ++x) {
      const content::Color c = test::pixel(s, x, y);
      if (c.r == 0 && c.g == 0 && c.b == 0) ++n;
    }
  }
  return n;
}

// Pixels of the 480 x 270 idle golden that may differ (antialiasing of another FreeType or
// SDL build). It must stay below the smallest change that matters, one minute on the clock:
// the test after the golden one proves that a clock one minute off fails the comparison.
constexpr long kIdleSlack = 40;  // one minute changes about 200 pixels

}  // namespace

TEST_CASE("idle screen: site name, clock, dates and a message in every language", "[idle][render][golden]") {
  ImageCache images;
  FrameRenderer renderer(test::huu_nghi_settings(), images);
  FrameRequest idle;
  idle.now = test::at("2026-11-23T08:05:00+07:00");
  SurfacePtr s = test::draw(renderer, idle, 480, 270);
  const test::GoldenResult g = test::compare_golden(s.get(), "render_idle", 16, kIdleSlack);
  INFO(g.message);
  CHECK(g.ok);
  CHECK(black_pixels(s.get(), {0, 0, 480, 270}) == 0);
  CHECK(renderer.next_redraw(idle, 480, 270) == test::at("2026-11-23T08:06:00+07:00"));
  CHECK(idle_message("vi") != idle_message("en"));
  CHECK(idle_message("xx") == idle_message("en"));
}

TEST_CASE("the idle golden's slack is smaller than one minute on the clock", "[idle][render][golden]") {
  ImageCache images;
  FrameRenderer renderer(test::huu_nghi_settings(), images);
  for (const char* wrong : {"2026-11-23T08:06:00+07:00", "2026-11-23T09:05:00+07:00",
                            "2026-11-23T08:15:00+07:00", "2026-11-24T08:05:00+07:00"}) {
    FrameRequest idle;
    idle.now = test::at(wrong);
    SurfacePtr s = test::draw(renderer, idle, 480, 270);
    const test::GoldenResult g =
        test::compare_golden(s.get(), "render_idle", 16, kIdleSlack, test::GoldenUse::counter_example);
    INFO(wrong << ": " << g.message);
    CHECK_FALSE(g.ok);
  }
}

TEST_CASE("idle screens of Hai Duong (vi/en/zh/ja/ko) and Bo Y (vi/lo/km/en)", "[idle][render][golden]") {
  // The test pages of the two other language sets: every date and message in its own language,
  // Han in Japanese and Korean from their own faces.
  struct Site {
    const char* name;
    std::vector<std::string> languages;
    const char* golden;
  };
  for (const Site& site :
       {Site{"Hải Dương · 海阳 · ハイズオン · 하이즈엉",
             {"vi", "en", "zh", "ja", "ko"},
             "render_idle_haiduong"},
        Site{"Cửa khẩu Bờ Y · ດ່ານສາກົນບໍ່ອີ · ច្រកព្រំដែនបូអ៊ី", {"vi", "lo", "km", "en"}, "render_idle_kontum"}}) {
    RenderSettings settings = test::huu_nghi_settings();
    settings.site_name = site.name;
    settings.languages = site.languages;
    ImageCache images;
    FrameRenderer renderer(settings, images);
    FrameRequest idle;
    idle.now = test::at("2026-11-23T08:05:00+07:00");
    SurfacePtr s = test::draw(renderer, idle, 960, 540);
    const test::GoldenResult g = test::compare_golden(s.get(), site.golden, 16, 4 * kIdleSlack);
    INFO(g.message);
    CHECK(g.ok);
  }
}

TEST_CASE("idle screen without any font is still lit, never black", "[idle][render]") {
  TempDir empty_fonts;
  ImageCache images;
  FrameRenderer renderer(test::huu_nghi_settings(), images, empty_fonts.path());
  CHECK(renderer.text() == nullptr);
  FrameRequest idle;
  idle.now = test::at("2026-11-23T08:05:00+07:00");
  SurfacePtr s = test::draw(renderer, idle, 160, 90);
  CHECK(black_pixels(s.get(), {0, 0, 160, 90}) == 0);
}

TEST_CASE("a slide that does not resolve shows the idle screen", "[idle][render]") {
  TempDir dir;
  test::Scene scene(test::write_png(dir / "photo.png", 40, 30));
  ImageCache images;
  FrameRenderer renderer(test::huu_nghi_settings(), images);
  const Instant t = test::at("2026-11-23T08:05:00+07:00");
  SurfacePtr s = test::draw(renderer, test::request_for(scene.package, "no-such-playlist", 3, t, t), 160, 90);
  CHECK(test::near(test::pixel(s.get(), 2, 2), {11, 42, 74, 255}));
}

TEST_CASE("render: an LED wall's viewport takes part of the frame, the rest is black",
          "[idle][render][golden]") {
  TempDir dir;
  test::Scene scene(test::write_png(dir / "photo.png", 400, 300));
  content::Playlist p;
  p.slides.push_back(test::slide("wall"));
  p.slides[0].content["right"] = test::Scene::image(content::Fit::cover);
  content::TextItem label;
  label.text = {{"vi", "Lạng Sơn"}, {"zh", "谅山"}, {"en", "Lang Son"}};
  label.style = test::text_style(12, 80);
  p.slides[0].content["left"] = label;
  scene.m.playlists["wall"] = p;
  RenderSettings settings = test::huu_nghi_settings();
  settings.viewport = content::Rect{0, 30, 480, 90};  // the wall shows a 480 x 90 strip
  ImageCache images;
  FrameRenderer renderer(settings, images);
  const Instant t = test::at("2026-11-23T08:05:00+07:00");
  SurfacePtr s = test::draw(renderer, test::request_for(scene.package, "wall", 0, t, t), 480, 270);
  const test::GoldenResult g = test::compare_golden(s.get(), "render_viewport_ledwall", 16, 480 * 270 / 200);
  INFO(g.message);
  CHECK(g.ok);
  CHECK(black_pixels(s.get(), {0, 0, 480, 30}) == 480 * 30);
  CHECK(black_pixels(s.get(), {0, 120, 480, 150}) == 480 * 150);
  CHECK(test::near(test::pixel(s.get(), 2, 32), {20, 120, 20, 255}));  // the green left region
  CHECK(test::near(test::pixel(s.get(), 162, 32), {255, 0, 0, 255}));  // the photo, cover
}

TEST_CASE("render: dimming multiplies the picture; off is black", "[idle][render]") {
  ImageCache images;
  FrameRenderer renderer(test::huu_nghi_settings(), images);
  FrameRequest req;
  req.now = test::at("2026-11-23T21:00:00+07:00");
  SurfacePtr bright = test::draw(renderer, req, 160, 90);
  req.brightness = 0.5;
  SurfacePtr dimmed = test::draw(renderer, req, 160, 90);
  const content::Color b = test::pixel(bright.get(), 1, 1), d = test::pixel(dimmed.get(), 1, 1);
  CHECK(std::abs(int(d.b) - int(b.b) / 2) <= 1);
  CHECK(std::abs(int(d.g) - int(b.g) / 2) <= 1);
  req.screen_off = true;
  SurfacePtr off = test::draw(renderer, req, 160, 90);
  CHECK(black_pixels(off.get(), {0, 0, 160, 90}) == 160 * 90);
  CHECK(renderer.next_redraw(req, 160, 90) == Instant::max());
}

TEST_CASE("render: a 16-bit target gets the same picture through one conversion", "[idle][render]") {
  ImageCache images;
  FrameRenderer renderer(test::huu_nghi_settings(), images);
  FrameRequest idle;
  idle.now = test::at("2026-11-23T08:05:00+07:00");
  SurfacePtr rgb565(SDL_CreateRGBSurfaceWithFormat(0, 160, 90, 16, SDL_PIXELFORMAT_RGB565));
  REQUIRE(rgb565);
  renderer.draw(idle, rgb565.get());
  Uint8 r = 0, g = 0, b = 0;
  const auto* row = static_cast<const Uint16*>(rgb565->pixels);
  SDL_GetRGB(row[2], rgb565->format, &r, &g, &b);
  CHECK(test::near({r, g, b, 255}, {11, 42, 74, 255}, 8));
}
