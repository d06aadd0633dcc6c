// The clock and the dates of the idle screen, read back by an OCR engine nobody here wrote
// (tesseract): a golden picture only says the screen is what it was, this says it tells the
// time and the date it is given. Tesseract missing fails the test.
#include <SDL2/SDL_image.h>

#include <catch2/catch.hpp>

#include <cstdlib>

#include "player/images/image_cache.hpp"
#include "render_scene.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::player;

namespace {

// What tesseract reads on the idle screen at `now`, drawn at 960 x 540.
std::string read_idle_screen(const std::string& now) {
  ImageCache images;
  FrameRenderer renderer(test::huu_nghi_settings(), images);
  FrameRequest idle;
  idle.now = test::at(now.c_str());
  SurfacePtr s = test::draw(renderer, idle, 960, 540);
  test::TempDir dir("gatecast-ocr");
  const std::string png = (dir / "idle.png").string();
  REQUIRE(IMG_SavePNG(s.get(), png.c_str()) == 0);
  ::setenv("OMP_THREAD_LIMIT", "1", 1);  // one core: the suite runs tests side by side
  const test::RunResult r = test::run({"tesseract", png, "-", "-l", "eng"});
  INFO("tesseract: " << r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

}  // namespace

TEST_CASE("the idle screen's clock and dates read back as the time and day it was drawn for",
          "[idle][render][ocr]") {
  struct Case {
    const char* now;
    const char* clock;
    const char* vi_date;
    const char* en_date;
  };
  for (const Case& c : {Case{"2026-11-23T08:05:00+07:00", "08:05", "23/11/2026", "Monday, 23 November 2026"},
                        Case{"2026-11-23T17:59:00+07:00", "17:59", "23/11/2026", "Monday, 23 November 2026"},
                        // Instants given in UTC are shown in the site's time (UTC+7), the second
                        // one on the next day.
                        Case{"2027-01-31T16:47:00Z", "23:47", "31/01/2027", "Sunday, 31 January 2027"},
                        Case{"2027-02-28T17:30:00Z", "00:30", "01/03/2027", "Monday, 1 March 2027"}}) {
    const std::string text = read_idle_screen(c.now);
    INFO(c.now << " read as:\n" << text);
    CHECK_THAT(text, Catch::Contains(c.clock));
    CHECK_THAT(text, Catch::Contains(c.vi_date));
    CHECK_THAT(text, Catch::Contains(c.en_date));
  }
}
