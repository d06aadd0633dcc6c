// The play loop with the real renderer on a headless canvas and a clock the test moves:
// order and durations, idle screens, night, broken slides.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "test_loop_fixture.hpp"

using namespace gatecast;
using namespace gatecast::test;
using namespace std::chrono_literals;

namespace {

// 08:00:00 UTC is a whole number of 15 s cycles after midnight: slide 0 starts exactly there.
const Instant eight = at_utc("2026-11-25T08:00:00Z");

LoopPackage three_slides(std::int64_t version = 1) {
  LoopPackage p;
  p.version = version;
  p.playlists = {
      {"day", {{"slides", {picture_slide("red", 5), picture_slide("green", 7), picture_slide("blue", 3)}}}}};
  return p;
}

// (seconds after `from`, slide) at each frame where the slide or playlist changed.
std::vector<std::pair<double, int>> changes(const std::vector<player::ShownFrame>& frames, Instant from) {
  std::vector<std::pair<double, int>> out;
  std::string last_playlist = "?";
  int last_slide = -2;
  for (const auto& f : frames) {
    int slide = f.slide ? static_cast<int>(*f.slide) : -1;
    if (slide == last_slide && f.playlist == last_playlist) continue;
    out.emplace_back(std::chrono::duration<double>(f.at - from).count(), slide);
    last_slide = slide;
    last_playlist = f.playlist;
  }
  return out;
}

// The real drawer, recording which slides the loop asks to be decoded ahead.
class PrefetchRecorder final : public player::FrameDrawer {
 public:
  explicit PrefetchRecorder(std::unique_ptr<player::FrameDrawer> inner) : inner_(std::move(inner)) {}
  Instant draw(const player::FrameRequest& request, SDL_Surface* canvas) override {
    return inner_->draw(request, canvas);
  }
  void draw_banner(const player::StatusBanner& banner, SDL_Surface* canvas) override {
    inner_->draw_banner(banner, canvas);
  }
  std::vector<std::string> slide_problems() const override { return inner_->slide_problems(); }
  void forget_package() override { inner_->forget_package(); }
  void prefetch(const player::SlideRef& slide, SDL_Surface* canvas) override {
    prefetched.push_back(slide.index);
    inner_->prefetch(slide, canvas);
  }
  std::vector<std::size_t> prefetched;

 private:
  std::unique_ptr<player::FrameDrawer> inner_;
};

}  // namespace

TEST_CASE("loop plays a package's slides in order with their durations", "[loop]") {
  LoopScreen screen(eight);
  screen.install(three_slides());
  player::LoopOptions options;
  options.exit_after = 45s;
  screen.loop(options).run();

  std::vector<std::pair<double, int>> expected{{0, 0},  {5, 1},  {12, 2}, {15, 0}, {20, 1},
                                               {27, 2}, {30, 0}, {35, 1}, {42, 2}};
  CHECK(changes(screen.loop().shown(), eight) == expected);

  // Every slide that ended is in the play log, with its real start and end.
  std::vector<content::LoggedPlay> plays = logged_plays(*screen.play_log);
  REQUIRE(plays.size() == 9);  // eight that ended, and the last one cut by the stop
  for (std::size_t i = 0; i + 1 < plays.size(); ++i) {
    const content::PlayRecord& p = plays[i].play;
    CHECK(p.playlist == "day");
    CHECK(p.slide_index == expected[i].second);
    CHECK(p.start == eight + std::chrono::milliseconds(static_cast<int>(expected[i].first * 1000)));
    CHECK(p.end == eight + std::chrono::milliseconds(static_cast<int>(expected[i + 1].first * 1000)));
    CHECK(p.version == 1);
    CHECK(p.screen == "langson/huunghi/1");
    CHECK(p.assets ==
          std::vector<std::string>{std::vector<std::string>{"red", "green", "blue"}[p.slide_index]});
  }
  CHECK(plays.back().play.end == eight + 45s);
}

