// Videos in the play loop: a signed package with generated clips installed through the real
// installer, played on the headless display by a stepped clock (each frame exact), and every
// drawn frame read back: which frame of which clip, never black, never a frozen frame longer
// than one frame period at a cut (video->video, video->still, still->video, a looping clip, a
// crossfade). Then a damaged clip: the playlist goes on, the screen is never black.
#include <catch2/catch.hpp>

#include <fstream>

#include "clips.hpp"
#include "content/manifest/media_type.hpp"
#include "content/media/video_probe.hpp"
#include "player/test_loop_fixture.hpp"
#include "support/files.hpp"

using namespace gatecast;
using test::ClipSpec;

namespace {

struct Clip {
  std::string bytes;
  nlohmann::json entry;  // the manifest entry pack would write, but sha256 and size
  int fps = 30;
};

Clip make(const test::TempDir& dir, const std::string& name, const ClipSpec& spec) {
  const auto file = test::make_clip(dir / name, spec);
  const auto container = *content::detect_media_type_of_file(file);
  const content::VideoInfo info = content::probe_video(file, container, name);
  Clip c;
  c.bytes = test::read_whole(file);
  c.fps = spec.fps;
  c.entry = {{"type", std::string(content::media_type_name(container))},
             {"video",
              {{"codec", info.codec},
               {"width", info.width},
               {"height", info.height},
               {"frame_rate", info.frame_rate},
               {"duration", info.duration.count() / 1000.0},
               {"frames", info.frames}}}};
  return c;
}

nlohmann::json video_slide(const std::string& asset, nlohmann::json duration, bool loop = false) {
  return {{"layout", "full"},
          {"duration", std::move(duration)},
          {"content", {{"main", {{"type", "video"}, {"asset", asset}, {"fit", "cover"}, {"loop", loop}}}}}};
}

// What one drawn frame showed.
struct Seen {
  std::int64_t ms;  // since the playlist began
  std::optional<int> frame;
  std::uint32_t centre;
  double black;
};

// Turns the loop from `start` for `span`, the way run() does on a stepped clock, reading each
// drawn frame.
std::vector<Seen> play(test::LoopScreen& screen, Instant start, Duration span) {
  std::vector<Seen> seen;
  screen.clock.set(start);
  std::size_t drawn = 0;
  while (screen.clock.now() < start + span) {
    const Instant now = screen.clock.now();
    const Instant deadline = screen.loop().turn();
    if (screen.loop().shown().size() != drawn) {
      drawn = screen.loop().shown().size();
      SDL_Surface* c = screen.display->canvas();
      seen.push_back(Seen{(now - start).count(), test::frame_number_in(c, SDL_Rect{0, 0, c->w, c->h}),
                          screen.centre(), screen.black_share()});
    }
    screen.clock.set(std::max(deadline, now + Duration{1}));
  }
  return seen;
}

}  // namespace

TEST_CASE("video loop: every drawn frame is the clip's frame for its instant, gapless at every cut",
          "[video]") {
  test::TempDir dir;
  const Clip a = make(dir, "a.mp4", ClipSpec{320, 180, 30, 2.0});
  const Clip b = make(dir, "b.mkv", ClipSpec{320, 180, 25, 1.2, "libx264", 10});
  const Instant midnight =
      test::at_utc("2026-11-23T00:00:00Z");  // the playlist starts here (the zone is UTC)
  test::LoopScreen screen(midnight);
  test::LoopPackage package;
  package.extra_assets = {{"a", {a.bytes, a.entry}}, {"b", {b.bytes, b.entry}}};
  nlohmann::json fade_in = video_slide("a", "video");
  fade_in["transition"] = {{"type", "crossfade"}, {"duration", 0.5}};
  package.playlists = {{"day",
                        {{"slides",
                          {video_slide("a", "video"),         // 0: 2.0 s, 30 frames/s
                           video_slide("b", "video"),         // 1: 1.2 s, 25 frames/s: video -> video
                           test::picture_slide("red", 1),     // 2: video -> still
                           fade_in,                           // 3: still -> video, crossfading
                           video_slide("b", 3.0, true)}}}}};  // 4: a 1.2 s clip looping for 3 s
  REQUIRE(screen.install(package).changed);

  struct Part {
    std::int64_t begin, end;
    int slide;
  };
  const Part parts[] = {{0, 2000, 0}, {2000, 3200, 1}, {3200, 4200, 2}, {4200, 6200, 3}, {6200, 9200, 4}};
  const std::vector<Seen> seen = play(screen, midnight, Duration{2 * 9200});
  REQUIRE(seen.size() > 300);
  std::int64_t last_ms = -1;
  int last_slide = -1;
  for (const Seen& s : seen) {
    const std::int64_t t = s.ms % 9200;
    const Part& part =
        *std::find_if(std::begin(parts), std::end(parts), [&](const Part& p) { return t < p.end; });
    const std::int64_t into = t - part.begin;
    INFO("at " << s.ms << " ms: slide " << part.slide << ", " << into << " ms in, centre " << std::hex
               << s.centre << std::dec);
    CHECK(s.black < 0.01);  // never a black screen
    switch (part.slide) {
      case 0:
        CHECK(s.frame == test::frame_at_ms(into, 30));
        break;
      case 1:
        CHECK(s.frame == test::frame_at_ms(into, 25));
        break;
      case 2:
        CHECK(test::near_colour(s.centre, "red"));
        break;
      case 3:
        if (into >= 500) CHECK(s.frame == test::frame_at_ms(into, 30));
        break;
      case 4:
        CHECK(s.frame == test::frame_at_ms(into % 1200, 25));
        break;
    }
    // While a video plays, no picture stays longer than one frame period (25 frames/s: 40 ms).
    if (last_ms >= 0 && last_slide != 2) CHECK(s.ms - last_ms <= 40);
    last_ms = s.ms;
    last_slide = part.slide;
  }
  // The play log has each video slide with the time it was on screen.
  std::vector<content::LoggedPlay> plays;
  screen.play_log->flush();
  for (const auto& file : content::play_log_files(screen.play_log->folder())) {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
      content::LoggedPlay play;
      if (content::parse_play_record_line(line, play)) plays.push_back(play);
    }
  }
  int video_plays = 0;
  for (const content::LoggedPlay& p : plays) {
    if (p.play.slide_index == 0) {
      ++video_plays;
      CHECK(p.play.assets == std::vector<std::string>{"a"});
      CHECK((p.play.end - p.play.start) == Duration{2000});
    }
  }
  CHECK(video_plays == 2);
}

