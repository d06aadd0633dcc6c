// DPMS through X11: what `xset dpms force off` does (the DPMS extension of libXext), on the
// X connection SDL's window lives on.
#include <SDL2/SDL_syswm.h>
#include <X11/Xlib.h>
#include <X11/extensions/dpms.h>

#include <cstdlib>
#include <string>

#include "player/display/output_power_parts.hpp"

namespace gatecast::player {

namespace {

class X11Dpms final : public OutputPower {
 public:
  X11Dpms(Display* x, std::string name) : x_(x), name_(std::move(name)) {
    CARD16 level = 0;
    ::DPMSInfo(x_, &level, &was_enabled_);
  }

  ~X11Dpms() override {
    // A player that stops at night leaves the monitor as the session had it.
    if (off_) (void)set_powered(true);
  }

  bool set_powered(bool on) override {
    if (on) {
      ::DPMSForceLevel(x_, DPMSModeOn);
      if (!was_enabled_) ::DPMSDisable(x_);
      // SDL's screensaver inhibition resets X's idle timer every 30 s, which also wakes a
      // monitor from DPMS: off while the screen is off, on again with the picture.
      SDL_DisableScreenSaver();
    } else {
      SDL_EnableScreenSaver();
      // Forcing a level needs DPMS enabled (xset does the same).
      ::DPMSEnable(x_);
      ::DPMSForceLevel(x_, DPMSModeOff);
    }
    ::XSync(x_, False);
    CARD16 level = 0;
    BOOL enabled = False;
    if (!::DPMSInfo(x_, &level, &enabled)) return false;
    off_ = !on;
    return on ? level == DPMSModeOn : level == DPMSModeOff;
  }

  std::string describe() const override { return "DPMS through X11 on " + name_; }

 private:
  Display* x_;
  std::string name_;
  BOOL was_enabled_ = False;
  bool off_ = false;
};

// Whether `x` has a DPMS-capable server; `why_not` says otherwise.
bool dpms_capable(Display* x, std::string& why_not) {
  int event_base = 0, error_base = 0;
  if (!::DPMSQueryExtension(x, &event_base, &error_base)) {
    why_not = "the X server has no DPMS extension";
    return false;
  }
  if (!::DPMSCapable(x)) {
    why_not = "the X server's monitor is not DPMS-capable";
    return false;
  }
  return true;
}

}  // namespace

std::unique_ptr<OutputPower> open_x11_dpms(SDL_Window* window, std::string& why_not) {
  SDL_SysWMinfo info;
  SDL_VERSION(&info.version);
  if (!SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_X11) {
    why_not = "DPMS through X11: the window is not an X11 window";
    return nullptr;
  }
  Display* x = info.info.x11.display;
  std::string why;
  if (!dpms_capable(x, why)) {
    why_not = "DPMS through X11: " + why;
    return nullptr;
  }
  const char* name = ::XDisplayString(x);
  return std::make_unique<X11Dpms>(x, name ? name : "X");
}

std::string probe_x11_dpms() {
  const char* display = std::getenv("DISPLAY");
  if (!display || !*display) return "dpms (X11): no $DISPLAY here";
  Display* x = ::XOpenDisplay(display);
  if (!x) return std::string("dpms (X11): cannot open X display ") + display;
  std::string why;
  bool capable = dpms_capable(x, why);
  ::XCloseDisplay(x);
  if (!capable) return std::string("dpms (X11): ") + display + ": " + why;
  return std::string("dpms (X11): works on ") + display;
}

}  // namespace gatecast::player
