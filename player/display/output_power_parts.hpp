#pragma once
// Internals of output_power.cpp: one opener and one probe per way (output_power_<way>.cpp).
// Openers return nullptr and say why in `why_not` when the way does not work here; probes
// return one line for `gatecast status`, without touching the display's state.
#include <SDL2/SDL.h>

#include <memory>
#include <string>

#include "player/display/output_power.hpp"

namespace gatecast::player {

[[nodiscard]] std::unique_ptr<OutputPower> open_drm_dpms(SDL_Window* window, std::string& why_not);
[[nodiscard]] std::unique_ptr<OutputPower> open_x11_dpms(SDL_Window* window, std::string& why_not);
[[nodiscard]] std::unique_ptr<OutputPower> open_cec_standby(std::string& why_not);

[[nodiscard]] std::string probe_drm_dpms();
[[nodiscard]] std::string probe_x11_dpms();
[[nodiscard]] std::string probe_cec_standby();

}  // namespace gatecast::player
