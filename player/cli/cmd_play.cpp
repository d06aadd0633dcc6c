// `gatecast play`: the screen. It plays what the store holds for the screen of --config; an
// installed gatecast without --config is the screen of /etc/gatecast/player.json. `--example`
// (and, from a developer's build tree, no --config at all) builds the bundled demo
// (player/cli/demo_setup.hpp) and plays that.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "content/base/error.hpp"
#include "content/config/config_json.hpp"
#include "player/cli/args.hpp"
#include "player/cli/commands.hpp"
#include "player/cli/demo_setup.hpp"
#include "player/data/bundled_data.hpp"
#include "player/loop/player_session.hpp"

namespace gatecast::cli {

namespace {

// A number of seconds (fractions allowed) in (0, 10 years]; anything else is a usage error.
Duration parse_seconds(const std::string& option, const std::string& text) {
  std::size_t used = 0;
  double seconds = 0;
  try {
    seconds = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty() || !(seconds > 0) || seconds > 315'360'000.0) {
    fail_usage("--" + option, "\"" + text + "\" is not a number of seconds > 0");
  }
  return Duration{static_cast<std::int64_t>(seconds * 1000.0 + 0.5)};
}

// "WxH" with both sides in 16..16384.
std::pair<int, int> parse_size(const std::string& text) {
  auto x = text.find('x');
  int w = 0, h = 0;
  try {
    std::size_t used_w = 0, used_h = 0;
    if (x != std::string::npos && x > 0 && x + 1 < text.size()) {
      w = std::stoi(text.substr(0, x), &used_w);
      h = std::stoi(text.substr(x + 1), &used_h);
      if (used_w != x || used_h != text.size() - x - 1) w = h = 0;
    }
  } catch (const std::exception&) {
    w = h = 0;
  }
  if (w < 16 || h < 16 || w > 16384 || h > 16384)
    fail_usage("--size", "\"" + text + "\" is not WxH (e.g. 1920x1080)");
  return {w, h};
}

std::filesystem::path make_temp_folder(const char* tag) {
  std::string pattern = (std::filesystem::temp_directory_path() / (std::string(tag) + "-XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) fail_runtime(Reason::io, pattern, "cannot create a temporary folder");
  return pattern;
}

// The demo's key, store and play log live only as long as the demo plays.
struct DemoFolder {
  explicit DemoFolder(std::filesystem::path p) : path(std::move(p)) {}
  ~DemoFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  DemoFolder(const DemoFolder&) = delete;
  DemoFolder& operator=(const DemoFolder&) = delete;
  std::filesystem::path path;
};

}  // namespace

int cmd_play(const Words& words) {
  Args args(words, {"config", "previews", "preview-every", "exit-after", "size", "example"},
            {"windowed", "headless", "safe"});
  if (!args.positionals().empty())
    fail_usage(args.positionals().front(), "play takes no positional argument");
  if (args.has("windowed") && args.has("headless"))
    fail_usage("--headless", "cannot be used with --windowed");

  player::SessionOptions options;
  options.mode = args.has("headless")   ? player::DisplayMode::headless
                 : args.has("windowed") ? player::DisplayMode::windowed
                                        : player::DisplayMode::fullscreen;
  options.safe_mode = args.has("safe");
  if (auto v = args.option("exit-after")) options.exit_after = parse_seconds("exit-after", *v);
  if (auto v = args.option("preview-every")) options.preview_every = parse_seconds("preview-every", *v);
  if (options.mode == player::DisplayMode::windowed) {
    options.width = 1280;
    options.height = 720;
  }
  if (auto v = args.option("size")) std::tie(options.width, options.height) = parse_size(*v);
  if (options.mode != player::DisplayMode::headless && args.option("previews")) {
    fail_usage("--previews", "only with --headless");
  }

  content::Config config;
  std::optional<DemoFolder> demo;
  if (args.option("config") && args.option("example"))
    fail_usage("--example", "only without --config (it picks the bundled demo)");
  // A build tree keeps the developer's habit: no --config plays the demo. Installed, no
  // --config is the screen itself, so the units and a technician read the same file.
  const bool play_demo = args.option("example") || (!args.option("config") && !player::installed_data_dir());
  if (!play_demo) {
    config = content::load_config(config_file(args));
  } else {
    std::string example = args.option("example").value_or("langson-cluster");
    demo.emplace(make_temp_folder("gatecast-demo"));
    std::printf("gatecast: no --config: packing, signing and installing the bundled example %s in %s\n",
                example.c_str(), demo->path.c_str());
    std::fflush(stdout);
    Instant now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
    config = player::prepare_demo_site(player::bundled_examples_dir(), example, demo->path, now).config;
  }

  if (options.mode == player::DisplayMode::headless) {
    options.preview_dir = args.option("previews") ? std::filesystem::path(*args.option("previews"))
                                                  : make_temp_folder("gatecast-previews");
  }
  return player::run_player(config, options);
}

}  // namespace gatecast::cli
