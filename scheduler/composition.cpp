#include "scheduler/composition.hpp"

#include <algorithm>
#include <utility>

namespace gatecast::scheduler {

namespace {

constexpr int max_hidden_changes = 20000;

}  // namespace

std::optional<std::size_t> composition_winner(const std::vector<ChannelWant>& wants) noexcept {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < wants.size(); ++i) {
    const ChannelWant& want = wants[i];
    if (!want.wants) continue;
    if (!best) {
      best = i;
      continue;
    }
    const ChannelWant& leader = wants[*best];
    // Strictly better only: a tie stays with the channel listed first.
    if (want.interrupt != leader.interrupt ? want.interrupt : want.priority > leader.priority) best = i;
  }
  return best;
}

Composition::Composition(std::vector<std::optional<Timetable>> channels, std::size_t screen_channel,
                         TimeZone zone)
    : channels_(std::move(channels)),
      screen_channel_(channels_.empty() ? 0 : std::min(screen_channel, channels_.size() - 1)),
      zone_(std::move(zone)) {}

State Composition::state_at(Instant t) const {
  std::vector<State> states(channels_.size());
  std::vector<ChannelWant> wants(channels_.size());
  for (std::size_t i = 0; i < channels_.size(); ++i) {
    if (!channels_[i]) continue;
    states[i] = channels_[i]->state_at(t);
    wants[i] = ChannelWant{!states[i].playlist.empty(), states[i].interrupt, states[i].priority};
  }
  const std::optional<std::size_t> winner = composition_winner(wants);
  State out;
  if (winner) {
    out = states[*winner];
    out.channel = static_cast<int>(*winner);
  } else {
    out.channel = static_cast<int>(screen_channel_);
  }
  // The screen channel's hours, whoever plays; nothing installed there: always on.
  out.screen = screen_channel_ < states.size() && channels_[screen_channel_] ? states[screen_channel_].screen
                                                                             : ScreenState{};
  return out;
}

std::optional<Instant> Composition::next_change_after(Instant t) const {
  const State start = state_at(t);
  Instant position = t;
  for (int hidden = 0; hidden < max_hidden_changes; ++hidden) {
    // The output can only change where some channel's want (or the screen channel's screen)
    // changes; each of those is found exactly by that channel's timetable.
    std::optional<Instant> candidate;
    for (const std::optional<Timetable>& channel : channels_) {
      if (!channel) continue;
      const std::optional<Instant> next = channel->next_want_change_after(position);
      if (next && (!candidate || *next < *candidate)) candidate = next;
    }
    if (!candidate) return std::nullopt;
    if (!same_output(start, state_at(*candidate))) return candidate;
    position = *candidate;
  }
  return position;
}

}  // namespace gatecast::scheduler
