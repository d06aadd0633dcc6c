#pragma once
// Test clips made at test time with the ffmpeg command, each frame carrying its own number so
// that a test can read back *which* frame is on screen: the top three quarters are ten vertical
// bars, bar i (from the left) bright when bit i of the frame number is set; the bottom quarter
// is mid grey, so that a black or background-coloured region is never read as frame 0.
#include <SDL2/SDL.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/run.hpp"

// Catch prints the frame numbers a check compares.
namespace Catch {
template <>
struct StringMaker<std::optional<int>> {
  static std::string convert(const std::optional<int>& v) { return v ? std::to_string(*v) : "no frame"; }
};
}  // namespace Catch

namespace gatecast::test {

struct ClipSpec {
  // NOLINTNEXTLINE(google-explicit-constructor): ClipSpec{320, 180, 30, 2.0} reads as the clip
  ClipSpec(int w = 320, int h = 180, int frames_per_second = 30, double length = 2.0,
           std::string codec = "libx264", int keyframe_every = 15, std::vector<std::string> more = {})
      : width(w),
        height(h),
        fps(frames_per_second),
        seconds(length),
        encoder(std::move(codec)),
        gop(keyframe_every),
        extra(std::move(more)) {}
  int width, height;
  int fps;
  double seconds;
  std::string encoder;             // libx264, libx265, libvpx-vp9, libaom-av1, mpeg4
  int gop;                         // a keyframe every `gop` frames
  std::vector<std::string> extra;  // more output options
};

// ffmpeg's lavfi source of the numbered frames.
inline std::string counter_source(const ClipSpec& spec) {
  return "color=c=black:s=" + std::to_string(spec.width) + "x" + std::to_string(spec.height) +
         ":r=" + std::to_string(spec.fps) + ":d=" + std::to_string(spec.seconds) +
         ",format=gray,geq=lum='if(gt(Y\\,H*3/4)\\,128\\,"
         "if(mod(floor(N/pow(2\\,floor(X*10/W)))\\,2)\\,235\\,16))'";
}

// Writes `file` (its extension picks the container). A missing ffmpeg fails the test.
inline std::filesystem::path make_clip(const std::filesystem::path& file, const ClipSpec& spec = {}) {
  const std::string source = counter_source(spec);
  std::vector<std::string> argv{"ffmpeg",
                                "-nostdin",
                                "-v",
                                "error",
                                "-y",
                                "-f",
                                "lavfi",
                                "-i",
                                source,
                                "-c:v",
                                spec.encoder,
                                "-g",
                                std::to_string(spec.gop),
                                "-pix_fmt",
                                "yuv420p"};
  if (spec.encoder == "libx264") argv.insert(argv.end(), {"-preset", "veryfast", "-bf", "2", "-crf", "20"});
  if (spec.encoder == "libx265")
    argv.insert(argv.end(), {"-preset", "ultrafast", "-x265-params", "log-level=none"});
  if (spec.encoder == "libvpx-vp9")
    argv.insert(argv.end(), {"-deadline", "realtime", "-cpu-used", "8", "-b:v", "400k"});
  if (spec.encoder == "libaom-av1") argv.insert(argv.end(), {"-cpu-used", "8", "-b:v", "300k"});
  argv.insert(argv.end(), spec.extra.begin(), spec.extra.end());
  argv.push_back(file.string());
  const RunResult r = run(argv);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return file;
}

// The frame number shown in `area` of `s` (ARGB8888), or nullopt when the area does not show a
// test frame (no grey strip, or a bar neither dark nor bright).
inline std::optional<int> frame_number_in(const SDL_Surface* s, SDL_Rect area) {
  const auto luma = [&](int x, int y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(static_cast<const std::uint8_t*>(s->pixels) +
                                                             std::ptrdiff_t{y} * s->pitch);
    const std::uint32_t p = row[x];
    return (((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff)) / 3;
  };
  const int grey = static_cast<int>(luma(area.x + area.w / 2, area.y + area.h * 7 / 8));
  if (grey < 100 || grey > 160) return std::nullopt;
  int number = 0;
  for (int bit = 0; bit < 10; ++bit) {
    const int x = area.x + (2 * bit + 1) * area.w / 20;
    const int v = static_cast<int>(luma(x, area.y + area.h * 3 / 8));
    if (v > 200) {
      number |= 1 << bit;
    } else if (v > 60) {
      return std::nullopt;
    }
  }
  return number;
}

// The frame a clip of `fps` shows `ms` milliseconds in: frame k starts at k / fps seconds.
inline int frame_at_ms(std::int64_t ms, int fps) {
  return static_cast<int>(ms * fps / 1000);
}

}  // namespace gatecast::test