TEST_CASE("loop draws each slide's picture on the canvas", "[loop]") {
  LoopScreen screen(eight);
  screen.install(three_slides());
  screen.turn_at(eight + 1s);
  CHECK(near_colour(screen.centre(), "red"));
  screen.turn_at(eight + 6s);
  CHECK(near_colour(screen.centre(), "green"));
  screen.turn_at(eight + 13s);
  CHECK(near_colour(screen.centre(), "blue"));
  screen.turn_at(eight + 15s);
  CHECK(near_colour(screen.centre(), "red"));
}

TEST_CASE("loop redraws only when something changes", "[loop]") {
  LoopScreen screen(eight);
  screen.install(three_slides());
  screen.turn_at(eight + 1s);
  std::size_t frames = screen.loop().shown().size();
  Instant deadline = screen.loop().turn();
  // A static picture slide: the next deadline is the slide's end, and turning again before it
  // draws nothing.
  CHECK(deadline <= eight + 5s);
  screen.turn_at(eight + 2s);
  screen.turn_at(eight + 3s);
  CHECK(screen.loop().shown().size() == frames);
  screen.turn_at(eight + 5s);
  CHECK(screen.loop().shown().size() == frames + 1);
}

TEST_CASE("loop shows the idle screen, never black, when nothing is installed", "[loop]") {
  LoopScreen screen(eight);
  screen.turn_at(eight);
  REQUIRE(!screen.loop().shown().empty());
  CHECK(screen.loop().shown().back().playlist.empty());
  CHECK(screen.loop().shown().back().version == 0);
  CHECK(screen.black_share() < 0.5);

  // Once something is installed (by another process: nobody wakes the loop) it plays within
  // one store check.
  screen.install(three_slides());
  screen.turn_at(eight + 6s);
  CHECK(screen.loop().shown().back().version == 1);
  CHECK(near_colour(screen.centre(), "green"));
}

TEST_CASE("loop shows the idle screen when everything is off schedule", "[loop]") {
  LoopScreen screen(eight);
  LoopPackage p = three_slides();
  p.schedule = {{"entries", {{{"playlist", "day"}, {"window", {"20:00", "21:00"}}}}}};
  screen.install(p);
  screen.turn_at(eight);
  CHECK(screen.loop().shown().back().version == 1);
  CHECK(screen.loop().shown().back().playlist.empty());
  CHECK(screen.black_share() < 0.5);
  // The loop sleeps until the schedule changes, not a moment longer.
  screen.turn_at(at_utc("2026-11-25T20:00:00Z"));
  CHECK(screen.loop().shown().back().playlist == "day");
  CHECK(screen.loop().shown().back().slide == std::optional<std::size_t>(0));
}

TEST_CASE("loop shows the idle screen when the only package lost a blob", "[loop]") {
  LoopScreen screen(eight);
  screen.install(three_slides());
  std::filesystem::path blob = screen.store_blob_path_of(colour_png("green"));
  REQUIRE(std::filesystem::exists(blob));
  std::filesystem::permissions(blob.parent_path(), std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::add);
  std::filesystem::remove(blob);
  screen.turn_at(eight + 1s);
  REQUIRE(!screen.loop().shown().empty());
  CHECK(screen.loop().shown().back().slide == std::nullopt);
  CHECK(screen.black_share() < 0.5);
  screen.turn_at(eight + 6s);  // still alive and lit
  CHECK(screen.black_share() < 0.5);
}

