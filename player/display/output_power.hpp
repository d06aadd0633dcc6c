#pragma once
// Turning the output off while the schedule says "off". Drawing black leaves an LCD's
// backlight lit all night, so the player powers the output down where the hardware lets it:
//   DPMS through DRM      SDL's kmsdrm driver: the connectors' DPMS property, on SDL's own
//                         DRM file descriptor (only the DRM master may set it);
//   DPMS through X11      the DPMS extension, as `xset dpms force off` does;
//   HDMI-CEC standby      libcec: the TV is told to go to standby and, at the next on-time,
//                         to power on and show our input;
// and black stays on screen under whichever works (or alone, when none does). The config's
// output.power_off chooses (content::PowerOff); `gatecast status` says which works here.
#include <SDL2/SDL.h>

#include <memory>
#include <string>
#include <vector>

#include "content/config/config.hpp"

namespace gatecast::player {

class OutputPower {
 public:
  virtual ~OutputPower() = default;

  // Loop thread. Powers the output down (on = false) or up again. Returns false when the
  // hardware did not take it; the picture is black while off either way.
  [[nodiscard]] virtual bool set_powered(bool on) = 0;

  // One line for the log: which way, on what ("DPMS through X11 on :0").
  [[nodiscard]] virtual std::string describe() const = 0;
};

// The way `how` allows that works for `window` (auto: the video driver's DPMS, then CEC).
// nullptr when none does (black only); `why_not` then says, for the log. Never throws.
[[nodiscard]] std::unique_ptr<OutputPower> open_output_power(SDL_Window* window, content::PowerOff how,
                                                             std::string& why_not);

// For `gatecast status`, without opening the display: one line per way, whether it can work
// on this machine now (DRM devices with a connected output that has DPMS, $DISPLAY's DPMS
// extension, CEC adapters found), and which the config picks.
[[nodiscard]] std::vector<std::string> probe_output_power(content::PowerOff how);

// "auto", "dpms", "cec" or "black", as in the config.
[[nodiscard]] const char* power_off_name(content::PowerOff how);

}  // namespace gatecast::player
