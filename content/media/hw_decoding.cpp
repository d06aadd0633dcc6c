#include "content/media/hw_decoding.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/hwcontext.h>
}

#include <algorithm>
#include <system_error>
#include <vector>

#include "content/media/video_file.hpp"

namespace gatecast::content {

namespace {

namespace fs = std::filesystem;

// The first of `folder`'s entries whose name starts with `prefix`, in name order; empty if none.
fs::path first_node(const fs::path& folder, const std::string& prefix) {
  std::error_code ec;
  std::vector<fs::path> nodes;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().rfind(prefix, 0) == 0) nodes.push_back(it->path());
  }
  std::sort(nodes.begin(), nodes.end());
  return nodes.empty() ? fs::path{} : nodes.front();
}

bool open_vaapi(const HardwareDecoding& settings, HardwarePath& path, std::string& why) {
  fs::path node = settings.render_node;
  if (node.empty()) {
    node = first_node("/dev/dri", "renderD");
    if (node.empty()) {
      why = "no /dev/dri render node";
      return false;
    }
  }
  std::error_code ec;
  if (!fs::exists(node, ec)) {
    why = "no render node at " + node.string();
    return false;
  }
  AVBufferRef* device = nullptr;
  if (int e = av_hwdevice_ctx_create(&device, AV_HWDEVICE_TYPE_VAAPI, node.c_str(), nullptr, 0); e < 0) {
    why = node.string() + ": VAAPI does not open: " + av_error_text(e);
    return false;
  }
  path.device = device;
  path.description = "hardware (VAAPI on " + node.string() + ")";
  return true;
}

// V4L2 memory-to-memory decoders are the arm boards' (Raspberry Pi, Rockchip) hardware path;
// on a PC, FFmpeg carries them too but VAAPI is the one to use.
bool open_v4l2m2m(const std::string& codec, HardwarePath& path, std::string& why) {
#if defined(__arm__) || defined(__aarch64__)
  const AVCodec* decoder = avcodec_find_decoder_by_name((codec + "_v4l2m2m").c_str());
  if (!decoder) {
    why += "; no V4L2 M2M decoder for " + codec;
    return false;
  }
  if (first_node("/dev", "video").empty()) {
    why += "; no /dev/video node for V4L2 M2M";
    return false;
  }
  path.decoder = decoder;
  path.description = "hardware (V4L2 M2M, " + std::string(decoder->name) + ")";
  return true;
#else
  (void)codec, (void)path, (void)why;
  return false;
#endif
}

}  // namespace

bool open_hardware(const HardwareDecoding& settings, const std::string& codec, HardwarePath& path,
                   std::string& why) {
  path = HardwarePath{};
  if (!settings.allowed) {
    why = "output.video_decoding is \"software\"";
    return false;
  }
  return open_vaapi(settings, path, why) || open_v4l2m2m(codec, path, why);
}

std::string describe_decoding(const HardwareDecoding& settings) {
  HardwarePath path;
  std::string why;
  if (!open_hardware(settings, "h264", path, why)) return "software (" + why + ")";
  av_buffer_unref(&path.device);
  return path.description;
}

}  // namespace gatecast::content