TEST_CASE("loop turns the screen off at night and dims it in the evening", "[loop]") {
  LoopScreen screen(eight);
  LoopPackage p = three_slides();
  p.screen = {{"on", {"06:00", "22:00"}}, {"dim", {{"window", {"19:00", "22:00"}}, {"level", 0.5}}}};
  screen.install(p);

  screen.turn_at(eight);
  CHECK_FALSE(screen.loop().shown().back().screen_off);
  CHECK(screen.loop().shown().back().brightness == 1.0);
  CHECK(near_colour(screen.centre(), "red"));

  screen.turn_at(at_utc("2026-11-25T19:30:00Z"));
  CHECK(screen.loop().shown().back().brightness == 0.5);
  std::uint32_t dimmed = screen.centre();
  CHECK(((dimmed >> 16) & 0xff) < 0xd0 * 3 / 4);  // red channel well below full

  screen.turn_at(at_utc("2026-11-25T23:00:00Z"));
  CHECK(screen.loop().shown().back().screen_off);
  CHECK(screen.black_share() > 0.99);  // off is the one black the screen may show

  screen.turn_at(at_utc("2026-11-26T06:00:00Z"));
  CHECK_FALSE(screen.loop().shown().back().screen_off);
  CHECK(screen.loop().shown().back().slide == std::optional<std::size_t>(0));  // a fresh start
}

TEST_CASE("loop skips a slide whose picture is not an image and plays the rest", "[loop]") {
  LoopScreen screen(eight);
  LoopPackage p = three_slides();
  p.blobs_override["green"] = std::string(2000, 'x');  // no image header at all
  screen.install(p);
  player::LoopOptions options;
  options.exit_after = 30s;
  screen.loop(options).run();
  // Slides 0 (5 s) and 2 (3 s) share the time: an 8 s cycle from midnight, 08:00 = 3600 cycles.
  std::vector<std::pair<double, int>> expected{{0, 0},  {5, 2},  {8, 0},  {13, 2},
                                               {16, 0}, {21, 2}, {24, 0}, {29, 2}};
  CHECK(changes(screen.loop().shown(), eight) == expected);
  CHECK(screen.loop().package()->benched("day", 1));
}

TEST_CASE("loop skips a slide whose picture does not decode and plays the rest", "[loop]") {
  LoopScreen screen(eight);
  LoopPackage p = three_slides();
  // A real PNG header (it probes fine) followed by garbage: only decoding finds it.
  std::string png = colour_png("green");
  std::string broken = png.substr(0, 40) + std::string(png.size() - 40, '\x5a');
  p.blobs_override["green"] = broken;
  screen.install(p);
  screen.turn_at(eight + 1s);
  CHECK(near_colour(screen.centre(), "red"));
  screen.turn_at(eight + 5s);
  // At the broken slide's start it is benched and the playlist re-plans without it.
  CHECK(screen.loop().package()->benched("day", 1));
  CHECK(screen.loop().shown().back().slide != std::optional<std::size_t>(1));
  CHECK(screen.black_share() < 0.5);
  for (const auto& f : screen.loop().shown()) CHECK(f.slide != std::optional<std::size_t>(1));
}

TEST_CASE("loop decodes the next slide ahead, but not one past its end", "[loop]") {
  LoopScreen screen(eight);
  auto recorder = std::make_unique<PrefetchRecorder>(std::move(screen.drawer));
  PrefetchRecorder& recorded = *recorder;
  screen.drawer = std::move(recorder);
  screen.install(three_slides());
  player::LoopOptions options;
  options.exit_after = 12s;  // red 0-5 s, green 5-12 s; blue (12-15 s) is never shown
  screen.loop(options).run();
  CHECK(changes(screen.loop().shown(), eight) == std::vector<std::pair<double, int>>{{0, 0}, {5, 1}});
  CHECK(recorded.prefetched == std::vector<std::size_t>{1});  // green while red shows; no blue
}

TEST_CASE("loop logs each picture's title from the installed manifest: its own, else its slide's",
          "[loop][titles]") {
  LoopScreen screen(eight);
  LoopPackage package = three_slides();
  package.asset_titles["red"] = {{"vi", "Cửa khẩu Hữu Nghị"}, {"en", "Huu Nghi gate"}};
  package.playlists["day"]["slides"][0]["title"] = {{"vi", "Không dùng: ảnh có tên riêng"}};
  package.playlists["day"]["slides"][1]["title"] = {{"vi", "Chợ đêm Kỳ Lừa"}};
  REQUIRE(screen.install(package).changed);
  player::LoopOptions options;
  options.exit_after = 15s;
  screen.loop(options).run();

  const std::vector<content::LoggedPlay> plays = logged_plays(*screen.play_log);
  REQUIRE(plays.size() == 3);
  using Titles = std::map<std::string, content::Title>;
  CHECK(plays[0].play.titles == Titles{{"red", {{"vi", "Cửa khẩu Hữu Nghị"}, {"en", "Huu Nghi gate"}}}});
  CHECK(plays[1].play.titles == Titles{{"green", {{"vi", "Chợ đêm Kỳ Lừa"}}}});
  CHECK(plays[2].play.titles.empty());  // neither the picture nor its slide has one
}

