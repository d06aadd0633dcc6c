// Pictures decode once to their region's size (cover crops, contain letterboxes), the cache
// holds them within a byte budget, and bad files become a problem in words, never a crash.
#include <catch2/catch.hpp>

#include <thread>

#include "player/images/image_cache.hpp"
#include "player/images/image_decode.hpp"
#include "player/images/picture_pool.hpp"
#include "render_fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::player;
using gatecast::test::TempDir;

using test::blue, test::green, test::red, test::white;

TEST_CASE("decode PNG, JPEG and both WebP kinds at their own size", "[image][render]") {
  TempDir dir;
  const auto data = std::filesystem::path(GATECAST_TEST_DATA) / "data/images";
  for (const auto& file : {test::write_png(dir / "q.png", 64, 48), test::write_jpeg(dir / "q.jpg", 64, 48),
                           data / "quadrants-lossless.webp", data / "quadrants-lossy.webp"}) {
    INFO(file.string());
    ImageResult r = decode_image(file);
    REQUIRE(r.surface);
    CHECK(r.problem.empty());
    CHECK(r.surface->format->format == SDL_PIXELFORMAT_ARGB8888);
    CHECK((r.surface->w == 64 && r.surface->h == 48));
    CHECK(test::near(test::pixel(r.surface.get(), 8, 8), red, 24));
    CHECK(test::near(test::pixel(r.surface.get(), 56, 8), green, 24));
    CHECK(test::near(test::pixel(r.surface.get(), 8, 40), blue, 24));
    CHECK(test::near(test::pixel(r.surface.get(), 56, 40), white, 24));
  }
}

TEST_CASE("contain fits the whole picture with transparent bars, cover fills and crops", "[image][render]") {
  TempDir dir;
  // 200 x 100 picture into a 100 x 100 region.
  auto file = test::write_png(dir / "wide.png", 200, 100);
  ImageResult contain = decode_image_fitted(file, 100, 100, content::Fit::contain);
  REQUIRE(contain.surface);
  CHECK((contain.surface->w == 100 && contain.surface->h == 100));
  CHECK(test::pixel(contain.surface.get(), 50, 10).a == 0);  // bar above (picture is 100 x 50)
  CHECK(test::pixel(contain.surface.get(), 50, 90).a == 0);  // bar below
  CHECK(test::near(test::pixel(contain.surface.get(), 10, 30), red));
  CHECK(test::near(test::pixel(contain.surface.get(), 90, 70), white));

  ImageResult cover = decode_image_fitted(file, 100, 100, content::Fit::cover);
  REQUIRE(cover.surface);
  // The middle 100 x 100 of the source: the left half shows the red/blue quadrants' right
  // halves, the right half green/white; every pixel opaque.
  CHECK(test::near(test::pixel(cover.surface.get(), 10, 10), red));
  CHECK(test::near(test::pixel(cover.surface.get(), 90, 10), green));
  CHECK(test::near(test::pixel(cover.surface.get(), 10, 90), blue));
  CHECK(test::near(test::pixel(cover.surface.get(), 90, 90), white));
  for (int y = 0; y < 100; y += 7) {
    for (int x = 0; x < 100; x += 7) REQUIRE(test::pixel(cover.surface.get(), x, y).a == 255);
  }
}

TEST_CASE("a large picture shrinks through box halving without losing its layout", "[image][render]") {
  TempDir dir;
  auto file = test::write_jpeg(dir / "big.jpg", 2000, 1200);
  ImageResult r = decode_image_fitted(file, 100, 60, content::Fit::cover);
  REQUIRE(r.surface);
  CHECK(test::near(test::pixel(r.surface.get(), 20, 15), red, 24));
  CHECK(test::near(test::pixel(r.surface.get(), 80, 45), white, 24));
}

