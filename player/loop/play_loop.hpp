#pragma once
// The player's loop (the frontend, like mpv's run_playloop): one turn reads the wakeups, swaps
// in a newly activated package at a safe point, asks the scheduler where playback is, logs
// each slide that ended, draws when something changed, pets the watchdog, and sleeps until the
// earliest deadline or a wakeup from another thread. docs/player.md walks through it.
//
// Never lose the screen: a package that fails to load keeps the previous one; with none, the
// idle screen (site name, clock, a message in every language) plays; a slide that cannot be
// drawn is benched and the rest plays; a frame that throws is replaced by the idle screen, and
// if that throws too, by a lit fallback colour. Nothing in a turn ends the loop but a quit.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "content/config/config.hpp"
#include "content/reports/playlog.hpp"
#include "player/display/display.hpp"
#include "player/display/wakeup.hpp"
#include "player/loop/clock.hpp"
#include "player/loop/frame_drawer.hpp"
#include "player/loop/loaded_screen.hpp"
#include "player/loop/screen_at.hpp"
#include "player/loop/screenshot_slot.hpp"
#include "player/loop/service_notify.hpp"
#include "player/loop/status_banner.hpp"
#include "player/surface/log_once.hpp"
#include "scheduler/timezone.hpp"

namespace gatecast::player {

struct LoopOptions {
  std::optional<Duration> exit_after;  // stop after this much loop time (tests, demos)
  bool safe_mode = false;              // idle screen only; the store is never read
  bool store_usable = true;            // false: data_dir cannot be used (said once at start)
  Duration store_check_every{5000};    // how often the store's `current` is looked at
  Duration max_sleep{1000};            // upper bound of one wait (signals, watchdog)
};

// What one drawn frame showed, for tests and the journal.
struct ShownFrame {
  Instant at;
  std::string channel;               // whose slide shows; empty = idle screen
  std::string playlist;              // empty = idle screen
  std::optional<std::size_t> slide;  // manifest index
  std::int64_t version = 0;          // the shown slide's package; else the first channel's; 0 = none
  bool screen_off = false;
  double brightness = 1.0;
  bool banner = false;
};

// Why a slide left the screen (mpv's stop_play_reason): written to the journal in debug runs
// and decides whether the play log gets a record.
// (A slide benched at its first frame never was on screen: it has no end.)
enum class SlideEnd { completed, cut_by_schedule, package_swapped, screen_off, stopped };

class PlayLoop {
 public:
  // Every reference must outlive the loop. `play_log` may be null (no proof-of-play kept).
  PlayLoop(content::Config config, scheduler::TimeZone zone, Clock& clock, Display& display,
           FrameDrawer& drawer, Wakeup& wakeup, BannerBoard& banners, content::PlayLog* play_log,
           ServiceNotifier& notifier, LoopOptions options = {});

  // Turns until a quit (wakeup, window closed, signal) or exit_after. Loop thread. Returns 0.
  int run();

  // One turn without the sleep, at the clock's now; returns the deadline it would sleep to.
  // For tests, which move a FixedClock themselves.
  Instant turn();

  // Each presented frame is offered to `slot` (may be null: none) for the heartbeat's picture.
  void capture_screenshots_into(ScreenshotSlot* slot) { screenshot_slot_ = slot; }

  // Every frame drawn so far (bounded to the last 10,000), oldest first.
  [[nodiscard]] const std::vector<ShownFrame>& shown() const { return shown_; }
  // The composed channels that play; null before anything is installed.
  [[nodiscard]] const LoadedScreen* screen() const { return package_.get(); }
  // One channel's package as it plays (config order); null when none.
  [[nodiscard]] const LoadedPackage* package(std::size_t channel = 0) const {
    return package_ && channel < package_->channel_count() ? package_->package(channel).get() : nullptr;
  }
  [[nodiscard]] bool quit_requested() const { return quit_; }

 private:
  // The steps of a turn, in order.
  void take_wakeups(std::uint32_t reasons, const DisplayEvents& events);
  void check_store(Instant now);
  void swap_package_if_due(Instant now);
  void locate(Instant now);
  void draw_if_due(Instant now);
  void notify_service(Instant now);
  [[nodiscard]] Instant next_deadline(Instant now) const;
  void sleep_until(Instant deadline);

  // Helpers of the steps.
  void prefetch_next();
  void adopt(std::unique_ptr<LoadedScreen> next, Instant now, const char* why);
  // The screen with the store's active versions `current` (per channel), reusing the packages
  // of `base` that did not change; null when nothing would change.
  [[nodiscard]] std::unique_ptr<LoadedScreen> load_changed(
      const std::vector<std::optional<std::int64_t>>& current, const LoadedScreen* base);
  void end_slide(Instant now, SlideEnd why);
  // A slide newly benched for an error goes into the play log (the report's benched column).
  void record_bench(const BenchedSlide& slide, Instant now);
  void draw_frame(Instant now);
  // What the loop knows was on screen: the input screen_at() takes from the loop alone.
  [[nodiscard]] ShownBefore shown_before() const;
  void log_once(const std::string& line);
  // Powers the output up or down when that changes (Display::set_output_powered).
  void power_output(bool on);

  content::Config config_;
  scheduler::TimeZone zone_;
  Clock& clock_;
  Display& display_;
  FrameDrawer& drawer_;
  Wakeup& wakeup_;
  BannerBoard& banners_;
  content::PlayLog* play_log_;
  ScreenshotSlot* screenshot_slot_ = nullptr;
  ServiceNotifier& notifier_;
  LoopOptions options_;

  std::unique_ptr<LoadedScreen> package_;  // what plays: every channel, composed
  std::unique_ptr<LoadedScreen> pending_;  // a channel newly activated, waiting for the slide boundary
  std::vector<std::string> channels_;      // the config's channels, in order
  std::size_t screen_channel_ = 0;         // whose hours the screen keeps
  std::optional<std::vector<std::optional<std::int64_t>>>
      seen_current_;           // each channel's `current` last seen
  bool store_changed_ = true;  // look at the store in this turn (at start: yes)
  std::optional<Instant> next_store_check_;

  PackagePosition position_;             // where playback is, in package_
  std::optional<SlideRef> on_screen_;    // the slide drawn last; none = idle
  std::optional<SlideRef> previous_;     // the slide before it (for its transition)
  std::optional<SlideRef> swapped_out_;  // the old package's slide at a swap
  Instant on_screen_since_;              // when on_screen_ was first drawn
  std::optional<StatusBanner> banner_;   // the banner drawn last
  bool dirty_ = true;                    // draw in this turn
  std::optional<Instant> next_redraw_;   // the renderer's own next change
  std::optional<Instant> preview_due_;   // headless: the next preview picture
  DisplayEvents events_;                 // what the last wait saw
  std::optional<Instant> started_;
  bool ready_sent_ = false;
  bool output_on_ = true;  // as the display opened
  std::optional<Instant> next_watchdog_;
  bool quit_ = false;

  LogOnce log_;  // a repeated problem is written once per repeat_log_after
  std::vector<ShownFrame> shown_;
};

}  // namespace gatecast::player
