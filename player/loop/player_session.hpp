#pragma once
// Everything `gatecast play` runs, wired together: the display, the renderer, the play log,
// the USB watcher and the sync thread around one PlayLoop on the calling thread. Threads:
// the loop (this thread; owns SDL and the renderer), the image decoder (ImageCache), the play
// log's writer, the USB watcher, the sync worker. Only the loop touches the screen; the others
// reach it through Wakeup (docs/player.md).
#include <filesystem>
#include <optional>

#include "content/config/config.hpp"
#include "player/display/display.hpp"
#include "scheduler/time.hpp"

namespace gatecast::player {

struct SessionOptions {
  DisplayMode mode = DisplayMode::fullscreen;
  std::filesystem::path preview_dir;   // headless: where pictures go
  Duration preview_every{5000};        // headless
  std::optional<Duration> exit_after;  // stop after this long (demos, tests)
  bool safe_mode = false;              // idle screen only (after repeated crashes)
  int width = 1920, height = 1080;     // headless canvas / window size without a viewport
};

// Runs until SIGTERM/SIGINT, the window is closed, or exit_after. Returns the exit code (0).
// Throws Error(runtime) when the display cannot be opened, Error(usage) for a bad time zone,
// display index or viewport: those are the only failures that stop the player; everything
// about content is contained inside the loop.
int run_player(const content::Config& config, const SessionOptions& options);

}  // namespace gatecast::player
