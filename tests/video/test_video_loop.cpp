// Videos in the play loop: a signed package with generated clips installed through the real
// installer, played on the headless display by a stepped clock (each frame exact), and every
// drawn frame read back: which frame of which clip, never black, never a frozen frame longer
// than one frame period at a cut (video->video, video->still, still->video, a looping clip), nor
// during a push or a crossfade between a video and a still, both ways. Then a damaged clip: the
// playlist goes on, the screen is never black.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include "clips.hpp"
#include "content/manifest/media_type.hpp"
#include "content/media/video_probe.hpp"
#include "player/surface/surface_ops.hpp"
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

// Turns the loop from `start` for `span`, the way run() does on a stepped clock, calling
// `drawn(ms since start, canvas)` after each frame drawn.
template <typename Drawn>
void each_drawn(test::LoopScreen& screen, Instant start, Duration span, Drawn drawn) {
  screen.clock.set(start);
  std::size_t frames = 0;
  while (screen.clock.now() < start + span) {
    const Instant now = screen.clock.now();
    const Instant deadline = screen.loop().turn();
    if (screen.loop().shown().size() != frames) {
      frames = screen.loop().shown().size();
      drawn((now - start).count(), screen.display->canvas());
    }
    screen.clock.set(std::max(deadline, now + Duration{1}));
  }
}

// Each drawn frame read.
std::vector<Seen> play(test::LoopScreen& screen, Instant start, Duration span) {
  std::vector<Seen> seen;
  each_drawn(screen, start, span, [&](std::int64_t ms, SDL_Surface* c) {
    seen.push_back(Seen{ms, test::frame_number_in(c, SDL_Rect{0, 0, c->w, c->h}), screen.centre(),
                        screen.black_share()});
  });
  return seen;
}

