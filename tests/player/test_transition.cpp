// Transitions: the blend arithmetic, exact at its ends, and the crossfade and slide midpoints
// as the screen shows them.
#include <catch2/catch.hpp>

#include <cstring>

#include "golden.hpp"
#include "player/images/image_cache.hpp"
#include "render_scene.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::player;
using gatecast::test::TempDir;

namespace {

SurfacePtr solid(int w, int h, content::Color c) {
  SurfacePtr s = make_argb_surface(w, h);
  fill(s.get(), nullptr, c);
  return s;
}

}  // namespace

TEST_CASE("crossfade is exact at 0 and 1 and averages at the middle", "[transition][render]") {
  SurfacePtr a = solid(37, 5, {200, 100, 0, 255});
  SurfacePtr b = solid(37, 5, {0, 50, 250, 255});
  SurfacePtr out = make_argb_surface(37, 5);
  crossfade(a.get(), b.get(), 0.0, out.get(), 0, 0);
  CHECK(test::pixel(out.get(), 36, 4) == content::Color{200, 100, 0, 255});
  crossfade(a.get(), b.get(), 1.0, out.get(), 0, 0);
  CHECK(test::pixel(out.get(), 0, 0) == content::Color{0, 50, 250, 255});
  crossfade(a.get(), b.get(), 0.5, out.get(), 0, 0);
  CHECK(test::pixel(out.get(), 18, 2) == content::Color{100, 75, 125, 255});
  crossfade(a.get(), b.get(), 0.25, out.get(), 0, 0);
  CHECK(test::pixel(out.get(), 18, 2) == content::Color{150, 87, 62, 255});
  // Every channel value survives t = 0 unchanged (no rounding drift).
  SurfacePtr ramp = test::picture(256, 1, [](int x, int) {
    const auto v = static_cast<std::uint8_t>(x);
    return content::Color{v, std::uint8_t(255 - x), v, v};
  });
  SurfacePtr other = solid(256, 1, {9, 9, 9, 9});
  crossfade(ramp.get(), other.get(), 0.0, out.get(), 0, 0);  // out is narrower: clipped to 37
  for (int x = 0; x < 37; ++x) CHECK(test::pixel(out.get(), x, 0) == test::pixel(ramp.get(), x, 0));
}

TEST_CASE("crossfade and slide clip to the destination and land at an offset", "[transition][render]") {
  SurfacePtr a = solid(10, 10, {255, 0, 0, 255});
  SurfacePtr b = solid(10, 10, {0, 0, 255, 255});
  SurfacePtr out = solid(12, 12, {0, 255, 0, 255});
  crossfade(a.get(), b.get(), 1.0, out.get(), 5, 5);
  CHECK(test::pixel(out.get(), 4, 4) == content::Color{0, 255, 0, 255});
  CHECK(test::pixel(out.get(), 11, 11) == content::Color{0, 0, 255, 255});
  crossfade(a.get(), b.get(), 1.0, out.get(), -20, -20);  // entirely outside: nothing happens
  slide_push(a.get(), b.get(), 0.3, out.get(), 0, 0);
  // 3 columns pushed: a's columns 3..9 show at 0..6, then b's 0..2 at 7..9.
  CHECK(test::pixel(out.get(), 6, 0) == content::Color{255, 0, 0, 255});
  CHECK(test::pixel(out.get(), 7, 0) == content::Color{0, 0, 255, 255});
  CHECK(test::pixel(out.get(), 10, 0) == content::Color{0, 255, 0, 255});
  slide_push(a.get(), b.get(), 1.0, out.get(), 0, 0);
  CHECK(test::pixel(out.get(), 0, 0) == content::Color{0, 0, 255, 255});
}

