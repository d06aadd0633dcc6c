#include "content/reports/availability.hpp"

#include <algorithm>

#include "scheduler/calendar.hpp"
#include "scheduler/timetable.hpp"

namespace gatecast::content {
namespace {

constexpr std::int64_t kMinuteMs = 60000;
constexpr std::int64_t kDarkBelowMs = 30000;  // a minute less than half played is dark

std::int64_t epoch_ms(Instant t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

Instant instant_of_minute(std::int64_t minute) {
  return Instant(std::chrono::duration_cast<Duration>(std::chrono::minutes(minute)));
}

OutageRow classify(const std::vector<HeartbeatMark>& heartbeats, const std::string& screen, Instant from,
                   Instant to) {
  OutageRow row{screen, from, to, OutageCause::no_heartbeat, {}};
  auto it = std::lower_bound(heartbeats.begin(), heartbeats.end(), from,
                             [](const HeartbeatMark& h, Instant t) { return h.at < t; });
  bool heard = false;
  for (; it != heartbeats.end() && it->at < to; ++it) {
    heard = true;
    // The most telling cause wins: nothing to play, then an expired package, then the rest.
    if (it->version == 0) {
      row.cause = OutageCause::nothing_installed;
    } else if (it->expired && row.cause != OutageCause::nothing_installed) {
      row.cause = OutageCause::expired;
    } else if (row.cause == OutageCause::no_heartbeat) {
      row.cause = OutageCause::not_playing;
    }
    if (!it->last_error.empty()) row.detail = it->last_error;
  }
  if (!heard) row.cause = OutageCause::no_heartbeat;
  return row;
}

}  // namespace

ScreenTimeline::ScreenTimeline(Instant start, Instant end) {
  start_minute_ = scheduler::floor_div(epoch_ms(start), kMinuteMs);
  const std::int64_t end_minute = scheduler::floor_div(epoch_ms(end), kMinuteMs);
  played_ms_.assign(static_cast<std::size_t>(std::max<std::int64_t>(0, end_minute - start_minute_)), 0);
}

void ScreenTimeline::add_play(Instant from, Instant to) {
  const std::int64_t lo = std::max(epoch_ms(from), start_minute_ * kMinuteMs);
  const std::int64_t hi =
      std::min(epoch_ms(to), (start_minute_ + static_cast<std::int64_t>(played_ms_.size())) * kMinuteMs);
  for (std::int64_t at = lo; at < hi;) {
    const std::int64_t minute = scheduler::floor_div(at, kMinuteMs);
    const std::int64_t next = std::min(hi, (minute + 1) * kMinuteMs);
    auto& cell = played_ms_[static_cast<std::size_t>(minute - start_minute_)];
    cell = static_cast<std::uint16_t>(std::min<std::int64_t>(kMinuteMs, cell + (next - at)));
    at = next;
  }
}

AvailabilityResult ScreenTimeline::evaluate(const std::vector<HeartbeatMark>& heartbeats,
                                            const scheduler::TimeZone& zone,
                                            const std::string& screen) const {
  AvailabilityResult result;
  const scheduler::ScreenPolicy always_on{};
  std::size_t next_hb = 0;
  const scheduler::ScreenPolicy* policy = heartbeats.empty() ? &always_on : &heartbeats.front().policy;
  std::int64_t dark_from = -1;  // first minute of the current dark scheduled stretch
  auto close_dark = [&](std::int64_t end_minute) {
    if (dark_from >= 0 && end_minute - dark_from >= min_outage_minutes) {
      result.outages.push_back(classify(heartbeats, screen, instant_of_minute(start_minute_ + dark_from),
                                        instant_of_minute(start_minute_ + end_minute)));
    }
    dark_from = -1;
  };
  for (std::size_t i = 0; i < played_ms_.size(); ++i) {
    const Instant t = instant_of_minute(start_minute_ + static_cast<std::int64_t>(i));
    while (next_hb < heartbeats.size() && heartbeats[next_hb].at <= t) policy = &heartbeats[next_hb++].policy;
    // The scheduler decides what "scheduled" means; the report only asks it.
    const bool scheduled =
        scheduler::screen_state_at(*policy, zone.local_seconds(t)).mode != scheduler::ScreenMode::off;
    if (!scheduled) {
      close_dark(static_cast<std::int64_t>(i));
      continue;
    }
    result.scheduled_seconds += 60;
    result.playing_seconds += played_ms_[i] / 1000;
    if (played_ms_[i] < kDarkBelowMs) {
      if (dark_from < 0) dark_from = static_cast<std::int64_t>(i);
    } else {
      close_dark(static_cast<std::int64_t>(i));
    }
  }
  close_dark(static_cast<std::int64_t>(played_ms_.size()));
  return result;
}

}  // namespace gatecast::content
