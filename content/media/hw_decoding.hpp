#pragma once
// Hardware video decoding through FFmpeg's hwaccel: VAAPI on a DRM render node
// (/dev/dri/renderD*, Intel and AMD graphics), and on arm boards the V4L2 memory-to-memory
// decoders (`h264_v4l2m2m`, ... on /dev/video*). Software decoding is the fallback whenever
// the hardware is absent, refuses to open, or fails at any point: a screen never shows black
// because of it. The hardware's pictures are copied back to memory (av_hwframe_transfer_data)
// and scaled like software ones.
#include <filesystem>
#include <string>

struct AVBufferRef;
struct AVCodec;

namespace gatecast::content {

// What the screen's config says (docs/config.md, `output.video_decoding`).
struct HardwareDecoding {
  bool allowed = true;                // false: software only
  std::filesystem::path render_node;  // VAAPI's node; empty = the first /dev/dri/renderD*
};

// A hardware path that opened: a VAAPI device, or a V4L2 M2M decoder, and what it is in words.
struct HardwarePath {
  AVBufferRef* device = nullptr;     // an owned reference (VAAPI); null for V4L2 M2M
  const AVCodec* decoder = nullptr;  // the decoder to open instead of FFmpeg's default (V4L2 M2M)
  std::string description;           // "hardware (VAAPI on /dev/dri/renderD128)"
};

// Opens the hardware path for a video of `codec` (FFmpeg's name), or says why there is none:
// returns false with `why` set ("no /dev/dri render node", "/dev/null: VAAPI does not open:
// ..."). `path.device`, when set, is the caller's to free (av_buffer_unref).
[[nodiscard]] bool open_hardware(const HardwareDecoding& settings, const std::string& codec,
                                 HardwarePath& path, std::string& why);

// The path a video decodes on here, in words, as `status` says it: "hardware (VAAPI on
// /dev/dri/renderD128)" or "software (no /dev/dri render node)". Opens the device to know.
[[nodiscard]] std::string describe_decoding(const HardwareDecoding& settings);

}  // namespace gatecast::content