TEST_CASE("dim multiplies colours and keeps alpha; fill blends a translucent colour",
          "[transition][render]") {
  SurfacePtr s = solid(4, 4, {200, 100, 50, 255});
  SDL_Rect half{0, 0, 2, 4};
  dim(s.get(), &half, 0.5);
  CHECK(test::pixel(s.get(), 0, 0) == content::Color{100, 50, 25, 255});
  CHECK(test::pixel(s.get(), 3, 0) == content::Color{200, 100, 50, 255});
  SDL_Rect right{2, 0, 2, 4};
  fill(s.get(), &right, content::Color{200, 100, 50, 255});
  fill(s.get(), &right, content::Color{0, 0, 0, 128});
  fill(s.get(), &half, content::Color{0, 0, 0, 128});
  CHECK(test::near(test::pixel(s.get(), 3, 3), {100, 50, 25, 255}, 1));  // 200 * 127 / 256
  CHECK(test::near(test::pixel(s.get(), 0, 3), {50, 25, 12, 255}, 1));
}

TEST_CASE("render: crossfade and slide transitions at their midpoints", "[transition][render][golden]") {
  TempDir dir;
  test::Scene scene(test::write_png(dir / "photo.png", 400, 300));
  content::Playlist p;
  p.slides.push_back(test::slide("hero"));
  p.slides[0].content["picture"] = test::Scene::image(content::Fit::cover);
  p.slides.push_back(test::slide("wall"));  // another layout: a different canvas
  p.slides.push_back(test::slide("hero"));
  p.slides[2].content["picture"] = test::Scene::image(content::Fit::contain);
  p.slides[1].transition = {content::TransitionKind::crossfade, Duration{1000}};
  p.slides[2].transition = {content::TransitionKind::slide, Duration{800}};
  scene.m.playlists["day"] = p;
  ImageCache images;
  FrameRenderer renderer(test::huu_nghi_settings(), images);
  const Instant t0 = test::at("2026-11-23T08:00:00+07:00");

  FrameRequest fade = test::request_for(scene.package, "day", 1, t0, t0 + Duration(500));
  fade.previous = SlideRef{scene.package, "day", 0, t0 - Duration(10000)};
  SurfacePtr mid = test::draw(renderer, fade, 480, 270);
  const test::GoldenResult g1 = test::compare_golden(mid.get(), "render_crossfade_mid");
  INFO(g1.message);
  CHECK(g1.ok);
  CHECK(renderer.next_redraw(fade, 480, 270) == fade.now);  // every frame while it runs
  // Half the red photo, half the wall layout's letterbox colour (120, 20, 20).
  CHECK(test::near(test::pixel(mid.get(), 5, 5), {187, 10, 10, 255}, 2));

  FrameRequest push = test::request_for(scene.package, "day", 2, t0, t0 + Duration(400));
  push.previous = SlideRef{scene.package, "day", 1, t0 - Duration(10000)};
  SurfacePtr half = test::draw(renderer, push, 480, 270);
  const test::GoldenResult g2 = test::compare_golden(half.get(), "render_slide_mid");
  INFO(g2.message);
  CHECK(g2.ok);

  // Once the transition is over the frame is the slide alone, whatever came before.
  push.now = t0 + Duration(800);
  SurfacePtr done = test::draw(renderer, push, 480, 270);
  FrameRequest alone = test::request_for(scene.package, "day", 2, t0, t0 + Duration(800));
  SurfacePtr fresh = test::draw(renderer, alone, 480, 270);
  CHECK(std::memcmp(done->pixels, fresh->pixels, std::size_t(done->pitch) * 270) == 0);
  CHECK(renderer.next_redraw(push, 480, 270) == Instant::max());
}

TEST_CASE("render: a cut shows the new slide at once", "[transition][render]") {
  TempDir dir;
  test::Scene scene(test::write_png(dir / "photo.png", 40, 30));
  scene.add("cut", "picture", test::Scene::image(content::Fit::cover));
  ImageCache images;
  FrameRenderer renderer(test::huu_nghi_settings(), images);
  const Instant t0 = test::at("2026-11-23T08:00:00+07:00");
  FrameRequest req = test::request_for(scene.package, "cut", 0, t0, t0);
  req.previous = SlideRef{scene.package, "cut", 0, t0 - Duration(5000)};
  SurfacePtr s = test::draw(renderer, req, 96, 54);
  CHECK(test::near(test::pixel(s.get(), 1, 1), {255, 0, 0, 255}));
  CHECK(renderer.next_redraw(req, 96, 54) == Instant::max());
}
