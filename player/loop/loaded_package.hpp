#pragma once
// One channel's package, ready to be composed (loaded_screen.hpp): the installed manifest with
// its blob files (what the renderer needs), its schedule compiled for the site's zone, and its
// playable slides with their durations. Slides that cannot play (an image whose blob is missing, not
// an image, or over the limits) are benched: taken out of their playlist's cycle, so the rest
// of the playlist plays on and fills the time; a playlist with no playable slide left shows
// the idle screen for its stretch.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "content/config/config.hpp"
#include "content/reports/playlog.hpp"
#include "content/store/installed.hpp"
#include "player/render/frame_request.hpp"
#include "scheduler/playback.hpp"
#include "scheduler/timetable.hpp"
#include "scheduler/timezone.hpp"

namespace gatecast::player {

// Where the screen is at an instant (loaded_screen.hpp).
struct PackagePosition {
  scheduler::State state;            // channel (index), playlist (empty = idle), interrupt, screen state
  std::optional<std::size_t> slide;  // index into the channel manifest's playlist; none = idle screen
  Instant slide_start, slide_end;    // the stretch this answer holds for
};

// A slide taken out of its playlist's cycle, and why ("image x: not in the package", "asset
// 'x': the image does not decode: ...").
struct BenchedSlide {
  std::string channel;
  std::int64_t version = 0;
  std::string playlist;
  std::size_t index = 0;  // into the manifest's playlist
  std::string reason;
  bool operator==(const BenchedSlide&) const = default;
};

class LoadedPackage {
 public:
  // Takes the installed package; checks every image slide's blob (header only, no decode)
  // and benches the slides that cannot play, with one log line each. Loop thread (it reads
  // files); never throws for bad content, only Error(runtime) when the zone is unusable.
  LoadedPackage(content::InstalledPackage installed, std::string channel, scheduler::TimeZone zone);
  // The same for a package whose assets are files anywhere (an authoring folder, a test).
  LoadedPackage(std::shared_ptr<RenderPackage> package, std::string channel, std::int64_t version,
                scheduler::TimeZone zone);
  LoadedPackage(const LoadedPackage&) = delete;
  LoadedPackage& operator=(const LoadedPackage&) = delete;

  [[nodiscard]] const std::string& channel() const { return channel_; }
  [[nodiscard]] std::int64_t version() const { return version_; }
  [[nodiscard]] const std::shared_ptr<const RenderPackage>& render_package() const { return render_; }
  [[nodiscard]] const scheduler::Timetable& timetable() const { return *timetable_; }

  // Each playlist's playable slides' durations, in order (a playlist with none: one long
  // idle stretch), for the playback of the composed screen.
  [[nodiscard]] const scheduler::SlideDurations& slide_durations() const { return durations_; }
  // The manifest index of the `playable`-th playable slide of `playlist`; none when out of range.
  [[nodiscard]] std::optional<std::size_t> manifest_slide(const std::string& playlist,
                                                          std::size_t playable) const;

  // Takes a slide out of its playlist's cycle (the renderer could not draw it: draw_screen in
  // screen_drawing.hpp). Returns false when it was already benched. Changes slide_durations():
  // a screen composed from this package must be rebuilt (LoadedScreen::bench does).
  bool bench(const std::string& playlist, std::size_t slide, const std::string& problem);
  [[nodiscard]] bool benched(const std::string& playlist, std::size_t slide) const;
  // Every benched slide with its reason, in playlist and slide order.
  [[nodiscard]] std::vector<BenchedSlide> benched_slides() const;

  // What the play log says a slide showed: the names of its picture and video assets, and the
  // titles the reports name them by (each asset's own, else the slide's; assets with neither
  // are left out); a slide of text only logs its own title instead.
  void describe_slide(const std::string& playlist, std::size_t slide, content::PlayRecord& record) const;

 private:
  void rebuild_playable();

  std::string channel_;
  std::int64_t version_ = 0;
  std::shared_ptr<const RenderPackage> render_;
  std::unique_ptr<scheduler::Timetable> timetable_;
  scheduler::SlideDurations durations_;
  std::map<std::pair<std::string, std::size_t>, std::string> benched_;  // -> why
  // playlist -> the manifest indices of its playable slides, in order (playback's indices).
  std::map<std::string, std::vector<std::size_t>> playable_;
};

}  // namespace gatecast::player
