// A video's sound through the real player and SDL's `disk` audio driver, which writes what the
// device would play into a file: here a FIFO the test reads as the player writes it, noting
// when each block arrives (the disk driver writes a callback's samples at once), so each
// captured sample has its wall-clock instant. The clip's sound is silent but for 30 ms tone
// bursts at 0.5 s and 1.5 s into it; its picture is the numbered frames. The schedule is a pure
// function of time (slides from midnight), so the picture's time at any instant is known: a
// burst must be heard within 40 ms of the picture's 0.5 s or 1.5 s.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <thread>
#include <vector>

#include "clips.hpp"
#include "support/keygen.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using gatecast::test::RunResult;

namespace {

constexpr int rate = 48000;                         // the player asks the device for this
constexpr int bytes_per_frame = 2 * 2;              // signed 16-bit stereo
constexpr std::size_t device_buffer_frames = 1024;  // what the player asks SDL for
constexpr double tone_amplitude = 0.8;              // of full scale, in the clip
constexpr std::int64_t slide_ms = 2000;             // the clip's length, and each slide's
const std::int64_t burst_ms[] = {500, 1500};

// A 2 s clip, 30 frames/s, AAC sound in MP4 with the bursts.
void make_sound_clip(const fs::path& file) {
  const gatecast::test::ClipSpec spec{320, 180, 30, 2.0};
  const std::string tone = "aevalsrc=exprs='" + std::to_string(tone_amplitude) +
                           "*sin(2*PI*1000*t)*between(mod(t\\,1)\\,0.5\\,0.53)':s=48000:c=stereo:d=2";
  const RunResult r = gatecast::test::run({"ffmpeg",  "-nostdin",  "-v",
                                           "error",   "-y",        "-f",
                                           "lavfi",   "-i",        gatecast::test::counter_source(spec),
                                           "-f",      "lavfi",     "-i",
                                           tone,      "-c:v",      "libx264",
                                           "-preset", "veryfast",  "-g",
                                           "15",      "-pix_fmt",  "yuv420p",
                                           "-c:a",    "aac",       "-b:a",
                                           "192k",    "-shortest", file.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

struct SoundSite {
  gatecast::test::TempDir dir{"gatecast-video-sound"};
  fs::path src = dir / "src";
  fs::path root = dir / "root";
  fs::path config = dir / "player.json";

  // `slides`: the playlist's slides (JSON), over the assets film (with sound) and mute (none).
  void install(const std::string& slides) {
    fs::create_directories(src / "media");
    make_sound_clip(src / "media/film.mp4");
    gatecast::test::make_clip(src / "media/mute.mp4", gatecast::test::ClipSpec{320, 180, 30, 2.0});
    std::ofstream(src / "content.json") << R"({
  "expires": 3650, "targets": ["*"],
  "assets": {"film": "media/film.mp4", "mute": "media/mute.mp4"},
  "layouts": {"full": {"size": [1920, 1080], "background": "#0b2a4a", "regions": {"main": {"rect": [0, 0, 1920, 1080]}}}},
  "playlists": {"day": {"slides": [)" << slides
                                        << R"(]}},
  "schedule": {"default": "day"}
})";
    const std::string key = gatecast::test::keygen_public_key(dir / "keys");
    RunResult p =
        gatecast::test::gatecast({"pack", src.string(), "--out", root.string(), "--channel", "langson",
                                  "--version", "1", "--key", (dir / "keys/gatecast.key").string()});
    INFO(p.err);
    REQUIRE(p.exit_code == 0);
    std::ofstream(config)
        << R"({"screen": "langson/huunghi/1", "timezone": "Asia/Ho_Chi_Minh", "data_dir": ")"
        << (dir / "data").string() << R"(", "trusted_keys": [")" << key << R"("], "sources": [{"url": ")"
        << root.string() << R"(", "channel": "langson"}]})";
    RunResult i = gatecast::test::gatecast({"install", root.string(), "--config", config.string()});
    INFO(i.err);
    REQUIRE(i.exit_code == 0);
  }

  RunResult play(const std::string& driver, const fs::path& audio_file, int seconds) {
    return gatecast::test::run(
        {"env", "SDL_AUDIODRIVER=" + driver, "SDL_DISKAUDIOFILE=" + audio_file.string(), GATECAST_BINARY,
         "play", "--headless", "--config", config.string(), "--size", "320x180", "--previews",
         (dir / "frames").string(), "--preview-every", "1", "--exit-after", std::to_string(seconds)});
  }
};

// What the player wrote to the FIFO, and the wall-clock instant (ms since the epoch) of every
// sample, from when its block arrived.
struct Capture {
  std::vector<std::int16_t> left;
  std::vector<double> wall_ms;
};

Capture capture_from(const fs::path& fifo, std::atomic<bool>& opened) {
  Capture c;
  const int fd = ::open(fifo.c_str(), O_RDONLY);  // returns when the player opens the device
  if (fd < 0) return c;
  opened = true;
  std::vector<std::uint8_t> pending;
  std::vector<std::uint8_t> chunk(1 << 16);
  for (;;) {
    const ssize_t n = ::read(fd, chunk.data(), chunk.size());
    if (n <= 0) break;
    const double now =
        std::chrono::duration<double, std::milli>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    pending.insert(pending.end(), chunk.begin(), chunk.begin() + n);
    const std::size_t frames = pending.size() / bytes_per_frame;
    // The disk driver writes a device buffer (the player asks for 1024 frames) at once, when
    // its first sample is due: the newest buffer's first sample is due now, those before it
    // were due a buffer earlier each.
    const std::size_t newest = frames - std::min<std::size_t>(frames, device_buffer_frames);
    for (std::size_t i = 0; i < frames; ++i) {
      std::int16_t sample = 0;
      std::memcpy(&sample, pending.data() + i * bytes_per_frame, sizeof sample);
      c.left.push_back(sample);
      c.wall_ms.push_back(now + (double(i) - double(newest)) * 1000.0 / rate);
    }
    pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(frames * bytes_per_frame));
  }
  ::close(fd);
  return c;
}

