#pragma once
// Every channel a screen composes, as installed, and their composition: the one answer to
// "what does the screen play" that `schedule` and `status` give (the player and `render` ask
// the same Composition through player/loop/loaded_screen.hpp). docs/schedule.md, "Several
// channels".
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "content/base/error.hpp"
#include "content/config/config.hpp"
#include "content/store/installed.hpp"
#include "scheduler/composition.hpp"

namespace gatecast::content {

struct InstalledChannel {
  std::string name;
  std::optional<InstalledPackage> package;  // none = nothing installed, or the store problem below
  std::optional<Error> problem;             // the store could not be read for this channel
};

struct InstalledScreen {
  std::vector<InstalledChannel> channels;  // configured_channels() order
  std::size_t screen_channel = 0;          // index of the channel whose hours the screen keeps

  [[nodiscard]] std::vector<std::string> names() const;
  [[nodiscard]] bool anything_installed() const;
};

// Loads every configured channel (load_installed). A channel whose store cannot be read is
// kept with its problem and composes as "nothing installed": the others still play. Throws
// only usage errors.
[[nodiscard]] InstalledScreen load_installed_screen(const Config& config);

// The composition of the installed channels' schedules in `zone`. Pure.
[[nodiscard]] scheduler::Composition compose_screen(const InstalledScreen& screen,
                                                    const scheduler::TimeZone& zone);

}  // namespace gatecast::content