// The clip's frame number in `region` (where it lies in its own slide) while a transition at
// `progress` draws that slide: `outgoing` (pushed out, fading out) or coming in. A push moves
// the region sideways as slide_push() does; a crossfade with a still of colour `still` is undone
// per channel. None while the region is not wholly on screen or the video's weight in the blend
// is under a quarter (too little to tell dark bars from bright ones).
std::optional<int> number_in_transition(const SDL_Surface* canvas, SDL_Rect region, bool outgoing, bool push,
                                        double progress, std::uint32_t still) {
  if (push) {
    const int shift = static_cast<int>(std::lround(progress * canvas->w));
    region.x += outgoing ? -shift : canvas->w - shift;
    if (region.x < 0 || region.x + region.w > canvas->w) return std::nullopt;
    return test::frame_number_in(canvas, region);
  }
  const int q = static_cast<int>(std::lround(progress * 256.0));
  const int video = outgoing ? 256 - q : q;  // the video's weight in the blend, of 256
  if (video < 64) return std::nullopt;
  player::SurfacePtr unblended = player::make_argb_surface(region.w, region.h);
  for (int y = 0; y < region.h; ++y) {
    const auto* from = reinterpret_cast<const std::uint32_t*>(
        static_cast<const std::uint8_t*>(canvas->pixels) + std::ptrdiff_t{region.y + y} * canvas->pitch);
    auto* to = reinterpret_cast<std::uint32_t*>(static_cast<std::uint8_t*>(unblended->pixels) +
                                                std::ptrdiff_t{y} * unblended->pitch);
    for (int x = 0; x < region.w; ++x) {
      std::uint32_t out = 0xff000000u;
      for (int shift = 0; shift < 24; shift += 8) {
        // crossfade_row(): blended = (video * weight + still * (256 - weight)) >> 8, truncated.
        const int blended = int((from[region.x + x] >> shift) & 0xff);
        const int other = int((still >> shift) & 0xff);
        const int v = (blended * 256 + 128 - other * (256 - video)) / video;
        out |= std::uint32_t(std::clamp(v, 0, 255)) << shift;
      }
      to[x] = out;
    }
  }
  return test::frame_number_in(unblended.get(), SDL_Rect{0, 0, region.w, region.h});
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
  package.playlists = {{"day",
                        {{"slides",
                          {video_slide("a", "video"),         // 0: 2.0 s, 30 frames/s
                           video_slide("b", "video"),         // 1: 1.2 s, 25 frames/s: video -> video
                           test::picture_slide("red", 1),     // 2: video -> still
                           video_slide("a", "video"),         // 3: still -> video
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
        CHECK(s.frame == test::frame_at_ms(into, 30));
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

TEST_CASE("video loop: push and crossfade between a video and a still show the video moving, both ways",
          "[video]") {
  test::TempDir dir;
  // Longer than its slides: the outgoing video still moves while it is pushed or faded out.
  const Clip a = make(dir, "a.mp4", ClipSpec{320, 180, 30, 3.0});
  const Instant midnight = test::at_utc("2026-11-23T00:00:00Z");
  test::LoopScreen screen(midnight);
  test::LoopPackage package;
  package.extra_assets = {{"a", {a.bytes, a.entry}}};
  // The clip twice, at a quarter of the width on each side: the right one is wholly on screen
  // for the first three quarters of a transition out, the left one for the last three quarters
  // of a transition in, so the frame number can be read through most of either.
  const SDL_Rect left{0, 0, 80, 45}, right{240, 0, 80, 45};
  package.extra_layouts["sides"] = {{"size", {test::canvas_w, test::canvas_h}},
                                    {"background", "#202020"},
                                    {"regions",
                                     {{"left", {{"rect", {left.x, left.y, left.w, left.h}}}},
                                      {"right", {{"rect", {right.x, right.y, right.w, right.h}}}}}}};
  const nlohmann::json item = {{"type", "video"}, {"asset", "a"}, {"fit", "contain"}};
  const auto sides = [&](const char* transition) {
    nlohmann::json slide = {
        {"layout", "sides"}, {"duration", 2.0}, {"content", {{"left", item}, {"right", item}}}};
    if (transition) slide["transition"] = {{"type", transition}, {"duration", 0.5}};
    return slide;
  };
  const auto still = [](const char* colour, const char* transition) {
    nlohmann::json slide = test::picture_slide(colour, 1);
    slide["transition"] = {{"type", transition}, {"duration", 0.5}};
    return slide;
  };
  package.playlists = {{"day",
                        {{"slides",
                          {sides(nullptr),               // 0: 0-2 s
                           still("red", "slide"),        // 1: 2-3 s, video -> still, pushed out
                           sides("slide"),               // 2: 3-5 s, still -> video, pushing in
                           still("green", "crossfade"),  // 3: 5-6 s, video -> still, fading out
                           sides("crossfade")}}}}};      // 4: 6-8 s, still -> video, fading in
  REQUIRE(screen.install(package).changed);

  // A transition: where it runs, whose video shows in it and how.
  struct Transition {
    std::int64_t begin;
    std::int64_t video_start;  // the start of the video's slide
    bool outgoing, push;
    const char* still;
  };
  const Transition transitions[] = {{2000, 0, true, true, "red"},
                                    {3000, 3000, false, true, "red"},
                                    {5000, 3000, true, false, "green"},
                                    {6000, 6000, false, false, "green"}};
  std::map<std::int64_t, std::set<int>> read_in;  // transition -> frame numbers read during it
  std::int64_t last_ms = -1;
  bool last_still_alone = false;
  each_drawn(screen, midnight, Duration{8000}, [&](std::int64_t ms, SDL_Surface* canvas) {
    INFO("at " << ms << " ms");
    CHECK(screen.black_share() < 0.01);
    // No picture stays longer than one frame period (30 frames/s): the stills are pushed or
    // faded, so something moves throughout, except the still's own half second after its
    // transition.
    const bool still_alone = (ms >= 2500 && ms < 3000) || (ms >= 5500 && ms < 6000);
    if (last_ms >= 0 && !last_still_alone) CHECK(ms - last_ms <= 34);
    last_ms = ms;
    last_still_alone = still_alone;
    const auto* in = std::find_if(std::begin(transitions), std::end(transitions),
                                  [&](const Transition& t) { return ms >= t.begin && ms < t.begin + 500; });
    if (in == std::end(transitions)) {
      if (still_alone) return;
      const std::int64_t slide_start = ms < 2000 ? 0 : ms < 5000 ? 3000 : 6000;
      CHECK(test::frame_number_in(canvas, left) == test::frame_at_ms(ms - slide_start, 30));
      CHECK(test::frame_number_in(canvas, right) == test::frame_at_ms(ms - slide_start, 30));
      return;
    }
    const double progress = double(ms - in->begin) / 500.0;
    const std::optional<int> number = number_in_transition(canvas, in->outgoing ? right : left, in->outgoing,
                                                           in->push, progress, test::palette().at(in->still));
    const bool readable = in->outgoing ? progress <= 0.75 : progress >= 0.25;
    INFO((in->push ? "push" : "crossfade") << (in->outgoing ? " out" : " in") << ", progress " << progress);
    if (!readable) return;
    CHECK(number == test::frame_at_ms(ms - in->video_start, 30));
    if (number) read_in[in->begin].insert(*number);
  });
  // Each transition showed the video moving: a new frame every period it was readable (375 ms).
  for (const Transition& t : transitions) {
    INFO("the transition at " << t.begin << " ms");
    CHECK(read_in[t.begin].size() >= 11);
  }
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

TEST_CASE("video loop: a video drawn straight into the canvas keeps its overlays and background bars",
          "[video]") {
  test::TempDir dir;
  // 4:3 in a 16:9 region: `contain` leaves a bar of the layout's colour on each side, which
  // the frame fills around the picture (nothing is drawn under it).
  const Clip a = make(dir, "a.mp4", ClipSpec{240, 180, 30, 2.0});
  const Instant midnight = test::at_utc("2026-11-23T00:00:00Z");
  test::LoopScreen screen(midnight);
  test::LoopPackage package;
  package.extra_assets = {{"a", {a.bytes, a.entry}}};
  nlohmann::json slide = video_slide("a", "video");
  slide["content"]["main"]["fit"] = "contain";
  // Red ticker text and a green clock over the picture's top, a yellow picture over its middle:
  // the clip is grey, so red, green and yellow can only come from the overlays.
  const nlohmann::json text = {{"vi", "Cửa khẩu Hữu Nghị"}, {"en", "Huu Nghi border gate"}};
  const nlohmann::json ticker = {{"type", "ticker"},
                                 {"speed", 200},
                                 {"text", text},
                                 {"style", {{"bold", true}, {"max_size", 26}, {"color", "#ff0000"}}}};
  const nlohmann::json clock = {{"type", "clock"},
                                {"date", false},
                                {"style", {{"bold", true}, {"max_size", 26}, {"color", "#00ff00"}}}};
  const nlohmann::json logo = {{"type", "image"}, {"asset", "yellow"}, {"fit", "cover"}};
  package.playlists = {{"day",
                        {{"slides", {slide, test::picture_slide("blue", 1)}},
                         {"overlays",
                          {{{"rect", {0, 0, 320, 30}}, {"item", ticker}},
                           {{"rect", {40, 30, 240, 30}}, {"item", clock}},
                           {{"rect", {150, 100, 40, 20}}, {"item", logo}}}}}}};
  REQUIRE(screen.install(package).changed);

  const auto count = [](const SDL_Surface* c, SDL_Rect area, auto is) {
    int n = 0;
    for (int y = area.y; y < area.y + area.h; ++y)
      for (int x = area.x; x < area.x + area.w; ++x) n += is(player::pixel_row(c, y)[x] & 0xffffffu);
    return n;
  };
  const auto red = [](std::uint32_t p) {
    return (p >> 16) > 200 && ((p >> 8) & 0xff) < 80 && (p & 0xff) < 80;
  };
  const auto green = [](std::uint32_t p) {
    return (p >> 16) < 80 && ((p >> 8) & 0xff) > 200 && (p & 0xff) < 80;
  };
  int frames = 0;
  each_drawn(screen, midnight, Duration{1900}, [&](std::int64_t ms, SDL_Surface* canvas) {
    INFO("at " << ms << " ms");
    ++frames;
    // The picture itself, read where no overlay lies (its bars at 3/8, its grey strip at 7/8).
    CHECK(test::frame_number_in(canvas, SDL_Rect{40, 0, 240, 180}) == test::frame_at_ms(ms, 30));
    // The bars beside it: the layout's colour, never a stale or black picture.
    for (const int x : {0, 20, 39, 280, 300, 319})
      for (const int y : {35, 90, 179}) CHECK((player::pixel_row(canvas, y)[x] & 0xffffffu) == 0x202020u);
    CHECK(count(canvas, SDL_Rect{0, 0, 320, 30}, red) > 40);      // the ticker's text
    CHECK(count(canvas, SDL_Rect{40, 30, 240, 30}, green) > 40);  // the clock's digits
    CHECK(test::near_colour(player::pixel_row(canvas, 110)[170] & 0xffffffu, "yellow"));
  });
  CHECK(frames >= 50);
}
