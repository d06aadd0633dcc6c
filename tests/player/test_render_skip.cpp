// A slide whose picture is oversized or corrupt is skipped with a log line while the rest of
// the playlist plays.
#include <catch2/catch.hpp>

#include <set>

#include "player/images/image_cache.hpp"
#include "player/loop/frame_drawer.hpp"
#include "player/loop/screen_drawing.hpp"
#include "render_scene.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::player;
using gatecast::test::TempDir;

namespace {

// A real PNG whose header claims 20000 x 20000.
std::filesystem::path oversized_png(const std::filesystem::path& file) {
  std::string bytes = test::read_bytes(test::write_png(file, 16, 16));
  const std::string side("\x00\x00\x4e\x20", 4);
  bytes.replace(16, 4, side);
  bytes.replace(20, 4, side);
  test::write_bytes(file, bytes);
  return file;
}

struct BrokenScene {
  TempDir dir;
  test::Scene scene{test::write_png(dir / "photo.png", 64, 48)};
  BrokenScene() {
    scene.m.assets["huge"] = scene.m.assets["photo"];
    scene.package->asset_files["huge"] = oversized_png(dir / "huge.png");
    // A sound header over garbled pixel data: only the decoder can tell.
    std::string png = test::read_bytes(test::write_png(dir / "corrupt.png", 64, 48));
    for (std::size_t i = 40; i < png.size(); i += 3) png[i] = char(png[i] ^ 0x5a);
    test::write_bytes(dir / "corrupt.png", png);
    scene.m.assets["corrupt"] = scene.m.assets["photo"];
    scene.package->asset_files["corrupt"] = dir / "corrupt.png";
    content::Playlist p;
    for (const char* asset : {"photo", "huge", "photo", "corrupt", "photo"}) {
      p.slides.push_back(test::slide("hero"));
      content::ImageItem image;
      image.asset = asset;
      p.slides.back().content["picture"] = image;
    }
    scene.m.playlists["day"] = p;
  }
};

}  // namespace

TEST_CASE("oversized and corrupt pictures make their slides unplayable, the rest play",
          "[render][image][screen]") {
  BrokenScene b;
  b.scene.m.schedule.default_playlist = "day";
  // The renderer's half of the decision: the pictures, decoded at their size on screen.
  ImageCache images;
  FrameRenderer renderer(test::huu_nghi_settings(), images);
  CHECK(renderer.picture_problems(SlideRef{b.scene.package, "day", 0, {}}, 480, 270).empty());
  CHECK(
      renderer.picture_problems(SlideRef{b.scene.package, "day", 1, {}}, 480, 270) ==
      std::vector<std::string>{"asset 'huge': 20000 x 20000 pixels is larger than the limit of 8192 x 8192"});
  REQUIRE(renderer.picture_problems(SlideRef{b.scene.package, "day", 3, {}}, 480, 270).size() == 1);
  CHECK_THAT(renderer.picture_problems(SlideRef{b.scene.package, "day", 3, {}}, 480, 270).front(),
             Catch::StartsWith("asset 'corrupt': the image does not decode: "));
  CHECK(renderer.picture_problems(SlideRef{b.scene.package, "day", 9, {}}, 480, 270).empty());

  // The one decision: the oversized header is benched when the package loads, the corrupt
  // picture when the screen at an instant is drawn; the rest play.
  LoadedScreen package(std::make_shared<LoadedPackage>(b.scene.package, "test", 1, scheduler::TimeZone()));
  REQUIRE(package.benched_slides().size() == 1);
  CHECK(package.benched_slides()[0].index == 1);
  CHECK(package.benched_slides()[0].channel == "test");
  CHECK_THAT(package.benched_slides()[0].reason,
             Catch::EndsWith("20000 x 20000 pixels is larger than the limit of 8192 x 8192"));
  std::unique_ptr<FrameDrawer> drawer = make_frame_drawer(test::huu_nghi_settings(), 480, 270);
  SurfacePtr canvas = make_argb_surface(480, 270);
  LogOnce log;
  const Instant t = test::at("2026-11-23T08:00:00+07:00");
  const DrawnScreen drawn = draw_screen(&package, t, ShownBefore::as_scheduled(), *drawer, canvas.get(), log);
  REQUIRE(drawn.newly_benched.size() == 1);
  CHECK(drawn.newly_benched[0].index == 3);
  CHECK_THAT(drawn.newly_benched[0].reason,
             Catch::StartsWith("asset 'corrupt': the image does not decode: "));
  CHECK(drawn.screen.benched.size() == 2);
  std::set<std::size_t> shown;
  for (Duration d{0}; d < std::chrono::minutes(3); d += std::chrono::seconds(5)) {
    const ScreenAt screen = screen_at(&package, t + d);
    REQUIRE(screen.slide);
    shown.insert(screen.slide->index);
  }
  CHECK(shown == std::set<std::size_t>{0, 2, 4});
}

TEST_CASE("drawing a broken slide reports it for the loop and leaves the background", "[render][image]") {
  BrokenScene b;
  ImageCache images;
  FrameRenderer renderer(test::huu_nghi_settings(), images);
  const Instant t = test::at("2026-11-23T08:00:00+07:00");
  SurfacePtr s = test::draw(renderer, test::request_for(b.scene.package, "day", 1, t, t), 96, 54);
  REQUIRE(renderer.slide_problems().size() == 1);
  CHECK(renderer.slide_problems()[0] ==
        "asset 'huge': 20000 x 20000 pixels is larger than the limit of 8192 x 8192");
  CHECK(test::near(test::pixel(s.get(), 1, 1), {11, 42, 74, 255}));
  // The next good slide draws and clears the report.
  SurfacePtr good = test::draw(renderer, test::request_for(b.scene.package, "day", 2, t, t), 96, 54);
  CHECK(renderer.slide_problems().empty());
  CHECK(test::near(test::pixel(good.get(), 30, 5), {255, 0, 0, 255}));  // contained: 51 x 38 from x = 22
}

TEST_CASE("an asset without a file is a problem, not a crash", "[render][image][screen]") {
  BrokenScene b;
  b.scene.package->asset_files.erase("photo");
  ImageCache images;
  FrameRenderer renderer(test::huu_nghi_settings(), images);
  CHECK(renderer.picture_problems(SlideRef{b.scene.package, "day", 0, {}}, 96, 54) ==
        std::vector<std::string>{"asset 'photo': no file for this image"});
  // Every slide benched: the idle screen plays.
  b.scene.m.schedule.default_playlist = "day";
  LoadedScreen package(std::make_shared<LoadedPackage>(b.scene.package, "test", 1, scheduler::TimeZone()));
  std::unique_ptr<FrameDrawer> drawer = make_frame_drawer(test::huu_nghi_settings(), 96, 54);
  SurfacePtr canvas = make_argb_surface(96, 54);
  LogOnce log;
  const DrawnScreen drawn = draw_screen(&package, test::at("2026-11-23T08:00:00+07:00"),
                                        ShownBefore::as_scheduled(), *drawer, canvas.get(), log);
  CHECK_FALSE(drawn.screen.slide);
  CHECK(drawn.screen.benched.size() == 5);
  CHECK_FALSE(drawn.fallback);
}
