#include "content/manifest/now_playing.hpp"

#include <cmath>

#include "scheduler/calendar.hpp"

namespace gatecast::content {

NowPlaying now_playing(const Manifest& manifest, const scheduler::TimeZone& zone, Instant now) {
  return now_playing(scheduler::Timetable(manifest.schedule, manifest.screen, zone), now);
}

NowPlaying now_playing(const scheduler::StateSource& source, Instant now) {
  const scheduler::Evaluation evaluation = source.evaluate(now);
  return NowPlaying{evaluation.now, evaluation.next_change, evaluation.next};
}

std::string describe_state(const scheduler::State& state, const std::vector<std::string>& channel_names) {
  std::string text = state.playlist.empty() ? "idle (nothing scheduled)" : state.playlist;
  const auto channel = static_cast<std::size_t>(state.channel);
  if (!state.playlist.empty() && state.channel >= 0 && channel < channel_names.size())
    text = channel_names[channel] + ": " + text;
  if (state.interrupt) {
    text += " (urgent notice)";
  } else if (state.entry < 0 && !state.playlist.empty()) {
    text += " (default)";
  }
  text += ", screen ";
  text += scheduler::screen_mode_name(state.screen.mode);
  if (state.screen.mode == scheduler::ScreenMode::dimmed) {
    text += " " + std::to_string(static_cast<int>(std::lround(state.screen.level * 100))) + "%";
  }
  return text;
}

std::string format_local(Instant t, const scheduler::TimeZone& zone) {
  return scheduler::format_date_time(zone.to_local(t)) + " " +
         scheduler::TimeZone::format_offset(zone.offset_at(t));
}

std::vector<std::string> now_playing_lines(const NowPlaying& playing, const scheduler::TimeZone& zone,
                                           const std::vector<std::string>& channel_names) {
  std::vector<std::string> lines{"now: " + describe_state(playing.now, channel_names)};
  if (playing.next_change && playing.next) {
    lines.push_back("next: " + format_local(*playing.next_change, zone) + ": " +
                    describe_state(*playing.next, channel_names));
  } else {
    lines.emplace_back("next: no change scheduled");
  }
  return lines;
}

std::vector<std::string> timeline_lines(const Manifest& manifest, const scheduler::TimeZone& zone,
                                        Instant from, Instant to, std::size_t max_lines) {
  return timeline_lines(scheduler::Timetable(manifest.schedule, manifest.screen, zone), {}, from, to,
                        max_lines);
}

std::vector<std::string> timeline_lines(const scheduler::StateSource& timetable,
                                        const std::vector<std::string>& channel_names, Instant from,
                                        Instant to, std::size_t max_lines) {
  const scheduler::TimeZone& zone = timetable.zone();
  std::vector<std::string> lines;
  std::optional<Instant> at = from;
  scheduler::State state = timetable.state_at(from);
  std::size_t shown = 0;
  while (at && *at < to) {
    if (shown == max_lines) {
      std::size_t more = 0;
      for (; at && *at < to && more < 1000000; at = timetable.next_change_after(*at)) ++more;
      lines.push_back("... " + std::to_string(more) + (more == 1000000 ? "+" : "") +
                      " more changes not shown");
      break;
    }
    state = timetable.state_at(*at);
    lines.push_back(format_local(*at, zone) + "  " + describe_state(state, channel_names));
    ++shown;
    at = timetable.next_change_after(*at);
  }
  return lines;
}

}  // namespace gatecast::content
