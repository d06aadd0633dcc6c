// `gatecast render --config F --at TIME --out PNG [--size WxH]`: one frame exactly as the
// screen would show it at TIME, every configured channel composed. What the screen shows, the slide benching
// and the drawing are the play loop's own (player/loop/screen_at.hpp, screen_drawing.hpp), into an offscreen
// surface of the output's size.
#include <algorithm>
#include <cstdio>
#include <memory>

#include "content/base/error.hpp"
#include "content/base/rfc3339.hpp"
#include "content/base/timezone.hpp"
#include "content/config/config_json.hpp"
#include "player/cli/args.hpp"
#include "player/cli/commands.hpp"
#include "player/loop/frame_drawer.hpp"
#include "player/loop/loaded_screen.hpp"
#include "player/loop/screen_drawing.hpp"
#include "player/render/png_output.hpp"
#include "player/surface/surface_ops.hpp"

namespace gatecast::cli {
namespace {

using player::LoadedScreen;

// The output frame: --size, or 1920x1080 grown to hold the configured viewport.
std::pair<int, int> output_size(const Args& args, const content::Config& config) {
  if (auto size = args.option("size")) return player::parse_picture_size(*size, "--size");
  return player::output_size_for(config);
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

  std::unique_ptr<LoadedScreen> package;
  try {
    package = player::load_active_screen(config, zone);
  } catch (const Error& e) {
    // The screen shows the idle screen when its store holds nothing usable; so does render.
    std::fprintf(stderr, "gatecast: %s (drawing the idle screen)\n", e.what());
  }

  std::unique_ptr<player::FrameDrawer> drawer =
      player::make_frame_drawer(player::render_settings_for(config, zone), width, height);
  player::SurfacePtr frame = player::make_argb_surface(width, height);
  if (!frame)
    fail_runtime(Reason::display, "render", std::string("cannot allocate the frame: ") + SDL_GetError());

  // The loop's own drawing (player/loop/screen_drawing.hpp): a slide whose picture will not
  // draw is benched and the screen taken again, so the picture is the one the screen shows.
  player::LogOnce log;
  const player::DrawnScreen drawn =
      player::draw_screen(package.get(), at, player::ShownBefore::as_scheduled(), *drawer, frame.get(), log);
  player::save_png(frame.get(), out);
  std::printf("%s: %dx%d, %s\n", out.string().c_str(), width, height, drawn.screen.describe().c_str());
  return 0;
}

}  // namespace gatecast::cli
