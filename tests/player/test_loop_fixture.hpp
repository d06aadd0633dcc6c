#pragma once
// A screen for the play-loop tests: a signed publish tree written by hand (tests/content's
// PublishTree), solid-colour PNG pictures so that the canvas tells which slide is on, a
// store installed through the real installer, a headless display and the real renderer, and
// a clock the test moves. One slide = one colour filling a 320x180 canvas.
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>

#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "content/base/rfc3339.hpp"
#include "content/base/sha256.hpp"
#include "content/install/install.hpp"
#include "content/reports/playlog.hpp"
#include "content/sources/source.hpp"
#include "content/test_install_fixture.hpp"
#include "player/display/display.hpp"
#include "player/display/wakeup.hpp"
#include "player/loop/clock.hpp"
#include "player/loop/frame_drawer.hpp"
#include "player/loop/play_loop.hpp"
#include "player/loop/service_notify.hpp"
#include "player/loop/status_banner.hpp"
#include "player/surface/sdl_ptr.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

namespace gatecast::test {

using fx::listing;
using fx::PublishTree;
using fx::write_bytes;

inline constexpr const char* loop_channel = "loop";
inline constexpr int canvas_w = 320, canvas_h = 180;

inline Instant at_utc(const std::string& text) {
  return content::parse_rfc3339(text, "test");
}

// A PNG of one colour.
inline std::string solid_png(std::uint8_t r, std::uint8_t g, std::uint8_t b, int w = 64, int h = 36) {
  player::SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
  SDL_FillRect(s.get(), nullptr, SDL_MapRGBA(s->format, r, g, b, 255));
  TempDir dir("gatecast-png");
  auto file = dir / "p.png";
  if (IMG_SavePNG(s.get(), file.c_str()) != 0) throw std::runtime_error("IMG_SavePNG failed");
  return read_whole(file);
}

inline const std::map<std::string, std::uint32_t>& palette() {
  static const std::map<std::string, std::uint32_t> colours{
      {"red", 0xd02020}, {"green", 0x20c040}, {"blue", 0x2040e0}, {"yellow", 0xe0d020}, {"white", 0xf0f0f0}};
  return colours;
}

inline std::string colour_png(const std::string& name) {
  std::uint32_t c = palette().at(name);
  return solid_png(static_cast<std::uint8_t>(c >> 16), static_cast<std::uint8_t>(c >> 8),
                   static_cast<std::uint8_t>(c));
}

// A slide showing the picture `asset` (one of the palette's names) for `seconds`.
inline nlohmann::json picture_slide(const std::string& asset, double seconds) {
  return {{"layout", "full"},
          {"duration", seconds},
          {"content", {{"main", {{"type", "image"}, {"asset", asset}, {"fit", "cover"}}}}}};
}

struct LoopPackage {
  std::string channel = loop_channel;
  std::int64_t version = 1;
  nlohmann::json playlists;  // name -> {slides: [...]}
  nlohmann::json schedule = {{"default", "day"}};
  nlohmann::json screen;                               // null = none
  std::map<std::string, std::string> blobs_override;   // asset -> bytes instead of its colour
  std::map<std::string, nlohmann::json> asset_titles;  // asset -> its manifest `title`
  // More assets (videos): name -> (bytes, manifest entry without sha256 and size).
  std::map<std::string, std::pair<std::string, nlohmann::json>> extra_assets;
  nlohmann::json extra_layouts = nlohmann::json::object();  // name -> layout, beside "full"
};

// The test's screen: publish tree, store, display, renderer, loop.
class LoopScreen {
 public:
  explicit LoopScreen(Instant start) : clock(start) {
    config = tree.config(data.path(), loop_channel);
    config.site_name = "Test Gate";
    player::DisplayOptions options;
    options.mode = player::DisplayMode::headless;
    options.width = canvas_w;
    options.height = canvas_h;
    options.preview_dir = previews.path();
    options.preview_every = Duration{3600 * 1000};
    display = player::open_display(options);
    drawer = player::make_frame_drawer(config, scheduler::TimeZone());
    play_log = content::PlayLog::open(data.path());
  }

  // The drawer the player itself uses: live timing (a picture not decoded yet shows its
  // region's background; its decoding wakes the loop), with `decoder` in place of the real
  // one when given. Before loop() is first called.
  void use_live_drawer(player::ImageCache::Decoder decoder = {}) {
    player::PictureHooks hooks;
    hooks.ready = [this] { wakeup.notify(player::wake_redraw); };
    hooks.decoder = std::move(decoder);
    drawer = player::make_frame_drawer(config, scheduler::TimeZone(), 1920, 1080, player::VideoTiming::live,
                                       std::move(hooks));
  }

  // Publishes `package` into the tree (signed) and installs it into the store at the clock's time.
  content::InstallResult install(const LoopPackage& package) {
    publish(package);
    auto source = content::open_folder_source(tree.root());
    return content::install_channel(*source, package.channel, config, clock.now());
  }

  // Several channels from the tree, composed in this order; `screen_channel` keeps the hours
  // (empty: the first). Before loop() is first called.
  void use_channels(const std::vector<std::string>& channels, const std::string& screen_channel = "") {
    config.sources.clear();
    for (const std::string& channel : channels) config.sources.push_back({tree.root().string(), channel});
    config.screen_channel = screen_channel;
  }

