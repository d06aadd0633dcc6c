#include "player/loop/screen_at.hpp"

#include <cmath>

namespace gatecast::player {

bool same_slide(const std::optional<SlideRef>& a, const std::optional<SlideRef>& b) {
  if (!a || !b) return !a && !b;
  return a->package == b->package && a->playlist == b->playlist && a->index == b->index &&
         a->start == b->start;
}

double ScreenAt::brightness() const {
  const scheduler::ScreenState& screen = position.state.screen;
  return screen.mode == scheduler::ScreenMode::dimmed ? screen.level : 1.0;
}

FrameRequest ScreenAt::request() const {
  FrameRequest request;
  request.now = at;
  request.screen_off = screen_off();
  request.brightness = brightness();
  if (!request.screen_off) {
    request.slide = slide;
    request.previous = previous;
  }
  return request;
}

std::string ScreenAt::describe() const {
  if (screen_off()) return "screen off";
  std::string what = slide ? "channel " + channel + ", playlist '" + slide->playlist + "' slide " +
                                 std::to_string(slide->index + 1)
                           : std::string("idle screen");
  if (previous) what += " (transition from slide " + std::to_string(previous->index + 1) + ")";
  if (brightness() < 1.0) what += ", dimmed to " + std::to_string(int(std::lround(brightness() * 100))) + "%";
  return what;
}

namespace {

// The slide `slide`'s transition comes from, or none when it cuts in or its transition is over.
std::optional<SlideRef> transition_source(const LoadedScreen& package, const SlideRef& slide, Instant t,
                                          const ShownBefore& before) {
  const content::Slide* shown = slide.find_slide();
  if (!shown || shown->transition.kind == content::TransitionKind::cut ||
      t >= slide.start + shown->transition.duration) {
    return std::nullopt;
  }
  if (before.known) return same_slide(slide, before.showing) ? before.before_that : before.showing;
  const PackagePosition just_before = package.at(slide.start - Duration(1));
  if (just_before.state.screen.mode == scheduler::ScreenMode::off) return std::nullopt;
  return package.slide_ref(just_before);
}

}  // namespace

ScreenAt screen_at(const LoadedScreen* package, Instant t, const ShownBefore& before) {
  ScreenAt screen;
  screen.at = t;
  if (!package) {
    screen.position.slide_start = t;
    screen.position.slide_end = Instant::max();
    return screen;
  }
  screen.position = package->at(t);
  screen.benched = package->benched_slides();
  if (screen.screen_off()) return screen;
  screen.slide = package->slide_ref(screen.position);
  if (screen.slide)
    screen.channel = package->channel_name(static_cast<std::size_t>(screen.position.state.channel));
  if (screen.slide) screen.previous = transition_source(*package, *screen.slide, t, before);
  return screen;
}

}  // namespace gatecast::player