TEST_CASE("an oversized header is refused before any decoding", "[image][render]") {
  TempDir dir;
  // A real 16 x 16 PNG whose IHDR is rewritten to claim 20000 x 20000 (CRC now wrong: a decoder
  // would complain about that, so the problem proves the header check came first).
  auto file = test::write_png(dir / "huge.png", 16, 16);
  std::string bytes = test::read_bytes(file);
  const std::string side("\x00\x00\x4e\x20", 4);
  bytes.replace(16, 4, side);
  bytes.replace(20, 4, side);
  test::write_bytes(file, bytes);
  ImageResult r = decode_image_fitted(file, 100, 100, content::Fit::cover);
  CHECK_FALSE(r.surface);
  CHECK(r.problem == "20000 x 20000 pixels is larger than the limit of 8192 x 8192");
  // Smaller limits apply too.
  ImageResult small = decode_image(test::write_png(dir / "ok.png", 300, 10), ImageLimits{256, 1000000});
  CHECK(small.problem == "300 x 10 pixels is larger than the limit of 256 x 256");
}

TEST_CASE("corrupt, truncated, empty and missing images give a problem, not a crash", "[image][render]") {
  TempDir dir;
  std::string png = test::read_bytes(test::write_png(dir / "good.png", 64, 64));
  test::write_bytes(dir / "truncated.png", png.substr(0, png.size() / 2));
  std::string garbled = png;
  for (std::size_t i = 40; i < garbled.size(); i += 3) garbled[i] = char(garbled[i] ^ 0x5a);
  test::write_bytes(dir / "garbled.png", garbled);
  std::string jpeg = test::read_bytes(test::write_jpeg(dir / "good.jpg", 64, 64));
  test::write_bytes(dir / "truncated.jpg", jpeg.substr(0, 200));
  test::write_bytes(dir / "empty.png", "");
  test::write_bytes(dir / "text.png", "this is not a picture");
  for (const char* name : {"truncated.png", "garbled.png", "empty.png", "text.png", "missing.png"}) {
    INFO(name);
    ImageResult r = decode_image_fitted(dir / name, 32, 32, content::Fit::contain);
    CHECK_FALSE(r.surface);
    CHECK_FALSE(r.problem.empty());
  }
  // libjpeg fills a cut-off JPEG with grey and warns; either way the screen gets a picture or
  // a problem, and nothing crashes.
  ImageResult cut = decode_image_fitted(dir / "truncated.jpg", 32, 32, content::Fit::contain);
  CHECK((cut.surface != nullptr) != !cut.problem.empty());
}

TEST_CASE("image cache keeps what fits its byte budget, least recently used goes first", "[image][render]") {
  TempDir dir;
  auto a = test::write_png(dir / "a.png", 64, 64), b = test::write_png(dir / "b.png", 64, 64),
       c = test::write_png(dir / "c.png", 64, 64);
  const std::size_t one = 64 * 64 * 4;
  ImageCache cache(2 * one);
  ImageKey ka{a, 64, 64, content::Fit::contain}, kb{b, 64, 64, content::Fit::contain},
      kc{c, 64, 64, content::Fit::contain};
  CHECK_FALSE(cache.find(ka));
  SharedSurface first = cache.get(ka).surface;
  REQUIRE(first);
  CHECK(cache.get(ka).surface == first);  // the same pixels, not decoded again
  REQUIRE(cache.get(kb).surface);
  CHECK(cache.bytes_held() == 2 * one);
  REQUIRE(cache.find(ka));         // a is now the most recent
  REQUIRE(cache.get(kc).surface);  // evicts b
  CHECK(cache.bytes_held() == 2 * one);
  CHECK(cache.find(ka));
  CHECK_FALSE(cache.find(kb));
  CHECK(cache.find(kc));
  // A surface handed out survives its eviction.
  cache.clear();
  CHECK(cache.bytes_held() == 0);
  CHECK(first->w == 64);
  // Larger than the whole budget: returned, never kept.
  ImageKey big{a, 200, 200, content::Fit::cover};
  CHECK(cache.get(big).surface);
  CHECK_FALSE(cache.find(big));
}

