#include "content/media/video_probe.hpp"

extern "C" {
#include <libavutil/frame.h>
}

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "content/base/error.hpp"
#include "content/media/video_file.hpp"

namespace gatecast::content {

namespace {

std::string seconds_text(std::int64_t us) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f s", static_cast<double>(us) / 1e6);
  return text;
}

void check_size(int width, int height, const std::string& subject, const ManifestLimits& limits) {
  if (width > limits.max_video_width || height > limits.max_video_height) {
    fail_rejected(Reason::limit, subject,
                  "the video is " + std::to_string(width) + "x" + std::to_string(height) + ", more than " +
                      std::to_string(limits.max_video_width) + "x" + std::to_string(limits.max_video_height));
  }
}

void check_frame_rate(double rate, const std::string& subject, const ManifestLimits& limits) {
  if (rate > limits.max_video_frame_rate + 0.01) {
    char text[96];
    std::snprintf(text, sizeof text, "the video has %.3f frames per second, more than %.0f", rate,
                  limits.max_video_frame_rate);
    fail_rejected(Reason::limit, subject, text);
  }
}

}  // namespace

VideoInfo probe_video(const std::filesystem::path& file, AssetType container, const std::string& subject,
                      const ManifestLimits& limits,
                      const std::function<void(std::int64_t at_us, std::int64_t of_us)>& decoded,
                      int decoder_threads) {
  // Strict: a bitstream error anywhere refuses the file; the screen would conceal or stop there.
  VideoFile video(file, container, subject, true, decoder_threads);
  check_size(video.width(), video.height(), subject, limits);
  check_frame_rate(video.declared_frame_rate(), subject, limits);

  VideoInfo info;
  info.codec = video.codec();
  info.profile = video.profile();
  info.width = video.width();
  info.height = video.height();
  std::int64_t end_us = 0, previous_start = -1;
  while (const AVFrame* frame = video.next_frame()) {
    check_size(frame->width, frame->height, subject, limits);
    const std::int64_t start = video.start_us(frame);
    if (start < 0)
      fail_rejected(Reason::unplayable, subject,
                    "a picture starts before the stream (" + seconds_text(start) + ")");
    if (start <= previous_start) {
      fail_rejected(
          Reason::unplayable, subject,
          "the pictures are out of order at " + seconds_text(start) + " (each must come after the last)");
    }
    previous_start = start;
    end_us = std::max(end_us, start + video.duration_us(frame));
    ++info.frames;
    if (decoded) decoded(start, video.declared_duration_us());
  }
  if (info.frames == 0) fail_rejected(Reason::unplayable, subject, "holds no picture that decodes");
  // A cut file still opens (its index says 10 s) but its pictures stop early.
  const std::int64_t declared = video.declared_duration_us();
  const std::int64_t slack = std::max<std::int64_t>(2 * end_us / info.frames, 100'000);
  if (declared > 0 && end_us + slack < declared) {
    fail_rejected(Reason::unplayable, subject,
                  "the pictures end at " + seconds_text(end_us) + " but the file says it lasts " +
                      seconds_text(declared) + " (cut short?)");
  }
  info.duration = Duration{std::max<std::int64_t>(1, (end_us + 500) / 1000)};
  const double measured = static_cast<double>(info.frames) * 1e6 / static_cast<double>(end_us);
  check_frame_rate(measured, subject, limits);
  // A stream may declare any frame rate (found by fuzz_video_probe: 2/68813 per second, one
  // picture lasting 9.5 hours); below one picture per 1000 s the rate rounds to 0.
  if (measured < 0.001)
    fail_rejected(Reason::unplayable, subject,
                  "its pictures last " + seconds_text(end_us / info.frames) + " each, more than 1000 s");
  info.frame_rate = std::round(measured * 1000.0) / 1000.0;
  return info;
}

}  // namespace gatecast::content
