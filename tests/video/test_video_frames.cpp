// The decoder side of the player (player/video/): which picture a stream gives for an instant,
// read back from the frame numbers the test clips carry. Exact timing (render --at, preview,
// simulated clocks) must give the frame that starts at or before the instant, wherever the
// stream was before: forward, backward, far jumps that seek, loops.
#include <catch2/catch.hpp>

#include <chrono>
#include <random>
#include <set>

#include "clips.hpp"
#include "content/media/video_probe.hpp"
#include "player/surface/surface_ops.hpp"
#include "player/video/video_frames.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using player::VideoFrames;
using player::VideoKey;
using test::ClipSpec;

namespace {

// The frame number the stream shows at `ms`, drawn into a region-sized canvas as the painter does.
std::optional<int> shown(VideoFrames& frames, const VideoKey& key, std::int64_t ms) {
  const player::VideoFrameResult r = frames.frame_at(key, Duration{ms});
  if (!r.picture) return std::nullopt;
  player::SurfacePtr canvas = player::make_argb_surface(key.width, key.height);
  SDL_FillRect(canvas.get(), nullptr, 0xffff00ffu);  // the region's background: magenta
  REQUIRE(r.picture->draw_onto(canvas.get(), 0, 0));
  return test::frame_number_in(canvas.get(), r.picture->placed);
}

VideoKey key_for(const std::filesystem::path& file, int w = 320, int h = 180, Duration loop = Duration{0}) {
  VideoKey key;
  key.file = file;
  key.container = file.extension() == ".mp4" ? content::AssetType::mp4 : content::AssetType::matroska;
  key.width = w;
  key.height = h;
  key.loop_period = loop;
  return key;
}

}  // namespace