TEST_CASE("video loop: a damaged clip does not stop the playlist nor blacken the screen", "[video]") {
  test::TempDir dir;
  const Clip good = make(dir, "good.mp4", ClipSpec{320, 180, 30, 1.0});
  Clip cut = make(dir, "cut.mp4", ClipSpec{320, 180, 30, 3.0, "libx264", 15, {"-movflags", "+faststart"}});
  cut.bytes = cut.bytes.substr(0, cut.bytes.size() / 2);  // verified (signed as it is), broken inside
  Clip flipped = make(dir, "flipped.mp4", ClipSpec{320, 180, 30, 3.0});
  for (std::size_t i = flipped.bytes.size() / 2; i < flipped.bytes.size() / 2 + 512; ++i)
    flipped.bytes[i] ^= 0x3c;
  Clip junk = good;
  junk.bytes = std::string(4096, '\x21');

  const Instant midnight = test::at_utc("2026-11-23T00:00:00Z");
  test::LoopScreen screen(midnight);
  test::LoopPackage package;
  package.extra_assets = {{"good", {good.bytes, good.entry}},
                          {"cut", {cut.bytes, cut.entry}},
                          {"flipped", {flipped.bytes, flipped.entry}},
                          {"junk", {junk.bytes, junk.entry}}};
  package.playlists = {{"day",
                        {{"slides",
                          {video_slide("cut", 3.0), video_slide("flipped", 3.0), video_slide("junk", 2.0),
                           video_slide("good", 1.0), test::picture_slide("green", 1)}}}}};
  REQUIRE(screen.install(package).changed);
  const std::vector<Seen> seen = play(screen, midnight, Duration{3 * 10000});
  int green_runs = 0;
  bool was_green = false;
  for (const Seen& s : seen) {
    INFO("at " << s.ms << " ms");
    CHECK(s.black < 0.01);
    const bool is_green = test::near_colour(s.centre, "green");
    green_runs += is_green && !was_green;
    was_green = is_green;
  }
  CHECK(green_runs >= 2);  // the playlist went round past the damaged clips, more than once
  // The junk clip never showed a picture: its slide is benched.
  bool junk_benched = false;
  for (const auto& b : screen.loop().package()->benched_slides()) junk_benched |= b.index == 2;
  CHECK(junk_benched);
}

TEST_CASE("video loop: a single video as the whole playlist comes round with no gap", "[video]") {
  test::TempDir dir;
  const Clip a = make(dir, "a.mp4", ClipSpec{320, 180, 30, 1.0});
  const Instant midnight = test::at_utc("2026-11-23T00:00:00Z");
  test::LoopScreen screen(midnight);
  test::LoopPackage package;
  package.extra_assets = {{"a", {a.bytes, a.entry}}};
  package.playlists = {{"day", {{"slides", {video_slide("a", "video")}}}}};
  REQUIRE(screen.install(package).changed);
  const std::vector<Seen> seen = play(screen, midnight, Duration{4000});
  REQUIRE(seen.size() >= 4 * 30);
  int rounds = 0;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    INFO("at " << seen[i].ms << " ms");
    CHECK(seen[i].frame == test::frame_at_ms(seen[i].ms % 1000, 30));
    if (i == 0) continue;
    CHECK(seen[i].ms - seen[i - 1].ms <= 34);
    if (seen[i].frame == 0) {
      ++rounds;
      CHECK(seen[i - 1].frame == 29);  // the last frame, then at once the first: no black, no freeze
    }
  }
  CHECK(rounds == 3);
}