TEST_CASE("image cache decodes ahead on its worker and remembers failures", "[image][render]") {
  TempDir dir;
  auto good = test::write_png(dir / "good.png", 128, 96);
  test::write_bytes(dir / "bad.png", "not an image at all");
  ImageCache cache;
  ImageKey kg{good, 64, 48, content::Fit::cover}, kbad{dir / "bad.png", 64, 48, content::Fit::cover};
  cache.prefetch(kg);
  cache.prefetch(kbad);
  for (int i = 0; i < 500 && !(cache.find(kg) && cache.find(kbad)); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  auto g = cache.find(kg);
  REQUIRE(g);
  CHECK(g->surface);
  auto b = cache.find(kbad);
  REQUIRE(b);
  CHECK_FALSE(b->surface);
  CHECK(b->problem == "the file is not a PNG, JPEG or WebP image");
}

TEST_CASE("image cache decodes into the pixels it evicted, never into pixels still shown",
          "[image][render]") {
  TempDir dir;
  auto a = test::write_jpeg(dir / "a.jpg", 64, 48), b = test::write_jpeg(dir / "b.jpg", 64, 48),
       c = test::write_jpeg(dir / "c.jpg", 64, 48), d = test::write_jpeg(dir / "d.jpg", 64, 48);
  auto key = [](const std::filesystem::path& f) { return ImageKey{f, 64, 48, content::Fit::cover}; };
  ImageCache cache(64 * 48 * 4);  // one picture

  // a is decoded and let go; b evicts it, so its pixels are spare; c is decoded into them.
  void* a_pixels = cache.get(key(a)).surface->pixels;
  REQUIRE(cache.get(key(b)).surface);
  SharedSurface shown_c = cache.get(key(c)).surface;
  REQUIRE(shown_c);
  CHECK(shown_c->pixels == a_pixels);
  CHECK(test::near(test::pixel(shown_c.get(), 4, 4), content::Color{255, 0, 0, 255}, 24));

  // c is still held (a slide shows it) when d evicts it: d gets pixels of its own and c's stay.
  SharedSurface shown_d = cache.get(key(d)).surface;
  REQUIRE(shown_d);
  CHECK(shown_d->pixels != shown_c->pixels);
  CHECK(test::near(test::pixel(shown_c.get(), 4, 4), content::Color{255, 0, 0, 255}, 24));
  CHECK(test::near(test::pixel(shown_c.get(), 60, 44), content::Color{255, 255, 255, 255}, 24));
}

TEST_CASE("picture pool takes back pixels when their last holder lets go, and only then", "[image][render]") {
  std::shared_ptr<PicturePool> pool = PicturePool::make(1);
  SharedSurface tracked = pool->track(share(make_argb_surface(32, 16)));
  void* pixels = tracked->pixels;
  SharedSurface second_holder = tracked;
  tracked.reset();
  CHECK(pool->spares() == 0);  // still shown by someone
  CHECK_FALSE(pool->take(32, 16));
  second_holder.reset();
  CHECK(pool->spares() == 1);
  CHECK_FALSE(pool->take(16, 32));  // another size: not these pixels
  SharedSurface again = pool->take(32, 16);
  REQUIRE(again);
  CHECK(again->pixels == pixels);
  CHECK(pool->spares() == 0);

  // At most `keep` spares: the oldest goes.
  SharedSurface a = pool->track(share(make_argb_surface(8, 8))),
                b = pool->track(share(make_argb_surface(8, 8)));
  void* b_pixels = b->pixels;
  a.reset();
  b.reset();
  CHECK(pool->spares() == 1);
  SharedSurface newest = pool->take(8, 8);
  REQUIRE(newest);
  CHECK(newest->pixels == b_pixels);

  // The pool lives exactly as long as a surface it tracks.
  std::weak_ptr<PicturePool> watch = pool;
  SharedSurface last = pool->track(std::move(newest));
  pool.reset();
  CHECK_FALSE(watch.expired());
  last.reset();
  CHECK(watch.expired());
}
