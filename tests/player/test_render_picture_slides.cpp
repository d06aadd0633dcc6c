// Photo slides, the commonest kind on a gate's screen: a picture over the whole viewport is the
// frame itself (no composed copy), anything painted over it still shows, transitions leave the
// cached picture untouched, and the picture cache is sized to the playlist that plays.
#include <catch2/catch.hpp>

#include "player/images/image_cache.hpp"
#include "player/images/image_decode.hpp"
#include "render_scene.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::player;
using gatecast::test::TempDir;

namespace {

constexpr int out_w = 64, out_h = 36;

// A package whose "full" layout is one region over the whole 1920x1080 canvas, and whose
// "captioned" layout puts a translucent strip over the same picture.
struct PhotoScene {
  TempDir dir;
  std::shared_ptr<RenderPackage> package = std::make_shared<RenderPackage>();
  content::Manifest& m = package->manifest;

  PhotoScene() {
    m.channel = "test";
    m.version = 1;
    content::Layout full = test::layout(1920, 1080, {11, 42, 74, 255});
    full.regions["picture"] = content::Region{{0, 0, 1920, 1080}, std::nullopt};
    m.layouts["full"] = full;
    content::Layout captioned = full;
    captioned.regions["strip"] = content::Region{{0, 900, 1920, 180}, content::Color{0, 0, 0, 255}};
    m.layouts["captioned"] = captioned;
  }

  // A JPEG asset `name`, `w` x `h`, in quadrant colours.
  void add_photo(const std::string& name, int w = 1280, int h = 720) {
    m.assets[name] = content::Asset{std::string(64, 'a'), 1, content::AssetType::jpeg, {}, std::nullopt};
    package->asset_files[name] = test::write_jpeg(dir / (name + ".jpg"), w, h);
  }

  content::Slide photo_slide(const std::string& asset, const std::string& layout = "full") {
    content::Slide s = test::slide(layout);
    content::ImageItem image;
    image.asset = asset;
    image.fit = content::Fit::cover;
    s.content["picture"] = image;
    return s;
  }
};

bool same_pixels(const SDL_Surface* a, const SDL_Surface* b) {
  if (a->w != b->w || a->h != b->h) return false;
  for (int y = 0; y < a->h; ++y) {
    for (int x = 0; x < a->w; ++x) {
      if (pixel_row(a, y)[x] != pixel_row(b, y)[x]) return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("a photo slide's frame is its picture; what is painted over a picture still shows",
          "[render][image]") {
  PhotoScene s;
  s.add_photo("a");
  s.add_photo("b", 640, 640);  // square: cover crops its quadrants elsewhere, so a blend shows
  content::Playlist day;
  day.slides = {s.photo_slide("a"), s.photo_slide("b"), s.photo_slide("a", "captioned")};
  day.slides[1].transition = content::Transition{content::TransitionKind::crossfade, Duration{1000}};
  s.m.playlists["day"] = day;
  ImageCache images;
  FrameRenderer renderer(test::huu_nghi_settings(), images);
  const Instant t = test::at("2026-11-23T08:00:00+07:00");

  ImageResult picture = decode_image_fitted(s.package->asset_files["a"], out_w, out_h, content::Fit::cover);
  REQUIRE(picture.surface);
  CHECK(picture.opaque);
  SurfacePtr first = test::draw(renderer, test::request_for(s.package, "day", 0, t, t), out_w, out_h);
  CHECK(same_pixels(first.get(), picture.surface.get()));

  // Halfway through the crossfade to b, then back on a: a's pixels are as they were (the
  // blend wrote into the frame, never into the picture that serves as a's base).
  FrameRequest fade = test::request_for(s.package, "day", 1, t, t + Duration{500});
  fade.previous = SlideRef{s.package, "day", 0, t - Duration{10000}};
  SurfacePtr middle = test::draw(renderer, fade, out_w, out_h);
  CHECK_FALSE(same_pixels(middle.get(), first.get()));
  SurfacePtr again = test::draw(renderer, test::request_for(s.package, "day", 0, t, t), out_w, out_h);
  CHECK(same_pixels(again.get(), first.get()));

  // The captioned layout paints its black strip over the lowest sixth of the same picture.
  SurfacePtr captioned = test::draw(renderer, test::request_for(s.package, "day", 2, t, t), out_w, out_h);
  CHECK(test::near(test::pixel(captioned.get(), 2, out_h - 2), content::Color{0, 0, 0, 255}, 2));
  CHECK(test::near(test::pixel(captioned.get(), 2, 2), content::Color{255, 0, 0, 255}, 24));
  // ...and that did not paint into the cached picture either.
  SurfacePtr plain = test::draw(renderer, test::request_for(s.package, "day", 0, t, t), out_w, out_h);
  CHECK(same_pixels(plain.get(), first.get()));
}

TEST_CASE("the picture cache keeps a loop that fits, and three screenfuls of one that does not",
          "[render][image]") {
  PhotoScene s;
  content::Playlist short_loop, long_loop;
  for (int i = 0; i < 12; ++i) {
    const std::string name = "p" + std::to_string(i);
    s.add_photo(name, 320, 180);
    if (i < 4) short_loop.slides.push_back(s.photo_slide(name));
    long_loop.slides.push_back(s.photo_slide(name));
  }
  short_loop.slides.push_back(s.photo_slide("p0"));  // a picture shown twice counts once
  s.m.playlists["short"] = short_loop;
  s.m.playlists["long"] = long_loop;
  const std::size_t screenful = std::size_t(out_w) * out_h * 4;
  ImageCache images(8 * screenful);
  FrameRenderer renderer(test::huu_nghi_settings(), images);

  renderer.prefetch(SlideRef{s.package, "short", 1, {}}, out_w, out_h);
  CHECK(images.budget() == 8 * screenful);
  renderer.prefetch(SlideRef{s.package, "long", 1, {}}, out_w, out_h);
  CHECK(images.budget() == 3 * screenful);
  // Whatever the worker decoded for the long loop fits the lowered budget.
  for (int i = 0; i < 12; ++i)
    (void)images.get(
        ImageKey{s.package->asset_files["p" + std::to_string(i)], out_w, out_h, content::Fit::cover});
  CHECK(images.bytes_held() <= 3 * screenful);
  renderer.prefetch(SlideRef{s.package, "short", 2, {}}, out_w, out_h);
  CHECK(images.budget() == 8 * screenful);
}
