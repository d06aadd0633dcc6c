#include "player/display/output_power.hpp"

#include "player/display/output_power_parts.hpp"

namespace gatecast::player {

const char* power_off_name(content::PowerOff how) {
  switch (how) {
    case content::PowerOff::automatic:
      return "auto";
    case content::PowerOff::dpms:
      return "dpms";
    case content::PowerOff::cec:
      return "cec";
    case content::PowerOff::black:
      return "black";
  }
  return "auto";
}

std::unique_ptr<OutputPower> open_output_power(SDL_Window* window, content::PowerOff how,
                                               std::string& why_not) {
  if (how == content::PowerOff::black) {
    why_not = "the config says black (output.power_off)";
    return nullptr;
  }
  std::string reasons;
  auto note = [&reasons](const std::string& why) { reasons += (reasons.empty() ? "" : "; ") + why; };
  if (how == content::PowerOff::automatic || how == content::PowerOff::dpms) {
    // The video driver decides which DPMS there is: the DRM connectors SDL drives, or X's.
    std::string driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
    std::string why;
    std::unique_ptr<OutputPower> power;
    if (driver == "kmsdrm") {
      power = open_drm_dpms(window, why);
    } else if (driver == "x11") {
      power = open_x11_dpms(window, why);
    } else {
      why = "DPMS: the " + (driver.empty() ? std::string("headless") : driver) + " video driver has none";
    }
    if (power) return power;
    note(why);
  }
  if (how == content::PowerOff::automatic || how == content::PowerOff::cec) {
    std::string why;
    if (auto power = open_cec_standby(why)) return power;
    note(why);
  }
  why_not = reasons;
  return nullptr;
}

std::vector<std::string> probe_output_power(content::PowerOff how) {
  std::vector<std::string> lines;
  lines.push_back(
      std::string("config: ") + power_off_name(how) +
      (how == content::PowerOff::automatic ? " (DPMS of the video driver, else HDMI-CEC, else black)" : ""));
  if (how != content::PowerOff::cec && how != content::PowerOff::black) {
    lines.push_back(probe_drm_dpms());
    lines.push_back(probe_x11_dpms());
  }
  if (how != content::PowerOff::dpms && how != content::PowerOff::black) lines.push_back(probe_cec_standby());
  lines.push_back("black: always (the picture goes black while the screen is off)");
  return lines;
}

}  // namespace gatecast::player
