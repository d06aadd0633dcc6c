// Fuzz target for pack's video probe (content/media/video_probe.cpp): FFmpeg's MP4 and
// Matroska demuxers and the H.264/HEVC/VP9/AV1 decoders over untrusted bytes, through the one
// entry point pack uses. A refusal is an Error(rejected) with a reason; a crash, a hang, a
// sanitizer report, or an accepted video with an impossible description is a finding.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "content/base/error.hpp"
#include "content/manifest/media_type.hpp"
#include "content/media/video_probe.hpp"
#include "fuzz/fuzz_tree.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The probe reads a file, as pack does; one per process, rewritten for each input, on a
  // tmpfs: on ext4 each rewrite of a truncated file is flushed to the disk at close.
  static const std::filesystem::path file =
      gatecast::fuzz::fast_temp_base() / ("gatecast-fuzz-video-" + std::to_string(::getpid()));
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  const auto type = gatecast::content::detect_media_type_of_file(file);
  if (!type || !gatecast::content::is_video(*type)) return 0;
  // Limits small enough for a fuzzer's pace: a frame of 4K decodes by the same code as one of
  // 320x240, whose planes ASan still allocates from its pools rather than by a fresh mmap
  // each; one decoder thread starts no threads per input.
  gatecast::content::ManifestLimits limits;
  limits.max_video_width = 320;
  limits.max_video_height = 240;
  try {
    const gatecast::content::VideoInfo info =
        gatecast::content::probe_video(file, *type, "fuzz", limits, {}, 1);
    if (info.width <= 0 || info.height <= 0 || info.width > limits.max_video_width ||
        info.height > limits.max_video_height || info.frames <= 0 || info.duration.count() <= 0 ||
        !(info.frame_rate > 0 && info.frame_rate <= limits.max_video_frame_rate + 0.01))
      std::abort();
  } catch (const gatecast::Error& e) {
    if (e.kind() != gatecast::Outcome::rejected || e.reason() == gatecast::Reason::none) std::abort();
  }
  return 0;
}
