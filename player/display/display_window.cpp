// The window displays: borderless desktop-fullscreen for the screen, a resizable window for
// desktops. Frames are drawn into the window's framebuffer surface (XShm on X11; SDL's
// texture path on KMSDRM and Wayland), which needs no GPU.
#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#include "content/base/error.hpp"
#include "player/display/display.hpp"
#include "player/display/display_parts.hpp"
#include "player/display/output_power.hpp"

namespace gatecast::player {

namespace {

int display_index(const std::string& text) {
  if (text.empty()) return 0;
  int index = -1;
  try {
    std::size_t used = 0;
    index = std::stoi(text, &used);
    if (used != text.size()) index = -1;
  } catch (const std::exception&) {
    index = -1;
  }
  int count = SDL_GetNumVideoDisplays();
  if (index < 0 || index >= count) {
    fail_usage("output.display", "\"" + text + "\" is not a display index (this machine has " +
                                     std::to_string(count) + " display(s), numbered from 0)");
  }
  return index;
}

class WindowDisplay final : public Display {
 public:
  explicit WindowDisplay(const DisplayOptions& options) : options_(options) {
    // A kiosk must not minimize when another window (a notification) takes the focus, and the
    // screensaver/DPMS of the session must never blank the gate's screen.
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    // The player reads no typed text, so X's compose table (a locale file of thousands of
    // lines that Xlib parses when SDL opens its input method) is dead weight at every start:
    // an empty one, unless the session names its own. Set before any thread of ours runs
    // (the display is opened first, player_session.cpp).
    setenv("XCOMPOSEFILE", "/dev/null", 0);
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
      fail_runtime(Reason::display, "display",
                   std::string("cannot open the video output: ") + SDL_GetError());
    }
    // On X11 the window's framebuffer is an XShm image we draw into directly. Without this
    // hint SDL would put a GL renderer behind it (on a machine without a GPU, Mesa's llvmpipe:
    // an LLVM JIT, shader threads and some 60 MiB for a texture upload per frame). Drivers
    // without a framebuffer of their own (KMSDRM, Wayland) keep SDL's texture path.
    if (std::string(SDL_GetCurrentVideoDriver()) == "x11")
      SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    int index = display_index(options.display);
    bool fullscreen = options.mode == DisplayMode::fullscreen;
    int x = static_cast<int>(SDL_WINDOWPOS_CENTERED_DISPLAY(index)), y = x;
    int w = options.width, h = options.height;
    if (options.viewport) {
      w = options.viewport->x + options.viewport->w;
      h = options.viewport->y + options.viewport->h;
    }
    SDL_Rect bounds{};
    if (fullscreen && SDL_GetDisplayBounds(index, &bounds) == 0) {
      // Made at the display's own size and place, so that the window covers the output even
      // where nothing honours the fullscreen request (a bare X server without a window manager).
      x = bounds.x;
      y = bounds.y;
      w = bounds.w;
      h = bounds.h;
    }
    Uint32 flags = fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS : SDL_WINDOW_RESIZABLE;
    window_ = SDL_CreateWindow("gatecast", x, y, w, h, flags);
    if (!window_) {
      std::string why = SDL_GetError();
      SDL_QuitSubSystem(SDL_INIT_VIDEO);
      fail_runtime(Reason::display, "display", "cannot open a window: " + why);
    }
    if (fullscreen) SDL_ShowCursor(SDL_DISABLE);
    SDL_DisableScreenSaver();
    wake_event_ = SDL_RegisterEvents(1);
    resize_canvas();
    power_ = open_output_power(window_, options.power_off, power_missing_);
  }

  ~WindowDisplay() override {
    power_.reset();  // DPMS: powers a dark output up again
    canvas_.reset();
    SDL_DestroyWindow(window_);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
  }

  SDL_Surface* canvas() override { return canvas_.get(); }

  void present(Instant) override {
    if (powered_down_) return;
    SDL_Surface* target = SDL_GetWindowSurface(window_);
    if (!target)
      fail_runtime(Reason::display, "display",
                   std::string("the window has no framebuffer: ") + SDL_GetError());
    if (target != last_target_) {
      // The framebuffer was replaced under us (a mode change): take the new one and have the
      // frame drawn again into it.
      resize_canvas();
      redraw_pending_ = true;
      return;
    }
    SDL_Rect where = target_rect();
    if (!direct_) SDL_BlitSurface(canvas_.get(), nullptr, target, &where);
    SDL_UpdateWindowSurfaceRects(window_, &where, 1);
  }

  DisplayEvents wait(Duration max, Wakeup& wakeup) override {
    if (wake_event_ != static_cast<Uint32>(-1)) wakeup.use_sdl_events(wake_event_);
    DisplayEvents events;
    SDL_Event event;
    bool got = false;
    if (wakeup.pending() || max.count() <= 0) {
      got = SDL_PollEvent(&event) != 0;
    } else {
      auto ms = static_cast<int>(std::min<long long>(max.count(), INT_MAX));
      got = SDL_WaitEventTimeout(&event, ms) != 0;
    }
    while (got) {
      handle(event, events);
      got = SDL_PollEvent(&event) != 0;
    }
    events.woken = events.woken || wakeup.pending();
    if (std::exchange(redraw_pending_, false)) events.redraw = events.woken = true;
    return events;
  }

  void set_output_powered(bool on) override {
    if (!power_) {
      if (!on)
        std::fprintf(stderr, "gatecast: screen off: black, the output stays on (%s)\n",
                     power_missing_.c_str());
      return;
    }
    bool done = power_->set_powered(on);
    std::fprintf(stderr, "gatecast: screen %s: output powered %s%s (%s)\n", on ? "on" : "off",
                 on ? "up" : "down", done ? "" : ", but the output did not confirm it",
                 power_->describe().c_str());
    powered_down_ = !on && done;
    if (on) redraw_pending_ = true;
  }