TEST_CASE("loop logs a slide of text only with the slide's own title", "[loop][titles]") {
  LoopScreen screen(eight);
  LoopPackage package;
  const nlohmann::json text = {{"type", "text"}, {"text", {{"vi", "Mở cửa 7:00"}, {"en", "Open 7:00"}}}};
  nlohmann::json titled = {{"layout", "full"},
                           {"duration", 5},
                           {"title", {{"vi", "Giờ mở cửa"}, {"en", "Opening hours"}}},
                           {"content", {{"main", text}}}};
  nlohmann::json untitled = titled;
  untitled.erase("title");
  package.playlists = {{"day", {{"slides", {titled, picture_slide("red", 5), untitled}}}}};
  REQUIRE(screen.install(package).changed);
  player::LoopOptions options;
  options.exit_after = 15s;
  screen.loop(options).run();

  const std::vector<content::LoggedPlay> plays = logged_plays(*screen.play_log);
  REQUIRE(plays.size() == 3);
  CHECK(plays[0].play.assets.empty());
  CHECK(plays[0].play.slide_title == content::Title{{"vi", "Giờ mở cửa"}, {"en", "Opening hours"}});
  CHECK(plays[1].play.assets == std::vector<std::string>{"red"});
  CHECK(plays[1].play.slide_title.empty());  // a slide with a picture names the picture
  CHECK(plays[2].play.assets.empty());
  CHECK(plays[2].play.slide_title.empty());
}

namespace {

// Everything written to stderr (fd 2) between construction and finish().
class CapturedStderr {
 public:
  explicit CapturedStderr(std::filesystem::path file) : file_(std::move(file)) {
    std::fflush(stderr);
    saved_ = ::dup(STDERR_FILENO);
    const int fd = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    REQUIRE(fd >= 0);
    ::dup2(fd, STDERR_FILENO);
    ::close(fd);
  }
  ~CapturedStderr() { (void)finish(); }
  std::string finish() {
    if (saved_ < 0) return read_whole(file_);
    std::fflush(stderr);
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
    saved_ = -1;
    return read_whole(file_);
  }

 private:
  std::filesystem::path file_;
  int saved_ = -1;
};

}  // namespace

TEST_CASE("a truncated PNG at play is one stderr line, gatecast's, naming the asset", "[loop][png]") {
  LoopScreen screen(eight);
  screen.use_live_drawer();  // as the player draws
  LoopPackage p = three_slides();
  const std::string png = colour_png("green");
  p.blobs_override["green"] = png.substr(0, png.size() / 2);  // the header probes; the pixels are cut
  screen.install(p);
  screen.turn_until(eight + 1s, [&] { return near_colour(screen.centre(), "red"); });
  REQUIRE(near_colour(screen.centre(), "red"));

  CapturedStderr err(screen.data / "stderr.txt");
  // Green's slide: its picture comes from the image worker, fails, and the slide is benched.
  screen.turn_until(eight + 5s, [&] { return screen.loop().package()->benched("day", 1); });
  const std::string lines = err.finish();
  INFO(lines);
  CHECK(screen.loop().package()->benched("day", 1));
  CHECK(std::count(lines.begin(), lines.end(), '\n') == 1);
  CHECK(lines.rfind("gatecast: ", 0) == 0);
  CHECK_THAT(lines, Catch::Contains("'green'") && !Catch::Contains("libpng"));
}
