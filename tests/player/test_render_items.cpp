// One golden per item kind and presentation, drawn through FrameRenderer exactly as the
// screen draws them, at 480x270 to keep the goldens small.
#include <catch2/catch.hpp>

#include "golden.hpp"
#include "player/images/image_cache.hpp"
#include "render_scene.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::player;
using gatecast::test::TempDir;

namespace {

constexpr int W = 480, H = 270;
// Text edges may move by a pixel between FreeType builds; colours and layout may not. The slack
// stays below the smallest change that matters: one minute on the clock changes about 200
// pixels here, and the clock test proves that a clock a minute off fails.
constexpr long text_slack = 40;

void check_golden(SDL_Surface* s, const std::string& name, long slack = text_slack) {
  const test::GoldenResult r = test::compare_golden(s, name, 16, slack);
  INFO(r.message);
  CHECK(r.ok);
}

struct Fixture {
  TempDir dir;
  test::Scene scene{test::write_png(dir / "photo.png", 400, 300)};
  ImageCache images;
  FrameRenderer renderer{test::huu_nghi_settings(), images};
  Instant start = test::at("2026-11-23T08:00:00+07:00");

  SurfacePtr draw(const std::string& playlist, Instant now) {
    return test::draw(renderer, test::request_for(scene.package, playlist, 0, start, now), W, H);
  }
};

}  // namespace

TEST_CASE("render: image cover and contain", "[render][golden]") {
  Fixture f;
  f.scene.add("cover", "picture", test::Scene::image(content::Fit::cover));
  f.scene.add("contain", "picture", test::Scene::image(content::Fit::contain));
  SurfacePtr cover = f.draw("cover", f.start);
  SurfacePtr contain = f.draw("contain", f.start);
  // Cover fills the picture region (480 x 190 on this output); contain shows the layout's
  // background beside a 253 x 190 picture.
  CHECK(test::near(test::pixel(cover.get(), 2, 2), {255, 0, 0, 255}));
  CHECK(test::near(test::pixel(contain.get(), 2, 2), {11, 42, 74, 255}));
  CHECK(test::near(test::pixel(contain.get(), 240 - 120, 10), {255, 0, 0, 255}));
  check_golden(cover.get(), "render_image_cover", 0);
  check_golden(contain.get(), "render_image_contain", 0);
}

TEST_CASE("render: stacked text shows every language at once", "[render][golden]") {
  Fixture f;
  f.scene.add("stacked", "title", test::Scene::text(content::LanguagePresentation::stacked));
  SurfacePtr s = f.draw("stacked", f.start + Duration(1000));
  REQUIRE(f.renderer.text());
  check_golden(s.get(), "render_text_stacked");
}

TEST_CASE("render: cycling text rotates the languages within the slide", "[render][golden]") {
  Fixture f;
  f.scene.add("cycling", "title", test::Scene::text(content::LanguagePresentation::cycling), Duration{12000});
  // 12 s shared by vi, zh, en: 4 s each.
  SurfacePtr vi = f.draw("cycling", f.start + Duration(1000));
  SurfacePtr vi_again = f.draw("cycling", f.start + Duration(3999));
  SurfacePtr en = f.draw("cycling", f.start + Duration(9000));
  check_golden(vi.get(), "render_text_cycling_vi");
  check_golden(en.get(), "render_text_cycling_en");
  check_golden(vi_again.get(), "render_text_cycling_vi");
  FrameRequest at_one_second =
      test::request_for(f.scene.package, "cycling", 0, f.start, f.start + Duration(1000));
  CHECK(f.renderer.next_redraw(at_one_second, W, H) == f.start + Duration(4000));
  FrameRequest last = test::request_for(f.scene.package, "cycling", 0, f.start, f.start + Duration(9000));
  CHECK(f.renderer.next_redraw(last, W, H) == Instant::max());  // the slide's end is the loop's
}