  std::string describe() const override {
    int w = 0, h = 0;
    SDL_GetWindowSize(window_, &w, &h);
    std::string mode = options_.mode == DisplayMode::fullscreen ? "fullscreen" : "window";
    return mode + " " + std::to_string(w) + "x" + std::to_string(h) + " on display " +
           std::to_string(SDL_GetWindowDisplayIndex(window_)) + " (" + SDL_GetCurrentVideoDriver() +
           "), drawing " + (direct_ ? "straight into the framebuffer, " : "") + std::to_string(canvas_->w) +
           "x" + std::to_string(canvas_->h) + " at " + std::to_string(target_rect().x) + "," +
           std::to_string(target_rect().y) +
           "; screen off: " + (power_ ? power_->describe() : "black (" + power_missing_ + ")");
  }

 private:
  void handle(const SDL_Event& event, DisplayEvents& events) {
    events.woken = true;
    if (event.type == SDL_QUIT) {
      events.quit = true;
    } else if (event.type == SDL_KEYDOWN && options_.mode == DisplayMode::windowed &&
               (event.key.keysym.sym == SDLK_ESCAPE || event.key.keysym.sym == SDLK_q)) {
      events.quit = true;
    } else if (event.type == SDL_WINDOWEVENT) {
      switch (event.window.event) {
        case SDL_WINDOWEVENT_SIZE_CHANGED:
          resize_canvas();
          events.redraw = true;
          break;
        case SDL_WINDOWEVENT_EXPOSED:
        case SDL_WINDOWEVENT_RESTORED:
        case SDL_WINDOWEVENT_SHOWN:
          events.redraw = true;
          break;
        default:
          break;
      }
    }
  }

  // The canvas follows the window unless a viewport fixes it. When the window's framebuffer
  // is 32-bit XRGB/ARGB (X11, most KMS setups) and holds the viewport, the canvas is a view
  // of the viewport's rectangle inside it: frames are drawn straight into the framebuffer, with
  // no copy per frame and no second screen-sized buffer. Otherwise it is a surface of its own,
  // copied at present().
  void resize_canvas() {
    int w = 0, h = 0;
    SDL_GetWindowSize(window_, &w, &h);
    int x = 0, y = 0;
    if (options_.viewport) {
      x = options_.viewport->x;
      y = options_.viewport->y;
      w = options_.viewport->w;
      h = options_.viewport->h;
    }
    w = std::max(w, 1);
    h = std::max(h, 1);
    canvas_.reset();
    direct_ = false;
    last_target_ = SDL_GetWindowSurface(window_);
    SDL_Surface* target = last_target_;
    if (target) SDL_FillRect(target, nullptr, SDL_MapRGB(target->format, 0, 0, 0));  // outside the viewport
    const bool xrgb = target && (target->format->format == SDL_PIXELFORMAT_RGB888 ||
                                 target->format->format == SDL_PIXELFORMAT_ARGB8888);
    if (xrgb && x + w <= target->w && y + h <= target->h) {
      auto* origin = static_cast<std::uint8_t*>(target->pixels) + std::ptrdiff_t{y} * target->pitch + x * 4;
      canvas_.reset(
          SDL_CreateRGBSurfaceWithFormatFrom(origin, w, h, 32, target->pitch, target->format->format));
      direct_ = canvas_ != nullptr;
    }
    if (!canvas_) canvas_ = make_canvas(w, h);
  }

  SDL_Rect target_rect() const {
    if (!options_.viewport) return SDL_Rect{0, 0, canvas_->w, canvas_->h};
    return SDL_Rect{options_.viewport->x, options_.viewport->y, canvas_->w, canvas_->h};
  }

  DisplayOptions options_;
  SDL_Window* window_ = nullptr;
  SurfacePtr canvas_;                   // a view into last_target_ when direct_
  SDL_Surface* last_target_ = nullptr;  // the framebuffer the canvas belongs to
  bool direct_ = false;
  bool redraw_pending_ = false;
  Uint32 wake_event_ = static_cast<Uint32>(-1);
  std::unique_ptr<OutputPower> power_;  // nullptr: black only, for power_missing_'s reason
  std::string power_missing_;
  bool powered_down_ = false;
};

}  // namespace

std::unique_ptr<Display> open_window_display(const DisplayOptions& options) {
  return std::make_unique<WindowDisplay>(options);
}

SurfacePtr make_canvas(int w, int h) {
  SurfacePtr canvas(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
  if (!canvas)
    fail_runtime(Reason::display, "display", std::string("cannot make a canvas: ") + SDL_GetError());
  SDL_SetSurfaceBlendMode(canvas.get(), SDL_BLENDMODE_NONE);
  SDL_FillRect(canvas.get(), nullptr, SDL_MapRGBA(canvas->format, 0, 0, 0, 255));
  return canvas;
}

std::unique_ptr<Display> open_display(const DisplayOptions& options) {
  if (options.viewport &&
      (options.viewport->w <= 0 || options.viewport->h <= 0 || options.viewport->x < 0 ||
       options.viewport->y < 0 || options.viewport->w > 16384 || options.viewport->h > 16384)) {
    fail_usage("output.viewport", "must be [x, y, w, h] with x, y >= 0 and 0 < w, h <= 16384");
  }
  if (options.mode == DisplayMode::headless) return open_headless_display(options);
  return open_window_display(options);
}

}  // namespace gatecast::player