TEST_CASE("video frames: the frame at an instant, forward, backward and by far jumps", "[video]") {
  test::TempDir dir;
  // 10 s at 30 frames/s, a keyframe every 15 frames, B-frames: seeking and reordering both matter.
  const auto clip = test::make_clip(dir / "count.mp4", ClipSpec{320, 180, 30, 10.0});
  VideoFrames frames(player::VideoTiming::exact);
  const VideoKey key = key_for(clip);

  // Forward, frame by frame, including the instants exactly at frame starts.
  for (std::int64_t ms = 0; ms <= 1000; ms += 11) {
    INFO(ms << " ms");
    CHECK(shown(frames, key, ms) == test::frame_at_ms(ms, 30));
  }
  // Far ahead (a seek to the keyframe before, then forward), back again, and around.
  for (const std::int64_t ms : {7345, 100, 9999, 5000, 4999, 33, 34, 6667, 2000, 0}) {
    INFO(ms << " ms");
    CHECK(shown(frames, key, ms) == test::frame_at_ms(ms, 30));
  }
  // After the last frame the last frame stays.
  CHECK(shown(frames, key, 10'000) == 299);
  CHECK(shown(frames, key, 60'000) == 299);
  // Random instants, each in a fresh stream as `render --at` would open it.
  std::mt19937 random(11);
  for (int i = 0; i < 8; ++i) {
    const std::int64_t ms = std::uniform_int_distribution<std::int64_t>(0, 9999)(random);
    VideoFrames fresh(player::VideoTiming::exact);
    INFO(ms << " ms, fresh");
    CHECK(shown(fresh, key, ms) == test::frame_at_ms(ms, 30));
  }
}

TEST_CASE("video frames: a looping clip starts again at its own length", "[video]") {
  test::TempDir dir;
  const auto clip = test::make_clip(dir / "short.mkv", ClipSpec{320, 180, 25, 1.2});
  const content::VideoInfo info = content::probe_video(clip, content::AssetType::matroska, "short.mkv");
  REQUIRE(info.duration == Duration{1200});
  VideoFrames frames(player::VideoTiming::exact);
  const VideoKey key = key_for(clip, 320, 180, info.duration);
  for (std::int64_t ms = 0; ms < 5000; ms += 37) {
    INFO(ms << " ms");
    CHECK(shown(frames, key, ms) == test::frame_at_ms(ms % 1200, 25));
  }
  // A jump into a later pass, and back into an earlier one.
  for (const std::int64_t ms : {61'234, 1'199, 1'200, 3'599, 120'000}) {
    INFO(ms << " ms");
    CHECK(shown(frames, key, ms) == test::frame_at_ms(ms % 1200, 25));
  }
}

TEST_CASE("video frames: contain and cover place the picture as pictures are placed", "[video]") {
  test::TempDir dir;
  const auto clip = test::make_clip(dir / "wide.mp4", ClipSpec{320, 180, 30, 1.0});
  VideoFrames frames(player::VideoTiming::exact);
  VideoKey key = key_for(clip, 200, 200);  // a square region: letterboxed above and below
  key.fit = content::Fit::contain;
  player::VideoFrameResult r = frames.frame_at(key, Duration{500});
  REQUIRE(r.picture);
  CHECK(r.picture->placed.w == 200);
  CHECK(r.picture->placed.h == 113);
  CHECK(r.picture->placed.y == 43);
  CHECK(shown(frames, key, 500) == 15);
  key.fit = content::Fit::cover;  // fills the square, the sides cut off
  r = frames.frame_at(key, Duration{500});
  REQUIRE(r.picture);
  CHECK(r.picture->placed.w == 200);
  CHECK(r.picture->placed.h == 200);
}

TEST_CASE("video frames: live timing takes a prefetched first picture without waiting", "[video]") {
  test::TempDir dir;
  const auto clip = test::make_clip(dir / "next.mp4", ClipSpec{320, 180, 30, 1.0});
  VideoFrames frames(player::VideoTiming::live);
  const VideoKey key = key_for(clip);
  frames.prefetch(key);
  // The cut comes later; by then the worker has the first picture. Polled, not timed: the check
  // is that a picture is there and is frame 0, never a later one or a black one.
  std::optional<int> first;
  for (int i = 0; i < 1000 && !first; ++i) {
    first = shown(frames, key, 0);
    if (!first) SDL_Delay(10);
  }
  CHECK(first == 0);
}

TEST_CASE("video frames: a damaged clip keeps its last good picture, a missing one says why", "[video]") {
  test::TempDir dir;
  const auto clip = test::make_clip(dir / "whole.mp4",
                                    ClipSpec{320, 180, 30, 4.0, "libx264", 15, {"-movflags", "+faststart"}});
  const std::string bytes = test::read_whole(clip);

  SECTION("cut in half") {
    std::ofstream(dir / "cut.mp4", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    VideoFrames frames(player::VideoTiming::exact);
    const VideoKey key = key_for(dir / "cut.mp4");
    CHECK(shown(frames, key, 500) == 15);
    const auto late = frames.frame_at(key, Duration{3900});
    REQUIRE(late.picture);  // the last good picture, not a black region
    CHECK(late.ended);
    const auto n = shown(frames, key, 3900);
    REQUIRE(n);
    CHECK(*n < 119);
    CHECK(*n > 15);
  }
  SECTION("bytes flipped midway: no crash, pictures before the damage are exact") {
    std::string damaged = bytes;
    for (std::size_t i = damaged.size() / 2; i < damaged.size() / 2 + 256; ++i) damaged[i] ^= 0x5a;
    std::ofstream(dir / "flipped.mp4", std::ios::binary) << damaged;
    VideoFrames frames(player::VideoTiming::exact);
    const VideoKey key = key_for(dir / "flipped.mp4");
    CHECK(shown(frames, key, 200) == 6);
    for (std::int64_t ms = 0; ms < 4500; ms += 97) (void)frames.frame_at(key, Duration{ms});
    CHECK(frames.frame_at(key, Duration{4500}).picture);
  }
  SECTION("not there at all, or garbage") {
    VideoFrames frames(player::VideoTiming::exact);
    const auto missing = frames.frame_at(key_for(dir / "missing.mp4"), Duration{0});
    CHECK_FALSE(missing.picture);
    CHECK_FALSE(missing.problem.empty());
    std::ofstream(dir / "junk.mp4", std::ios::binary) << std::string(5000, '\x33');
    const auto junk = frames.frame_at(key_for(dir / "junk.mp4"), Duration{0});
    CHECK_FALSE(junk.picture);
    CHECK_FALSE(junk.problem.empty());
  }
}

TEST_CASE("video frames: streams are bounded; a thousand clip changes leave four open", "[video]") {
  test::TempDir dir;
  const auto clip = test::make_clip(dir / "c.mp4", ClipSpec{160, 90, 30, 0.5});
  VideoFrames frames(player::VideoTiming::exact);
  VideoKey key = key_for(clip, 160, 90);
  for (int i = 0; i < 1000; ++i) {
    key.slide_start = Instant{Duration{i * 500}};
    REQUIRE(frames.frame_at(key, Duration{(i % 15) * 33}).picture);
    CHECK(frames.open_streams() <= VideoFrames::max_streams);
  }
}

TEST_CASE("video frames: shown + dropped is every frame of the time played, seeks ahead included",
          "[video]") {
  test::TempDir dir;
  const auto clip = test::make_clip(dir / "count.mp4", ClipSpec{320, 180, 30, 8.0});
  const VideoKey key = key_for(clip);

  SECTION("a stepped clock, slower than the clip, jumping more than a second ahead") {
    // A consumer at 10 frames/s drops two frames in three; the jump from 1.2 s to 3.5 s seeks
    // ahead and passes over 68 frames without decoding most of them.
    VideoFrames frames(player::VideoTiming::exact);
    std::set<int> seen;
    std::int64_t last = 0;
    const auto step = [&](std::int64_t ms) {
      const std::optional<int> n = shown(frames, key, ms);
      REQUIRE(n == test::frame_at_ms(ms, 30));
      seen.insert(*n);
      last = ms;
    };
    for (std::int64_t ms = 0; ms <= 1200; ms += 100) step(ms);
    for (std::int64_t ms = 3500; ms <= 5000; ms += 100) step(ms);
    CHECK(frames.frames_shown() == seen.size());
    CHECK(frames.frames_shown() + frames.frames_dropped() == std::uint64_t(test::frame_at_ms(last, 30) + 1));
  }

  SECTION("a live consumer that stalls for 1.5 s") {
    // Real time, whatever the machine's speed: the sum holds however many frames the decoder
    // managed, since both sides are counted from the frames' timestamps.
    VideoFrames frames(player::VideoTiming::live);
    frames.prefetch(key);
    const auto begin = std::chrono::steady_clock::now();
    const auto elapsed = [&] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - begin)
          .count();
    };
    std::int64_t last = 0;
    bool stalled = false;
    while ((last = elapsed()) < 4000) {
      (void)frames.frame_at(key, Duration{last});
      SDL_Delay(stalled || last < 1000 ? 45 : 1500);
      stalled |= last >= 1000;
    }
    (void)frames.frame_at(key, Duration{last});
    const std::uint64_t played = std::uint64_t(test::frame_at_ms(last, 30) + 1);
    const std::uint64_t counted = frames.frames_shown() + frames.frames_dropped();
    INFO(frames.frames_shown() << " shown, " << frames.frames_dropped() << " dropped, " << played
                               << " frames in " << last << " ms");
    CHECK(frames.frames_shown() > 0);
    CHECK(counted + 2 >= played);
    CHECK(counted <= played + 2);
  }
}

TEST_CASE("video frames: a live stream joined mid-clip aims past the instant, holds, then drops nothing",
          "[video]") {
  // A screen that starts (or a decoder that seeks ahead) in the middle of a clip decodes from
  // the keyframe before its target: aimed at the instant itself, the first picture would come
  // late and the frames after it be hurried past. The clock here is the test's, and each step
  // waits for the decoder, so the only frames that could be missed are ones the stream skips.
  test::TempDir dir;
  const auto clip = test::make_clip(dir / "join.mp4", ClipSpec{320, 180, 30, 8.0});
  const VideoKey key = key_for(clip);
  VideoFrames frames(player::VideoTiming::live);
  const auto shown_when_decoded = [&](std::int64_t ms, int expected) {
    std::optional<int> n;
    for (int i = 0; i < 1000 && n != expected; ++i) {
      n = shown(frames, key, ms);
      if (n != expected) SDL_Delay(5);
    }
    return n;
  };
  // Asked for 4 s, the stream's first picture is the frame of 4.5 s, shown at once and held.
  const int ahead = test::frame_at_ms(4500, 30);
  REQUIRE(shown_when_decoded(4000, ahead) == ahead);
  for (std::int64_t ms = 4100; ms < 4500; ms += 100) CHECK(shown(frames, key, ms) == ahead);
  // From its instant on, every frame in turn.
  for (int n = ahead; n <= test::frame_at_ms(6000, 30); ++n) {
    const std::int64_t ms = (std::int64_t{n} * 1000 + 29) / 30;
    CHECK(shown_when_decoded(ms, n) == n);
  }
  CHECK(frames.frames_dropped() == 0);
  CHECK(frames.frames_shown() == std::uint64_t(test::frame_at_ms(6000, 30) - ahead + 1));
}

TEST_CASE("video frames: live timing opens the next stream once the one on screen keeps up", "[video]") {
  test::TempDir dir;
  const auto on_screen = test::make_clip(dir / "now.mp4", ClipSpec{320, 180, 30, 8.0});
  const auto next = test::make_clip(dir / "next.mp4", ClipSpec{320, 180, 30, 1.0});
  const VideoKey now_key = key_for(on_screen);
  const VideoKey next_key = key_for(next);
  VideoFrames frames(player::VideoTiming::live);

  SECTION("put off while the stream on screen catches up, opened at the latest after the limit") {
    // Asked for 4 s over and over, the stream holds its first picture (4.5 s) ahead of its
    // instant: it has shown nothing yet, so it is still catching up.
    (void)frames.frame_at(now_key, Duration{4000});
    const auto asked = std::chrono::steady_clock::now();
    frames.prefetch(next_key);
    CHECK(frames.open_streams() == 1);
    while (frames.open_streams() < 2 && std::chrono::steady_clock::now() - asked < std::chrono::seconds(30)) {
      (void)frames.frame_at(now_key, Duration{4000});
      frames.frame_done();
      SDL_Delay(20);
    }
    CHECK(frames.open_streams() == 2);
    CHECK(std::chrono::steady_clock::now() - asked >= VideoFrames::max_ahead_delay);
  }
  SECTION("opened at once when the stream on screen is on time") {
    std::optional<int> first;
    for (int i = 0; i < 1000 && first != 0; ++i) {
      first = shown(frames, now_key, 0);
      if (first != 0) SDL_Delay(5);
    }
    REQUIRE(first == 0);
    frames.frame_done();
    frames.prefetch(next_key);
    CHECK(frames.open_streams() == 2);
  }
}