TEST_CASE("render: clock with the time and a date per language", "[render][golden]") {
  Fixture f;
  content::ClockItem clock;
  clock.style = test::text_style(20, 200);
  f.scene.add("clock", "title", clock);
  // 08:05:02 Hanoi; the date language changes every 5 s from the epoch: vi at :00-:04.
  const Instant t = test::at("2026-11-23T08:05:02+07:00");
  SurfacePtr vi = f.draw("clock", t);
  check_golden(vi.get(), "render_clock_vi");
  SurfacePtr zh = f.draw("clock", t + Duration(5000));
  check_golden(zh.get(), "render_clock_zh");
  for (const Duration off : {Duration(60000), Duration(-60000), Duration(3600000)}) {
    SurfacePtr wrong = f.draw("clock", t + off);
    const test::GoldenResult r = test::compare_golden(wrong.get(), "render_clock_vi", 16, text_slack,
                                                      test::GoldenUse::counter_example);
    INFO("a clock " << off.count() / 60000 << " min off: " << r.message);
    CHECK_FALSE(r.ok);
  }
  FrameRequest req = test::request_for(f.scene.package, "clock", 0, f.start, t);
  CHECK(f.renderer.next_redraw(req, W, H) == test::at("2026-11-23T08:05:05+07:00"));
}

TEST_CASE("render: ticker strip", "[render][golden]") {
  Fixture f;
  content::TickerItem ticker;
  ticker.text = test::huu_nghi_text();
  ticker.style = test::text_style(20, 200);
  f.scene.add("ticker", "title", ticker);
  const Instant t = test::at("2026-11-23T08:05:02.250+07:00");
  SurfacePtr s = f.draw("ticker", t);
  check_golden(s.get(), "render_ticker");
  FrameRequest req = test::request_for(f.scene.package, "ticker", 0, f.start, t);
  CHECK(f.renderer.next_redraw(req, W, H) == t);  // moves every frame
}

TEST_CASE("render: a static slide needs no redraw until it ends", "[render]") {
  Fixture f;
  f.scene.add("still", "picture", test::Scene::image(content::Fit::cover));
  FrameRequest req = test::request_for(f.scene.package, "still", 0, f.start, f.start + Duration(2000));
  CHECK(f.renderer.next_redraw(req, W, H) == Instant::max());
}

TEST_CASE("render: overlays (ticker, clock, logo) persist across the playlist's slides", "[render][golden]") {
  Fixture f;
  content::Playlist p;
  p.slides.push_back(test::slide("hero"));
  p.slides[0].content["picture"] = test::Scene::image(content::Fit::cover);
  p.slides[0].content["title"] = test::Scene::text(content::LanguagePresentation::stacked);
  p.slides.push_back(test::slide("hero"));
  content::TickerItem ticker;
  ticker.text = test::huu_nghi_text();
  ticker.style = test::text_style(20, 96);
  content::ClockItem clock;
  clock.style = test::text_style(16, 96);
  clock.style.outline = content::Outline{2, {0, 0, 0, 255}};
  p.overlays.push_back(content::Overlay{{0, 0, 1920, 60}, ticker});
  p.overlays.push_back(content::Overlay{{1560, 80, 340, 90}, clock});
  p.overlays.push_back(content::Overlay{{20, 80, 120, 120}, test::Scene::image(content::Fit::contain)});
  f.scene.m.playlists["day"] = p;
  const Instant t = test::at("2026-11-23T08:05:02+07:00");
  SurfacePtr first = test::draw(f.renderer, test::request_for(f.scene.package, "day", 0, f.start, t), W, H);
  check_golden(first.get(), "render_overlays");
  SurfacePtr second = test::draw(f.renderer, test::request_for(f.scene.package, "day", 1, t, t), W, H);
  // The logo (30 x 30 at (5, 20), the 4:3 photo contained: 30 x 23 from y = 23) on both slides.
  CHECK(test::near(test::pixel(second.get(), 10, 28), {255, 0, 0, 255}));
  CHECK(test::near(test::pixel(second.get(), 30, 42), {255, 255, 255, 255}));
  CHECK(test::pixel(first.get(), 10, 28) == test::pixel(second.get(), 10, 28));
  // Without anything moving but the clock, the next redraw... is every frame: a ticker runs.
  CHECK(f.renderer.next_redraw(test::request_for(f.scene.package, "day", 1, t, t), W, H) == t);
}
