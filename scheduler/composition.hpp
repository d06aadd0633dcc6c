#pragma once
// Several channels on one screen, by one rule (docs/schedule.md, "Several channels"): each
// channel's schedule says what it wants at an instant (a playlist, or nothing) with a priority
// (its winning entry's, or default_playlist_priority for its default playlist). An interrupt
// from any channel pre-empts every ordinary want; among the rest the higher priority wins;
// ties go to the channel listed first (the order of `sources` in the config). The screen is
// lit, dimmed or dark as the one screen channel's `screen` block says, whoever plays.
// Pure, like the Timetable: the player, `render`, `schedule` and `status` all ask this.
#include <cstddef>
#include <optional>
#include <vector>

#include "scheduler/timetable.hpp"

namespace gatecast::scheduler {

// What one channel asks of the screen at an instant.
struct ChannelWant {
  bool wants = false;  // false: nothing scheduled (idle), or nothing installed
  bool interrupt = false;
  int priority = default_playlist_priority;
};

// The index of the channel that takes the screen, or none when no channel wants it. Total:
// the answer depends only on the wants and their order.
[[nodiscard]] std::optional<std::size_t> composition_winner(const std::vector<ChannelWant>& wants) noexcept;

class Composition final : public StateSource {
 public:
  // One timetable per channel in the config's order; none = nothing installed for it (it
  // wants nothing; as the screen channel, the screen stays on). All in `zone`.
  Composition(std::vector<std::optional<Timetable>> channels, std::size_t screen_channel, TimeZone zone);

  // The winner's state (State::channel = its index; idle: the screen channel's index, no
  // playlist), with the screen channel's screen state.
  [[nodiscard]] State state_at(Instant t) const override;
  // Exact to the second, like Timetable's. A composition whose channels change what they want
  // 20,000 times without the output changing gets that instant as a wake-up (ask again).
  [[nodiscard]] std::optional<Instant> next_change_after(Instant t) const override;
  [[nodiscard]] const TimeZone& zone() const override { return zone_; }

  [[nodiscard]] std::size_t channel_count() const { return channels_.size(); }
  [[nodiscard]] const std::optional<Timetable>& channel(std::size_t i) const { return channels_.at(i); }
  [[nodiscard]] std::size_t screen_channel() const { return screen_channel_; }

 private:
  std::vector<std::optional<Timetable>> channels_;
  std::size_t screen_channel_ = 0;
  TimeZone zone_;
};

}  // namespace gatecast::scheduler
