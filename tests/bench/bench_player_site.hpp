#pragma once
// A screen for the player benchmarks, set up the way a real one is: photo-like 1080p JPEGs,
// an authoring folder, `pack` with a fresh key, a config trusting it, `install` into a fresh
// store. Shared by bench_player_static_cpu.cpp and bench_player_rss.cpp (and the pictures of
// bench_player_vs_feh_mpv.sh come from bench_player_rss --pictures).
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "content/config/config_json.hpp"
#include "content/install/install.hpp"
#include "content/publish/pack.hpp"
#include "content/signing/minisign.hpp"
#include "content/sources/source.hpp"
#include "player/surface/sdl_ptr.hpp"

namespace gatecast::bench {

namespace fs = std::filesystem;

inline Instant wall_now() {
  return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

// CPU seconds (user + system) this process has used so far.
inline double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Peak resident set size so far, MiB.
inline double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// A 1920x1080 photo-like JPEG (gradients, bands and grain, so it compresses like a photo).
inline void write_photo(const fs::path& file, int seed, int w = 1920, int h = 1080) {
  player::SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
  if (!s) throw std::runtime_error("cannot allocate a surface");
  std::uint32_t noise = 2654435761u * static_cast<std::uint32_t>(seed + 1);
  for (int y = 0; y < h; ++y) {
    auto* row = reinterpret_cast<std::uint32_t*>(static_cast<std::uint8_t*>(s->pixels) + y * s->pitch);
    for (int x = 0; x < w; ++x) {
      noise ^= noise << 13;
      noise ^= noise >> 17;
      noise ^= noise << 5;
      int grain = static_cast<int>(noise & 15) - 8;
      int r = (x * 255 / w + seed * 37 + grain) & 255;
      int g = (y * 255 / h + ((x / 97 + seed) % 5) * 20 + grain) & 255;
      int b = (((x + y) / 7 + seed * 53) % 256 + grain) & 255;
      row[x] = 0xff000000u | (std::uint32_t(r) << 16) | (std::uint32_t(g) << 8) | std::uint32_t(b);
    }
  }
  if (IMG_SaveJPG(s.get(), file.c_str(), 88) != 0) throw std::runtime_error("cannot write " + file.string());
}

struct BenchSite {
  content::Config config;
  fs::path folder;
};

// Packs `content` (content.json's document, without assets) with `assets` (name -> file in
// `folder`/media) into a publish tree, and installs it for screen langson/huunghi/1.
inline BenchSite install_site(const fs::path& folder, nlohmann::json content) {
  content::write_new_key_pair(folder / "keys");
  auto key = content::read_public_key_file(folder / "keys" / "gatecast.pub");
  {
    std::ofstream out(folder / "src" / "content.json");
    out << content.dump(2);
  }
  content::PackOptions pack;
  pack.source = folder / "src";
  pack.out = folder / "publish";
  pack.channel = "bench";
  pack.version = 1;
  pack.key = folder / "keys" / "gatecast.key";
  pack.now = wall_now();
  (void)content::pack(pack);
  nlohmann::json config = {{"screen", "langson/huunghi/1"},
                           {"site_name", "Hữu Nghị"},
                           {"data_dir", (folder / "data").string()},
                           {"trusted_keys", {content::public_key_line(key)}},
                           {"sources", {{{"url", (folder / "publish").string()}, {"channel", "bench"}}}}};
  {
    std::ofstream out(folder / "player.json");
    out << config.dump(2);
  }
  BenchSite site{content::load_config(folder / "player.json"), folder};
  auto source = content::open_folder_source(folder / "publish");
  (void)content::install_channel(*source, "bench", site.config, wall_now());
  return site;
}

// content.json for `n` photo slides of `seconds` each (media/photo-<i>.jpg), full screen, with
// a caption in three languages on each and, when `clock`, a clock overlay.
inline nlohmann::json photo_show(int n, double seconds, bool clock) {
  nlohmann::json assets = nlohmann::json::object(), slides = nlohmann::json::array();
  for (int i = 0; i < n; ++i) {
    std::string name = "photo-" + std::to_string(i);
    assets[name] = "media/" + name + ".jpg";
    slides.push_back({{"layout", "full"},
                      {"duration", seconds},
                      {"content",
                       {{"picture", {{"type", "image"}, {"asset", name}, {"fit", "cover"}}},
                        {"caption",
                         {{"type", "text"},
                          {"text",
                           {{"vi", "Cửa khẩu Hữu Nghị " + std::to_string(i + 1)},
                            {"zh", "友谊关"},
                            {"en", "Huu Nghi Gate"}}},
                          {"style", {{"max_size", 56}}}}}}}});
  }
  nlohmann::json playlist = {{"slides", slides}};
  if (clock) {
    playlist["overlays"] = {
        {{"rect", {1560, 20, 340, 90}}, {"item", {{"type", "clock"}, {"date", true}, {"time", true}}}}};
  }
  return {{"expires", 30},
          {"targets", {"langson/*"}},
          {"assets", assets},
          {"layouts",
           {{"full",
             {{"size", {1920, 1080}},
              {"regions",
               {{"picture", {{"rect", {0, 0, 1920, 1080}}}},
                {"caption", {{"rect", {0, 900, 1920, 180}}, {"background", "#00000080"}}}}}}}}},
          {"playlists", {{"day", playlist}}},
          {"schedule", {{"default", "day"}}}};
}

}  // namespace gatecast::bench
