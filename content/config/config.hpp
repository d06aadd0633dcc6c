#pragma once
// The player's config (/etc/gatecast/player.json), as values. Parsed strictly by
// config_json.cpp: unknown keys are an error naming the key. Documented in docs/config.md.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "content/manifest/manifest.hpp"

namespace gatecast::content {

struct SourceConfig {
  std::string url;  // http(s)://... or a folder path
  std::string channel;
  bool alerts = false;  // an alerts channel: polled every alert_poll_seconds (docs/sync.md)
};

// How the output is turned off while the schedule says "off" (docs/config.md, output.power_off).
enum class PowerOff {
  automatic,  // DPMS of the video driver (DRM or X11), else HDMI-CEC standby, else black
  dpms,       // DPMS only (DRM connector property on KMS/DRM, the DPMS extension on X11)
  cec,        // HDMI-CEC standby only (libcec)
  black,      // draw black, leave the output on (a backlight stays lit)
};

struct OutputConfig {
  std::string display;           // SDL display index as text ("0") or empty for the first
  std::optional<Rect> viewport;  // the part of the frame the LED wall shows; none = all of it
  PowerOff power_off = PowerOff::automatic;
  bool hardware_decoding = true;      // "video_decoding": "auto" (hardware when it works) or "software"
  std::filesystem::path render_node;  // VAAPI's DRM render node; empty = the first /dev/dri/renderD*
};

struct Config {
  std::filesystem::path file;  // where it was read from, for messages
  std::string screen;          // e.g. "langson/huunghi/1"
  std::string timezone = "Asia/Ho_Chi_Minh";
  std::filesystem::path data_dir = "/var/lib/gatecast";
  std::vector<std::string> trusted_keys;  // base64 lines of minisign .pub files ("RWQ...")
  std::vector<SourceConfig> sources;
  // The channel whose `screen` block lights, dims and darkens the screen whoever plays
  // (docs/schedule.md, "Several channels"); empty = the first source's channel.
  std::string screen_channel;
  int poll_seconds = 900;
  int alert_poll_seconds = 30;  // for sources marked "alerts"; small, a conditional GET each
  std::vector<std::filesystem::path> import_dirs;
  OutputConfig output;
  std::string report_url;          // empty = no reporting out
  bool report_screenshots = true;  // heartbeats carry a small JPEG of the screen
  std::vector<std::string> languages{"vi", "zh", "en"};
  std::string site_name;  // shown on the idle screen; empty = the screen id
  // Transfer settings for HTTP sources.
  std::uint64_t max_bytes_per_second = 0;  // 0 = no cap
  std::string ca_file;                     // empty = the system's CAs
};

}  // namespace gatecast::content
