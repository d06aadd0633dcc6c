// The ticker's position is a function of the instant alone: independent of the frame rate and
// of what was drawn before, moving at its speed in canvas px/s, looping without a seam.
#include <catch2/catch.hpp>

#include <cstring>

#include "player/images/image_cache.hpp"
#include "player/render/item_painter.hpp"
#include "render_scene.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::player;
using gatecast::test::TempDir;

TEST_CASE("ticker offset moves at its speed, scaled to the output", "[ticker][render]") {
  const Instant t = test::at("2026-11-23T08:00:00+07:00");
  const int loop = 100000;  // long enough not to wrap in this test
  const int o0 = ticker_offset(t, 120, 1.0, loop);
  CHECK((ticker_offset(t + Duration(1000), 120, 1.0, loop) - o0 + loop) % loop == 120);
  CHECK((ticker_offset(t + Duration(250), 120, 1.0, loop) - o0 + loop) % loop == 30);
  // A quarter-size output moves a quarter as many output pixels.
  const int q0 = ticker_offset(t, 120, 0.25, loop);
  CHECK((ticker_offset(t + Duration(1000), 120, 0.25, loop) - q0 + loop) % loop == 30);
}

TEST_CASE("ticker offset loops with the line's width and stays in range", "[ticker][render]") {
  const Instant t = test::at("2026-11-23T08:00:00+07:00");
  // 600 px at 120 px/s loops every 5 s.
  CHECK(ticker_offset(t, 120, 1.0, 600) == ticker_offset(t + Duration(5000), 120, 1.0, 600));
  CHECK(ticker_offset(t, 120, 1.0, 600) == ticker_offset(t + Duration(5000 * 1000), 120, 1.0, 600));
  for (std::int64_t ms = -100000; ms < 100000; ms += 777) {
    const int o = ticker_offset(Instant(Duration(ms)), 133.3, 0.7, 613);
    REQUIRE(o >= 0);
    REQUIRE(o < 613);
  }
  CHECK(ticker_offset(t, 0, 1.0, 600) == 0);
  CHECK(ticker_offset(t, 120, 1.0, 0) == 0);
}

TEST_CASE("ticker offset is the same however the frames were spaced", "[ticker][render]") {
  const Instant start = test::at("2026-11-23T08:00:00+07:00");
  const Instant end = start + Duration(3217);
  // 60 fps, 7 fps and one jump: whatever the steps, the same offset at the same instant.
  int at_end[3] = {};
  const int steps[3] = {16, 143, 3217};
  for (int i = 0; i < 3; ++i) {
    Instant t = start;
    while (t < end) t = std::min(end, t + Duration(steps[i]));
    at_end[i] = ticker_offset(t, 140, 1.0, 2400);
  }
  CHECK(at_end[0] == at_end[1]);
  CHECK(at_end[1] == at_end[2]);
}

TEST_CASE("ticker line joins the shown languages and ends with the separator", "[ticker][render]") {
  content::TickerItem item;
  item.text = {{"en", "Welcome"}, {"vi", "Chào mừng"}, {"zh", "欢迎"}, {"fr", "Bienvenue"}};
  item.separator = " · ";
  CHECK(ticker_line(item, shown_languages(item.text, {"vi", "zh", "en"})) == "Chào mừng · 欢迎 · Welcome · ");
  // None of the site's languages: every language the item has rather than nothing.
  CHECK(shown_languages({{"fr", "x"}, {"de", "y"}}, {"vi"}) == std::vector<std::string>{"de", "fr"});
}

TEST_CASE("render: the ticker frame at an instant ignores the frames drawn before", "[ticker][render]") {
  TempDir dir;
  test::Scene scene(test::write_png(dir / "photo.png", 40, 30));
  content::TickerItem ticker;
  ticker.text = test::huu_nghi_text();
  ticker.style = test::text_style(20, 60);
  scene.add("ticker", "title", ticker);
  ImageCache images;
  const Instant t0 = test::at("2026-11-23T08:00:00+07:00");
  const Instant probe = t0 + Duration(7340);

  FrameRenderer fresh_renderer(test::huu_nghi_settings(), images);
  SurfacePtr fresh =
      test::draw(fresh_renderer, test::request_for(scene.package, "ticker", 0, t0, probe), 480, 270);

  FrameRenderer busy_renderer(test::huu_nghi_settings(), images);
  for (Instant t = t0; t < probe; t += Duration(97)) {
    (void)test::draw(busy_renderer, test::request_for(scene.package, "ticker", 0, t0, t), 480, 270);
  }
  SurfacePtr busy =
      test::draw(busy_renderer, test::request_for(scene.package, "ticker", 0, t0, probe), 480, 270);
  CHECK(std::memcmp(fresh->pixels, busy->pixels, std::size_t(fresh->pitch) * 270) == 0);

  // And it moved: a second later the strip differs.
  SurfacePtr later = test::draw(
      fresh_renderer, test::request_for(scene.package, "ticker", 0, t0, probe + Duration(1000)), 480, 270);
  CHECK(std::memcmp(fresh->pixels, later->pixels, std::size_t(fresh->pitch) * 270) != 0);
}
