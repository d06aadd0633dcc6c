// `gatecast render --config F --at TIME --out PNG [--size WxH]`: one frame exactly as the
// screen would show it at TIME. The package, the playback position and the slide benching are
// the play loop's own (player/loop/loaded_package.hpp); the drawing is the screen's
// FrameRenderer, into an offscreen surface of the output's size.
#include <algorithm>
#include <cstdio>
#include <memory>

#include "content/config_json.hpp"
#include "content/error.hpp"
#include "content/rfc3339.hpp"
#include "content/timezone.hpp"
#include "player/cli/args.hpp"
#include "player/cli/commands.hpp"
#include "player/images/image_cache.hpp"
#include "player/loop/loaded_package.hpp"
#include "player/render/frame_renderer.hpp"
#include "player/render/png_output.hpp"
#include "player/render/surface_ops.hpp"

namespace gatecast::cli {
namespace {

using player::FrameRequest;
using player::LoadedPackage;

// The output frame: --size, or 1920x1080 grown to hold the configured viewport.
std::pair<int, int> output_size(const Args& args, const content::Config& config) {
  if (auto size = args.option("size")) return player::parse_picture_size(*size, "--size");
  int w = 1920, h = 1080;
  if (const auto& v = config.output.viewport) {
    w = std::clamp(v->x + v->w, w, player::max_picture_side);
    h = std::clamp(v->y + v->h, h, player::max_picture_side);
  }
  return {w, h};
}

// What the screen shows at `at`, as the loop would ask for it; the slide that came before is
// the one on screen just before this one began (what a running loop had up).
FrameRequest request_at(const LoadedPackage* package, Instant at, player::PackagePosition& position) {
  FrameRequest request;
  request.now = at;
  if (!package) return request;
  position = package->at(at);
  const scheduler::ScreenState& screen = position.state.screen;
  request.screen_off = screen.mode == scheduler::ScreenMode::off;
  request.brightness = screen.mode == scheduler::ScreenMode::dimmed ? screen.level : 1.0;
  if (request.screen_off) return request;
  request.slide = package->slide_ref(position);
  const content::Slide* slide = request.slide ? request.slide->find_slide() : nullptr;
  if (slide && slide->transition.kind != content::TransitionKind::cut &&
      at < request.slide->start + slide->transition.duration) {
    const player::PackagePosition before = package->at(request.slide->start - Duration(1));
    if (before.state.screen.mode != scheduler::ScreenMode::off) request.previous = package->slide_ref(before);
  }
  return request;
}

std::string describe(const FrameRequest& request) {
  if (request.screen_off) return "screen off";
  std::string what = request.slide ? "playlist '" + request.slide->playlist + "' slide " +
                                         std::to_string(request.slide->index + 1)
                                   : std::string("idle screen");
  if (request.previous)
    what += " (transition from slide " + std::to_string(request.previous->index + 1) + ")";
  if (request.brightness < 1.0)
    what += ", dimmed to " + std::to_string(int(request.brightness * 100 + 0.5)) + "%";
  return what;
}

}  // namespace

int cmd_render(const Words& words) {
  const Args args(words, {"config", "at", "out", "size"}, {});
  if (!args.positionals().empty()) fail_usage(args.positionals().front(), "unexpected argument");
  const content::Config config = content::load_config(config_file(args));
  const Instant at = content::parse_rfc3339(args.required("at"), "--at", Outcome::usage);
  const std::filesystem::path out = args.required("out");
  const auto [width, height] = output_size(args, config);
  const scheduler::TimeZone zone = content::load_time_zone(config.timezone);

  std::unique_ptr<LoadedPackage> package;
  try {
    package = player::load_active_package(config, zone);
  } catch (const Error& e) {
    // The screen shows the idle screen when its store holds nothing usable; so does render.
    std::fprintf(stderr, "gatecast: %s (drawing the idle screen)\n", e.what());
  }

  player::RenderSettings settings;
  settings.site_name = config.site_name.empty() ? config.screen : config.site_name;
  settings.languages = config.languages;
  settings.zone = zone;
  settings.viewport = config.output.viewport;
  player::ImageCache images;
  player::FrameRenderer renderer(settings, images);
  player::SurfacePtr frame = player::make_argb_surface(width, height);
  if (!frame) fail_runtime("render", std::string("cannot allocate the frame: ") + SDL_GetError());

  // As the loop does: a slide whose picture will not draw is benched and the position taken
  // again, so the picture is the one the screen really shows.
  player::PackagePosition position;
  FrameRequest request = request_at(package.get(), at, position);
  for (int attempt = 0;; ++attempt) {
    renderer.draw(request, frame.get());
    if (renderer.slide_problems().empty() || !request.slide || !package || attempt >= 8) break;
    package->bench(request.slide->playlist, request.slide->index, renderer.slide_problems().front());
    request = request_at(package.get(), at, position);
  }
  player::save_png(frame.get(), out);
  std::printf("%s: %dx%d, %s\n", out.string().c_str(), width, height, describe(request).c_str());
  return 0;
}

}  // namespace gatecast::cli
