#include "player/loop/screen_drawing.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <string>
#include <utility>

#include "player/render/png_output.hpp"

namespace gatecast::player {
namespace {

using namespace std::chrono_literals;

// Benches in one frame before giving up on the package's slides for the idle screen: a
// playlist of broken pictures must not keep a frame busy decoding for long.
constexpr int max_benches_per_frame = 8;

}  // namespace

std::pair<int, int> output_size_for(const content::Config& config) {
  int w = 1920, h = 1080;
  if (const auto& v = config.output.viewport) {
    w = std::clamp(v->x + v->w, w, max_picture_side);
    h = std::clamp(v->y + v->h, h, max_picture_side);
  }
  return {w, h};
}

namespace {

// A loop that has played since midnight has met every slide of the playlist on screen and
// benched those that would not draw; the playback is replayed without them. Without that
// history (`render`, `status`), the same slides are found by checking each one.
void bench_unplayable(LoadedScreen& screen, Instant t, FrameDrawer& drawer, SDL_Surface* canvas,
                      std::vector<BenchedSlide>& newly_benched) {
  const PackagePosition position = screen.at(t);
  if (position.state.screen.mode == scheduler::ScreenMode::off || position.state.playlist.empty()) return;
  const auto channel = static_cast<std::size_t>(position.state.channel);
  if (position.state.channel < 0 || channel >= screen.channel_count() || !screen.package(channel)) return;
  const LoadedPackage& package = *screen.package(channel);
  const std::string playlist = position.state.playlist;
  const auto found = package.render_package()->manifest.playlists.find(playlist);
  if (found == package.render_package()->manifest.playlists.end()) return;
  for (std::size_t i = 0; i < found->second.slides.size(); ++i) {
    if (package.benched(playlist, i)) continue;
    std::vector<std::string> problems;
    try {
      problems = drawer.problems_of(SlideRef{package.render_package(), playlist, i, t}, canvas);
    } catch (const std::exception& e) {
      problems.emplace_back(e.what());
    }
    if (!problems.empty() && screen.bench(channel, playlist, i, problems.front()))
      newly_benched.push_back(
          BenchedSlide{package.channel(), package.version(), playlist, i, problems.front()});
  }
}

}  // namespace

DrawnScreen draw_screen(LoadedScreen* package, Instant t, ShownBefore before, FrameDrawer& drawer,
                        SDL_Surface* canvas, LogOnce& log) {
  DrawnScreen drawn;
  if (package && !before.known) bench_unplayable(*package, t, drawer, canvas, drawn.newly_benched);
  drawn.screen = screen_at(package, t, before);
  for (int benches = 0;;) {
    const FrameRequest request = drawn.screen.request();
    std::string problem;
    try {
      drawn.next_redraw = drawer.draw(request, canvas);
      const std::vector<std::string> problems = drawer.slide_problems();
      if (problems.empty() || !request.slide) return drawn;
      problem = problems.front();
    } catch (const std::exception& e) {
      problem = e.what();
    }
    const std::optional<SlideRef>& slide = drawn.screen.slide;
    const std::optional<std::size_t> channel =
        slide && package ? package->channel_of(slide->package) : std::nullopt;
    if (channel && benches++ < max_benches_per_frame) {
      const LoadedPackage& owner = *package->package(*channel);
      if (package->bench(*channel, slide->playlist, slide->index, problem))
        drawn.newly_benched.push_back(
            BenchedSlide{owner.channel(), owner.version(), slide->playlist, slide->index, problem});
      // The benched slide was never really on screen: what was shown before it still was.
      if (before.known && same_slide(before.showing, slide)) {
        before.showing = std::exchange(before.before_that, std::nullopt);
      }
      drawn.screen = screen_at(package, t, before);
      continue;
    }
    if (slide) {
      log("cannot draw the slide, showing the idle screen: " + problem, t);
      drawn.screen.slide.reset();
      drawn.screen.previous.reset();
      drawn.idle_instead = true;
      continue;
    }
    log("cannot draw the idle screen: " + problem, t);
    paint_fallback(canvas);
    drawn.next_redraw = t + 10s;
    drawn.fallback = true;
    return drawn;
  }
}

}  // namespace gatecast::player