struct Burst {
  double wall_ms = 0;
  double rms = 0;  // over its 30 ms, as a fraction of full scale
};

// Bursts: a sample louder than a tenth of full scale after at least 200 ms of quiet.
std::vector<Burst> bursts_in(const Capture& c) {
  std::vector<Burst> found;
  std::size_t quiet = 0;
  for (std::size_t i = 0; i < c.left.size(); ++i) {
    if (std::abs(int{c.left[i]}) < 3277) {
      ++quiet;
      continue;
    }
    if (quiet >= rate / 5 && i + rate * 30 / 1000 < c.left.size()) {
      double sum = 0;
      const std::size_t n = rate * 20 / 1000;  // the burst's steady middle
      for (std::size_t k = i + rate * 5 / 1000; k < i + rate * 5 / 1000 + n; ++k)
        sum += double(c.left[k]) * c.left[k];
      found.push_back(Burst{c.wall_ms[i], std::sqrt(sum / double(n)) / 32768.0});
    }
    quiet = 0;
  }
  return found;
}

}  // namespace

TEST_CASE("video sound: bursts are heard within 40 ms of their frames, at the slide's volume",
          "[video][sound]") {
  SoundSite site;
  // Loud, then the same clip at half volume: 4 s a round from midnight.
  site.install(R"({"layout": "full", "duration": "video",
                   "content": {"main": {"type": "video", "asset": "film", "sound": {"volume": 1.0}}}},
                  {"layout": "full", "duration": "video",
                   "content": {"main": {"type": "video", "asset": "film", "sound": {"volume": 0.5}}}})");
  const fs::path fifo = site.dir / "sound.fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::atomic<bool> opened{false};
  Capture capture;
  std::thread reader([&] { capture = capture_from(fifo, opened); });
  const RunResult r = site.play("disk", fifo, 10);
  if (!opened) {
    // The player never opened the device: unblock the reader.
    const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    if (fd >= 0) ::close(fd);
  }
  reader.join();
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(opened);
  CHECK(r.err.find("sound: playing through disk at 48000 Hz") != std::string::npos);

  const std::vector<Burst> bursts = bursts_in(capture);
  REQUIRE(bursts.size() >= 8);  // two per slide, 10 s less the start
  std::vector<double> loud, soft;
  double worst = 0;
  for (std::size_t i = 1; i < bursts.size(); ++i) {  // the first may meet the device's start
    const auto wall = static_cast<std::int64_t>(bursts[i].wall_ms);
    const std::int64_t in_round = wall % (2 * slide_ms);
    const std::int64_t in_slide = in_round % slide_ms;
    std::int64_t offset = in_slide - burst_ms[0];
    for (std::int64_t b : burst_ms)
      if (std::abs(in_slide - b) < std::abs(offset)) offset = in_slide - b;
    INFO("burst " << i << " heard at " << in_slide << " ms into its slide, " << offset
                  << " ms off its frame");
    CHECK(std::abs(offset) <= 40);
    worst = std::max(worst, double(std::abs(offset)));
    (in_round < slide_ms ? loud : soft).push_back(bursts[i].rms);
  }
  WARN("worst audio/video offset: " << worst << " ms over " << bursts.size() - 1 << " bursts");
  REQUIRE(!loud.empty());
  REQUIRE(!soft.empty());
  // A sine of amplitude A has an RMS of A/sqrt(2); AAC keeps it within a few percent.
  const double expected = tone_amplitude / std::sqrt(2.0);
  for (double v : loud) CHECK(v == Approx(expected).epsilon(0.08));
  for (double v : soft) CHECK(v == Approx(expected * 0.5).epsilon(0.08));
}

TEST_CASE("video sound: a muted video opens no audio device", "[video][sound]") {
  SoundSite site;
  // The clip has sound, but the item does not ask for it; the other clip has none at all.
  site.install(
      R"({"layout": "full", "duration": "video", "content": {"main": {"type": "video", "asset": "film"}}},
                  {"layout": "full", "duration": "video", "content": {"main": {"type": "video", "asset": "mute"}}})");
  const fs::path out = site.dir / "sound.raw";
  const RunResult r = site.play("disk", out, 3);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_FALSE(fs::exists(out));
  CHECK(r.err.find("sound:") == std::string::npos);
  CHECK(fs::exists(site.dir / "frames/latest.png"));
}

TEST_CASE("video sound: a device that does not open leaves the picture playing, said once",
          "[video][sound]") {
  SoundSite site;
  site.install(R"({"layout": "full", "duration": "video",
                   "content": {"main": {"type": "video", "asset": "film", "sound": {"volume": 0.8}}}},
                  {"layout": "full", "duration": "video",
                   "content": {"main": {"type": "video", "asset": "film", "sound": {"volume": 0.8}}}})");
  const RunResult r = site.play("no-such-driver", site.dir / "unused.raw", 5);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::size_t lines = 0;
  for (std::size_t at = r.err.find("sound:"); at != std::string::npos; at = r.err.find("sound:", at + 1))
    ++lines;
  CHECK(lines == 1);
  CHECK(r.err.find("videos play silent") != std::string::npos);
  // The picture went on: frames were written all along, the latest one a numbered frame.
  std::size_t frames = 0;
  for (const auto& e : fs::directory_iterator(site.dir / "frames"))
    if (e.path().filename().string().rfind("frame-", 0) == 0) ++frames;
  CHECK(frames >= 4);
}
