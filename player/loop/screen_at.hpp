#pragma once
// What the screen shows at an instant, and which slide it is: the one answer the play loop,
// `gatecast render`, `gatecast preview` and `gatecast status` all take, so that `render`
// shows exactly what the screen shows and `status` names exactly that slide. Computed from
// the composed channels (their schedules and benched slides) and the instant alone; the loop adds what
// only it knows, what was really on screen before (ShownBefore), as an explicit input.
// Drawing it, with the benching of slides that fail to draw: screen_drawing.hpp.
#include <optional>
#include <string>
#include <vector>

#include "player/loop/loaded_screen.hpp"
#include "player/render/frame_request.hpp"

namespace gatecast::player {

// What was on screen before the instant asked about, for the transition of the slide then.
struct ShownBefore {
  // false: the slide the package itself played just before (what a loop running since
  // midnight had up): `render`, `status`. true: `showing` and `before_that` below (the loop).
  bool known = false;
  std::optional<SlideRef> showing;      // on screen up to now (a swapped-out package's slide too)
  std::optional<SlideRef> before_that;  // what `showing`'s own transition came from

  [[nodiscard]] static ShownBefore as_scheduled() { return {}; }
};

// Whether two references name the same slide showing since the same instant.
[[nodiscard]] bool same_slide(const std::optional<SlideRef>& a, const std::optional<SlideRef>& b);

struct ScreenAt {
  Instant at;
  PackagePosition position;           // schedule state, slide index, the stretch this holds for
  std::string channel;                // the channel whose slide shows; empty with no slide
  std::optional<SlideRef> slide;      // none = the idle screen (or the screen is off)
  std::optional<SlideRef> previous;   // the slide's transition source, only while it runs
  std::vector<BenchedSlide> benched;  // the package's slides out of the cycle, and why

  [[nodiscard]] bool screen_off() const { return position.state.screen.mode == scheduler::ScreenMode::off; }
  // 1 when on, the schedule's level when dimmed.
  [[nodiscard]] double brightness() const;
  // The renderer's request for this screen.
  [[nodiscard]] FrameRequest request() const;
  // "channel langson, playlist 'day' slide 2 (transition from slide 1), dimmed to 60%", "idle
  // screen", "screen off": what `render` prints and `status` says plays now.
  [[nodiscard]] std::string describe() const;
};

// The screen at `t` on `screen` (null: nothing installed, the idle screen). Pure in (the
// packages with their benched slides, t, before); cheap enough for every turn of the loop.
[[nodiscard]] ScreenAt screen_at(const LoadedScreen* screen, Instant t,
                                 const ShownBefore& before = ShownBefore::as_scheduled());

}  // namespace gatecast::player