  // Writes `package`'s blobs and its signed manifest into the publish tree only.
  void publish(const LoopPackage& package) {
    nlohmann::json assets = nlohmann::json::object();
    for (const auto& [name, colour] : palette()) {
      auto found = package.blobs_override.find(name);
      std::string bytes = found != package.blobs_override.end() ? found->second : colour_png(name);
      write_bytes(tree.root() / "blobs" / content::sha256_hex(bytes), bytes);
      assets[name] = {{"sha256", content::sha256_hex(bytes)}, {"size", bytes.size()}, {"type", "image/png"}};
      if (auto title = package.asset_titles.find(name); title != package.asset_titles.end())
        assets[name]["title"] = title->second;
    }
    for (const auto& [name, extra] : package.extra_assets) {
      const auto& [bytes, entry] = extra;
      write_bytes(tree.root() / "blobs" / content::sha256_hex(bytes), bytes);
      assets[name] = entry;
      assets[name]["sha256"] = content::sha256_hex(bytes);
      assets[name]["size"] = bytes.size();
    }
    nlohmann::json manifest = {{"format", "gatecast/1"},
                               {"channel", package.channel},
                               {"version", package.version},
                               {"created", "2026-11-20T08:00:00+07:00"},
                               {"expires", "2099-01-01T00:00:00+07:00"},
                               {"targets", {"langson/huunghi/*"}},
                               {"assets", assets},
                               {"layouts",
                                {{"full",
                                  {{"size", {canvas_w, canvas_h}},
                                   {"background", "#202020"},
                                   {"regions", {{"main", {{"rect", {0, 0, canvas_w, canvas_h}}}}}}}}}},
                               {"playlists", package.playlists},
                               {"schedule", package.schedule}};
    if (!package.screen.is_null()) manifest["screen"] = package.screen;
    for (const auto& [name, layout] : package.extra_layouts.items()) manifest["layouts"][name] = layout;
    tree.publish_manifest(package.channel, manifest.dump(2));
  }

  player::PlayLoop& loop(player::LoopOptions options = {}) {
    if (!loop_) {
      loop_ = std::make_unique<player::PlayLoop>(config, scheduler::TimeZone(), clock, *display, *drawer,
                                                 wakeup, banners, play_log.get(), notifier, options);
    }
    return *loop_;
  }

  // Moves the clock to `t` and runs one turn.
  void turn_at(Instant t) {
    clock.set(t);
    (void)loop().turn();
  }

  // Turns at `t` until `done()`: with a live drawer a picture arrives from the image worker,
  // which wakes the loop; each wait for that wakeup is bounded (generously), as is the count.
  void turn_until(Instant t, const std::function<bool()>& done) {
    turn_at(t);
    for (int i = 0; i < 10 && !done(); ++i) {
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      while (!wakeup.pending() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      turn_at(t);
    }
  }

  // The canvas pixel at the centre, as 0xRRGGBB.
  std::uint32_t centre() {
    SDL_Surface* c = display->canvas();
    auto* row = static_cast<std::uint8_t*>(c->pixels) + (c->h / 2) * c->pitch;
    return reinterpret_cast<std::uint32_t*>(row)[c->w / 2] & 0xffffffu;
  }

  // The share of canvas pixels that are pure black.
  double black_share() {
    SDL_Surface* c = display->canvas();
    std::size_t black = 0;
    for (int y = 0; y < c->h; ++y) {
      auto* row = reinterpret_cast<std::uint32_t*>(static_cast<std::uint8_t*>(c->pixels) + y * c->pitch);
      for (int x = 0; x < c->w; ++x) black += (row[x] & 0xffffffu) == 0;
    }
    return static_cast<double>(black) / (c->w * c->h);
  }

  std::string store_blob_path_of(const std::string& bytes) const {
    return (data.path() / "store" / "blobs" / content::sha256_hex(bytes)).string();
  }

  PublishTree tree;
  TempDir data{"gatecast-loop-data"};
  TempDir previews{"gatecast-loop-previews"};
  content::Config config;
  player::SteppedClock clock;  // turn_at() sets it; run() steps it
  std::unique_ptr<player::Display> display;
  std::unique_ptr<player::FrameDrawer> drawer;
  std::unique_ptr<content::PlayLog> play_log;
  player::Wakeup wakeup;
  player::BannerBoard banners;
  player::ServiceNotifier notifier{"", std::nullopt};

 private:
  std::unique_ptr<player::PlayLoop> loop_;
};

// Every record of the play log so far (flushed first), in file order.
inline std::vector<content::LoggedPlay> logged_plays(content::PlayLog& log) {
  log.flush();
  std::vector<content::LoggedPlay> plays;
  for (const auto& file : content::play_log_files(log.folder())) {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
      content::LoggedPlay play;
      if (content::parse_play_record_line(line, play)) plays.push_back(play);
    }
  }
  return plays;
}

// Colour distance small enough for a scaled solid picture (exact but for rounding).
inline bool near_colour(std::uint32_t got, const std::string& name) {
  std::uint32_t want = palette().at(name);
  for (int shift : {0, 8, 16}) {
    int a = static_cast<int>((got >> shift) & 0xff), b = static_cast<int>((want >> shift) & 0xff);
    if (std::abs(a - b) > 6) return false;
  }
  return true;
}

}  // namespace gatecast::test
