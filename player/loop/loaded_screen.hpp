#pragma once
// What the screen plays: every configured channel's package (LoadedPackage, null when nothing
// is installed for it) composed by the scheduler's one rule (scheduler/composition.hpp), and
// the deterministic slide position at any instant. The play loop, `render` and `status` all
// ask this, so that they cannot disagree; `schedule` and `status`'s timeline ask the same
// Composition through content/store/installed_screen.hpp.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "content/config/config.hpp"
#include "player/loop/loaded_package.hpp"
#include "scheduler/composition.hpp"
#include "scheduler/playback.hpp"

namespace gatecast::player {

class LoadedScreen {
 public:
  // `packages[i]` is channel `names[i]`'s package (null: nothing installed), in the config's
  // order; `screen_channel` indexes the channel whose hours the screen keeps. Packages may be
  // shared with another LoadedScreen (the loop's pending one): call rebuild() before asking
  // this one after the other benched a slide.
  LoadedScreen(std::vector<std::shared_ptr<LoadedPackage>> packages, std::vector<std::string> names,
               std::size_t screen_channel, scheduler::TimeZone zone);
  // A lone package (tests, benchmarks): one channel that also keeps the hours.
  explicit LoadedScreen(std::shared_ptr<LoadedPackage> package);
  LoadedScreen(const LoadedScreen&) = delete;
  LoadedScreen& operator=(const LoadedScreen&) = delete;

  // Pure in (packages, benched slides, t); cheap enough for every wakeup.
  [[nodiscard]] PackagePosition at(Instant t) const;
  // The slide at a position as the renderer wants it; none = idle.
  [[nodiscard]] std::optional<SlideRef> slide_ref(const PackagePosition& position) const;

  [[nodiscard]] std::size_t channel_count() const { return packages_.size(); }
  [[nodiscard]] const std::string& channel_name(std::size_t i) const { return names_.at(i); }
  [[nodiscard]] const std::vector<std::string>& channel_names() const { return names_; }
  [[nodiscard]] const std::shared_ptr<LoadedPackage>& package(std::size_t i) const { return packages_.at(i); }
  // The channel whose package `render` is; none when it is none of this screen's.
  [[nodiscard]] std::optional<std::size_t> channel_of(
      const std::shared_ptr<const RenderPackage>& render) const;
  // Each channel's version, 0 where nothing is installed.
  [[nodiscard]] std::vector<std::int64_t> versions() const;
  // "langson version 3, huunghi version 7" (channels with a package only).
  [[nodiscard]] std::string describe_versions() const;
  [[nodiscard]] const scheduler::Composition& composition() const { return *composition_; }

  // Benches a slide of channel `channel` (LoadedPackage::bench) and rebuilds the playback.
  bool bench(std::size_t channel, const std::string& playlist, std::size_t slide, const std::string& problem);
  // Every channel's benched slides, channel by channel.
  [[nodiscard]] std::vector<BenchedSlide> benched_slides() const;
  // Rebuilds the composition and playback from the packages as they are now.
  void rebuild();

 private:
  std::vector<std::shared_ptr<LoadedPackage>> packages_;
  std::vector<std::string> names_;
  std::size_t screen_channel_ = 0;
  scheduler::TimeZone zone_;
  std::unique_ptr<scheduler::Composition> composition_;  // stable address: playback_ refers to it
  std::unique_ptr<scheduler::Playback> playback_;
};

// Every configured channel's active package, composed; null when no channel has anything
// installed. A channel whose store cannot be read is logged and composes as nothing installed.
[[nodiscard]] std::unique_ptr<LoadedScreen> load_active_screen(const content::Config& config,
                                                               const scheduler::TimeZone& zone);

}  // namespace gatecast::player
