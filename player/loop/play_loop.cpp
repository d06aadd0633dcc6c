#include "player/loop/play_loop.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <utility>

#include "content/config/source_settings.hpp"
#include "content/store/installed.hpp"
#include "content/store/layout.hpp"
#include "content/store/versions.hpp"
#include "player/loop/screen_drawing.hpp"
#include "player/loop/test_hang.hpp"

namespace gatecast::player {

namespace {

using namespace std::chrono_literals;

// No turn is scheduled closer than this after the last: a renderer asking for "now" (a
// ticker) gets frames at about 60 per second, never a spinning loop.
constexpr Duration min_frame_interval = 16ms;
// A repeated problem (a slide that cannot draw, a store that cannot be read) is written to
// the journal once per this stretch, not once per frame.
constexpr Duration repeat_log_after = 10min;
constexpr std::size_t shown_limit = 10000;

}  // namespace

PlayLoop::PlayLoop(content::Config config, scheduler::TimeZone zone, Clock& clock, Display& display,
                   FrameDrawer& drawer, Wakeup& wakeup, BannerBoard& banners, content::PlayLog* play_log,
                   ServiceNotifier& notifier, LoopOptions options)
    : config_(std::move(config)),
      zone_(std::move(zone)),
      clock_(clock),
      display_(display),
      drawer_(drawer),
      wakeup_(wakeup),
      banners_(banners),
      play_log_(play_log),
      notifier_(notifier),
      options_(options),
      channels_(content::configured_channels(config_)),
      screen_channel_(content::screen_channel_index(config_)),
      log_(repeat_log_after) {
  position_.slide_end = Instant::max();
}

int PlayLoop::run() {
  while (!quit_) {
    Instant deadline = turn();
    if (quit_) break;
    sleep_until(deadline);
  }
  end_slide(clock_.now(), SlideEnd::stopped);
  notifier_.stopping();
  if (play_log_) play_log_->flush();
  return 0;
}

Instant PlayLoop::turn() {
  hang_if_test_asked();
  Instant now = clock_.now();
  if (!started_) {
    started_ = now;
    position_.slide_start = now;
  }
  take_wakeups(wakeup_.take(), std::exchange(events_, DisplayEvents{}));
  if (options_.exit_after && now >= *started_ + *options_.exit_after) quit_ = true;
  if (quit_) return now;
  check_store(now);
  swap_package_if_due(now);
  locate(now);
  draw_if_due(now);
  notify_service(now);
  return next_deadline(now);
}

// Step 1. Turns what other threads and the window said into flags for the steps below.
// Only flags are set here: the work happens at the step that owns it.
void PlayLoop::take_wakeups(std::uint32_t reasons, const DisplayEvents& events) {
  if (reasons & wake_package_activated) store_changed_ = true;
  if (reasons & (wake_status_changed | wake_redraw)) dirty_ = true;
  if (events.redraw) dirty_ = true;
  if ((reasons & wake_quit) || events.quit) quit_ = true;
}

// Step 2. Looks at the store when woken for it, and every store_check_every anyway (an install
// by another process, `gatecast install` or a USB import unit, wakes nobody). Reading each
// channel's `current` pointer is one small file; a package is only loaded for a channel whose
// pointer names a version other than the one playing. A package that fails to load changes
// nothing on the screen; the other channels' news still comes in.
void PlayLoop::check_store(Instant now) {
  if (options_.safe_mode || !options_.store_usable) return;
  if (!store_changed_ && next_store_check_ && now < *next_store_check_) return;
  next_store_check_ = now + options_.store_check_every;
  std::vector<std::optional<std::int64_t>> current;
  try {
    const content::StoreLayout layout(config_.data_dir);
    for (const std::string& channel : channels_) current.push_back(content::read_current(layout, channel));
  } catch (const std::exception& e) {
    log_once(std::string("cannot read the store, keeping what plays: ") + e.what());
    return;
  }
  if (!store_changed_ && current == seen_current_) return;
  store_changed_ = false;
  seen_current_ = current;
  const LoadedScreen* base = pending_ ? pending_.get() : package_.get();
  try {
    std::unique_ptr<LoadedScreen> next = load_changed(current, base);
    if (!next) return;
    if (package_) {
      std::fprintf(stderr, "gatecast: %s is installed; it plays from the next slide\n",
                   next->describe_versions().c_str());
    }
    pending_ = std::move(next);
  } catch (const std::exception& e) {
    log_once(std::string("cannot load the installed package, keeping what plays: ") + e.what());
  }
}

std::unique_ptr<LoadedScreen> PlayLoop::load_changed(const std::vector<std::optional<std::int64_t>>& current,
                                                     const LoadedScreen* base) {
  std::vector<std::shared_ptr<LoadedPackage>> packages(channels_.size());
  bool changed = !base;
  for (std::size_t i = 0; i < channels_.size(); ++i) {
    std::shared_ptr<LoadedPackage> playing = base ? base->package(i) : nullptr;
    packages[i] = playing;
    // Nothing installed (or the store wiped): keep what plays.
    if (!current[i] || (playing && playing->version() == *current[i])) continue;
    std::optional<content::InstalledPackage> installed;
    try {
      installed = content::load_installed(config_, channels_[i]);
    } catch (const std::exception& e) {
      log_once(std::string("cannot load the installed package, keeping what plays: ") + e.what());
      continue;
    }
    // The store may fall back to the version we already have (a damaged newer one).
    if (!installed || (playing && playing->version() == installed->version)) continue;
    packages[i] = std::make_shared<LoadedPackage>(std::move(*installed), channels_[i], zone_);
    changed = true;
  }
  bool any = false;
  for (const auto& package : packages) any = any || package != nullptr;
  if (!changed || !any) return nullptr;
  return std::make_unique<LoadedScreen>(std::move(packages), channels_, screen_channel_, zone_);
}

// Step 3. A pending package takes over at the end of the slide on screen (so no slide is cut
// short by an update), at once when nothing plays, and at once when it brings an interrupt
// that is live now or takes away the one on screen (an urgent notice must not wait for a 30 s
// slide to end, nor stay up after it was withdrawn).
void PlayLoop::swap_package_if_due(Instant now) {
  if (!pending_) return;
  if (!package_) {
    adopt(std::move(pending_), now, "first package");
    return;
  }
  if (!on_screen_ || now >= position_.slide_end) {
    adopt(std::move(pending_), now, "at the slide boundary");
    return;
  }
  // An urgent notice published, or withdrawn, takes effect at once, not after a long slide.
  const scheduler::State next_state = pending_->at(now).state;
  const bool same_stretch =
      position_.state.channel == next_state.channel && position_.state.playlist == next_state.playlist;
  if ((next_state.interrupt || position_.state.interrupt) && !same_stretch)
    adopt(std::move(pending_), now, "at once for an interrupt");
}

// Step 4. Where playback is now, from the package and the time alone (screen_at.hpp): the
// same answer `gatecast render --at` and `gatecast status` give. A slide that left the screen
// is logged.
void PlayLoop::locate(Instant now) {
  const ScreenAt screen = screen_at(package_.get(), now, shown_before());
  PackagePosition p = screen.position;
  if (!package_) p.slide_start = *started_;
  bool screen_changed = !(p.state.screen == position_.state.screen);
  if (!same_slide(screen.slide, on_screen_)) {
    SlideEnd why = SlideEnd::completed;
    if (position_.state.playlist != p.state.playlist || now < position_.slide_end)
      why = SlideEnd::cut_by_schedule;
    if (p.state.screen.mode == scheduler::ScreenMode::off) why = SlideEnd::screen_off;
    end_slide(now, why);
    previous_ = on_screen_ ? on_screen_ : std::exchange(swapped_out_, std::nullopt);
    on_screen_ = screen.slide;
    on_screen_since_ = now;
    dirty_ = true;
  }
  if (screen_changed) dirty_ = true;
  bool moved_on = p.slide_start != position_.slide_start || p.slide_end != position_.slide_end;
  position_ = p;
  if (moved_on) prefetch_next();
}

ShownBefore PlayLoop::shown_before() const {
  ShownBefore before;
  before.known = true;
  before.showing = on_screen_ ? on_screen_ : swapped_out_;
  before.before_that = previous_;
  return before;
}

// The slide after this one has its pictures decoded ahead on the image worker, so that the
// slide change itself only blits.
void PlayLoop::prefetch_next() {
  if (!package_ || position_.slide_end == Instant::max()) return;
  // A run with an end (--exit-after) decodes nothing for a slide it will not show.
  if (options_.exit_after && position_.slide_end >= *started_ + *options_.exit_after) return;
  try {
    std::optional<SlideRef> next = package_->slide_ref(package_->at(position_.slide_end));
    if (next && !same_slide(next, on_screen_)) drawer_.prefetch(*next, display_.canvas());
  } catch (const std::exception& e) {
    log_once(std::string("cannot prepare the next slide: ") + e.what());
  }
}

// Step 5. Draws when the slide, the screen state or the banner changed, or the renderer's own
// next change (a clock's second, a ticker, a transition frame) has come; otherwise the canvas
// and the screen keep the last frame and the loop costs nothing.
void PlayLoop::draw_if_due(Instant now) {
  std::optional<StatusBanner> banner = banners_.at(now);
  if (banner != banner_) {
    banner_ = banner;
    dirty_ = true;
  }
  if (next_redraw_ && now >= *next_redraw_) dirty_ = true;
  if (dirty_) {
    draw_frame(now);
    dirty_ = false;
  }
  try {
    preview_due_ = display_.write_due_preview(now);
  } catch (const std::exception& e) {
    log_once(std::string("cannot write the preview picture: ") + e.what());
    preview_due_ = now + 60s;
  }
}

// Step 6. systemd: READY=1 once the first frame is up, WATCHDOG=1 at least every half
// WatchdogSec. Both come from this loop, so a hung loop is a dead dog.
void PlayLoop::notify_service(Instant now) {
  if (!ready_sent_ && !shown_.empty()) {
    notifier_.ready();
    ready_sent_ = true;
    // `systemctl status` says what the screen shows; adopt() says it once a package plays.
    if (options_.safe_mode) {
      notifier_.status("safe mode: idle screen only");
    } else if (!package_) {
      notifier_.status("idle: nothing installed yet");
    }
  }
  std::optional<Duration> period = notifier_.watchdog_period();
  if (!period) return;
  if (!next_watchdog_ || now >= *next_watchdog_ || *next_watchdog_ - now > *period) {
    notifier_.watchdog();
    next_watchdog_ = now + *period;
  }
}

// Step 7. The earliest instant at which anything on screen or in the loop's duties changes.
Instant PlayLoop::next_deadline(Instant now) const {
  Instant deadline = Instant::max();
  auto consider = [&deadline](std::optional<Instant> t) {
    if (t) deadline = std::min(deadline, *t);
  };
  if (next_redraw_) consider(std::max(*next_redraw_, now + min_frame_interval));
  if (position_.slide_end > now) consider(position_.slide_end);
  if (pending_) consider(pending_->at(now).slide_end);  // it may bring an interrupt before ours ends
  if (banner_ && banner_->until) consider(banner_->until);
  consider(preview_due_);
  consider(next_watchdog_);
  if (!options_.safe_mode) consider(next_store_check_);
  if (options_.exit_after) consider(*started_ + *options_.exit_after);
  return std::max(deadline, now + Duration{1});
}

// Step 8. Sleeps until `deadline` or a wakeup, window event or signal. A simulated clock never
// blocks: it jumps to the deadline (stepped) or stays (fixed).
void PlayLoop::sleep_until(Instant deadline) {
  Duration wait = std::min(clock_.real_wait(deadline), options_.max_sleep);
  events_ = display_.wait(wait, wakeup_);
  bool woken = events_.woken || wakeup_.pending();
  clock_.after_wait(deadline, woken);
}

void PlayLoop::adopt(std::unique_ptr<LoadedScreen> next, Instant now, const char* why) {
  end_slide(now, SlideEnd::package_swapped);
  // The next locate() starts the new package's slide; the old one (its RenderPackage kept
  // alive by the reference) is what the new slide's transition comes from.
  swapped_out_ = std::exchange(on_screen_, std::nullopt);
  package_ = std::move(next);
  // A package it shares with the screen it replaces may have benched slides since it was made.
  package_->rebuild();
  drawer_.forget_package();
  dirty_ = true;
  std::string line = "playing " + package_->describe_versions();
  std::fprintf(stderr, "gatecast: %s (%s)\n", line.c_str(), why);
  notifier_.status(line);
}

void PlayLoop::end_slide(Instant now, SlideEnd why) {
  if (!on_screen_ || !package_) return;
  const std::optional<std::size_t> channel = package_->channel_of(on_screen_->package);
  if (!channel) return;
  const std::optional<SlideRef>& ending = on_screen_;
  if (!play_log_) return;
  const LoadedPackage& owner = *package_->package(*channel);
  content::PlayRecord record;
  record.screen = config_.screen;
  record.channel = owner.channel();
  record.version = owner.version();
  record.playlist = ending->playlist;
  record.slide_index = static_cast<int>(ending->index);
  owner.describe_slide(ending->playlist, ending->index, record);
  record.start = std::max(ending->start, on_screen_since_);
  record.end = why == SlideEnd::completed ? std::min(now, position_.slide_end) : now;
  if (record.end <= record.start) return;  // never on screen (benched at once, clock jumps)
  try {
    play_log_->record(record);
  } catch (const std::exception& e) {
    log_once(std::string("cannot write the play log: ") + e.what());
  }
}

// A benched slide is a row of its own in the report: the office sees what did not play.
void PlayLoop::record_bench(const BenchedSlide& slide, Instant now) {
  if (!play_log_) return;
  content::PlayRecord record;
  record.kind = content::RecordKind::bench;
  record.screen = config_.screen;
  record.channel = slide.channel;
  record.version = slide.version;
  record.playlist = slide.playlist;
  record.slide_index = static_cast<int>(slide.index);
  for (std::size_t i = 0; i < package_->channel_count(); ++i) {
    const auto& owner = package_->package(i);
    if (owner && owner->channel() == slide.channel) {
      owner->describe_slide(slide.playlist, slide.index, record);
    }
  }
  record.start = record.end = now;
  try {
    play_log_->record(record);
  } catch (const std::exception& e) {
    log_once(std::string("cannot write the play log: ") + e.what());
  }
}

void PlayLoop::draw_frame(Instant now) {
  SDL_Surface* canvas = display_.canvas();
  // The one drawing path of `render` too (screen_drawing.hpp): a slide that cannot be drawn is
  // benched and the screen taken again, then the idle screen, then the fallback colour.
  const DrawnScreen drawn = draw_screen(package_.get(), now, shown_before(), drawer_, canvas, log_);
  next_redraw_ = drawn.next_redraw;
  for (const BenchedSlide& benched : drawn.newly_benched) record_bench(benched, now);
  if (!drawn.newly_benched.empty()) {
    // The benched slide never was on screen: no play-log record, and the slide drawn instead
    // is what is on screen from now on.
    on_screen_ = drawn.screen.slide;
    previous_ = drawn.screen.previous;
    swapped_out_.reset();
    on_screen_since_ = now;
    position_ = drawn.screen.position;
    prefetch_next();
  }
  const FrameRequest request = drawn.screen.request();
  if (banner_) {
    try {
      drawer_.draw_banner(*banner_, canvas);
    } catch (const std::exception& e) {
      log_once(std::string("cannot draw the status banner: ") + e.what());
    }
  }
  // The output follows the schedule: powered down while "off", unless a banner (a USB stick
  // plugged in at night) must be read. Up before the frame is shown, down after the black one.
  const bool output_on = !request.screen_off || banner_.has_value();
  if (output_on) power_output(true);
  display_.present(now);
  if (!output_on) power_output(false);
  if (screenshot_slot_) screenshot_slot_->offer(canvas, now);

  ShownFrame frame;
  frame.at = now;
  frame.version = package_ && package_->package(0) ? package_->package(0)->version() : 0;
  if (request.slide) {
    frame.playlist = request.slide->playlist;
    frame.slide = request.slide->index;
    frame.channel = request.slide->package->manifest.channel;
    frame.version = request.slide->package->manifest.version;
  }
  frame.screen_off = request.screen_off;
  frame.brightness = request.brightness;
  frame.banner = banner_.has_value();
  if (shown_.size() >= shown_limit) shown_.erase(shown_.begin(), shown_.begin() + shown_limit / 2);
  shown_.push_back(frame);
}

void PlayLoop::power_output(bool on) {
  if (output_on_ == on) return;
  output_on_ = on;
  display_.set_output_powered(on);
}

void PlayLoop::log_once(const std::string& line) {
  log_(line, clock_.now());
}

}  // namespace gatecast::player
