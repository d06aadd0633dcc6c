// The fast evaluator. Everything is done on the site's local wall clock ("local seconds"),
// one stretch of constant UTC offset at a time, so a window or a date boundary at local
// midnight lands at local midnight whatever the machine's zone is.
#include "scheduler/timetable.hpp"

#include <algorithm>
#include <limits>

#include "scheduler/calendar.hpp"

namespace gatecast::scheduler {

namespace {

constexpr std::int64_t day_seconds = seconds_per_day;
// Stand-ins for "no bound", far outside any date a schedule can name but safe to multiply.
constexpr std::int64_t no_first_day = -(std::int64_t{1} << 32);
constexpr std::int64_t no_end_day = std::int64_t{1} << 32;
constexpr std::int64_t never = std::numeric_limits<std::int64_t>::max();
// Instants further than this from 1970 (about 35,000 years) are past any change.
constexpr std::int64_t last_supported_second = std::int64_t{1} << 40;
// Hand-overs examined without the output changing before a search gives up and reports the
// instant reached: only a schedule built to chain one playlist through thousands of entries
// gets there, and the caller merely wakes up early.
constexpr int max_handovers = 20000;

int time_of_day(std::int64_t local) noexcept {
  return static_cast<int>(local - floor_div(local, day_seconds) * day_seconds);
}

// The smallest local second > `local` at which a daily window opens or closes.
std::int64_t next_window_edge(const DailyWindow& window, std::int64_t local) noexcept {
  const std::int64_t day = floor_div(local, day_seconds);
  std::int64_t best = never;
  for (std::int64_t d = day; d <= day + 1; ++d) {
    for (int edge : {window.start.seconds, window.end.seconds % seconds_per_day}) {
      const std::int64_t at = d * day_seconds + edge;
      if (at > local) best = std::min(best, at);
    }
  }
  return best;
}

bool ranks_before(const Entry& a, int a_index, const Entry& b, int b_index) {
  if (a.interrupt != b.interrupt) return a.interrupt;
  if (a.priority != b.priority) return a.priority > b.priority;
  if (a.from != b.from) return a.from > b.from;  // nullopt compares lowest: no `from` is oldest
  return a_index < b_index;
}

}  // namespace

bool same_output(const State& a, const State& b) noexcept {
  return a.channel == b.channel && a.playlist == b.playlist && a.screen == b.screen;
}

bool same_want(const State& a, const State& b) noexcept {
  return same_output(a, b) && a.interrupt == b.interrupt && a.priority == b.priority;
}

const char* screen_mode_name(ScreenMode mode) noexcept {
  switch (mode) {
    case ScreenMode::on:
      return "on";
    case ScreenMode::dimmed:
      return "dimmed";
    case ScreenMode::off:
      return "off";
  }
  return "?";
}

bool window_contains(const DailyWindow& window, std::int64_t local_seconds) noexcept {
  const int tod = time_of_day(local_seconds);
  if (window.end.seconds > window.start.seconds)
    return tod >= window.start.seconds && tod < window.end.seconds;
  return tod >= window.start.seconds || tod < window.end.seconds;
}

ScreenState screen_state_at(const ScreenPolicy& policy, std::int64_t local_seconds) noexcept {
  if (policy.on_hours && !window_contains(*policy.on_hours, local_seconds)) return {ScreenMode::off, 0.0};
  if (policy.dim_hours && window_contains(*policy.dim_hours, local_seconds)) {
    return {ScreenMode::dimmed, policy.dim_level};
  }
  return {ScreenMode::on, 1.0};
}

Timetable::Timetable(Schedule schedule, ScreenPolicy screen, TimeZone zone)
    : schedule_(std::move(schedule)), screen_(std::move(screen)), zone_(std::move(zone)) {
  std::vector<int> order(schedule_.entries.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
    return ranks_before(schedule_.entries[static_cast<std::size_t>(a)], a,
                        schedule_.entries[static_cast<std::size_t>(b)], b);
  });
  last_date_local_ = std::numeric_limits<std::int64_t>::min() / 2;
  for (int index : order) {
    const Entry& entry = schedule_.entries[static_cast<std::size_t>(index)];
    Ranked ranked;
    ranked.index = index;
    ranked.first_day = entry.from ? days_from_civil(*entry.from) : no_first_day;
    ranked.end_day = entry.until ? days_from_civil(*entry.until) : no_end_day;
    ranked.starts = entry.starts ? local_seconds_of(*entry.starts) : no_first_day * day_seconds;
    ranked.ends = entry.ends ? local_seconds_of(*entry.ends) : no_end_day * day_seconds;
    ranked.weekdays = entry.weekdays;
    if (entry.window) {
      ranked.open = entry.window->start.seconds;
      ranked.close = entry.window->end.seconds;
    } else {
      ranked.open = 0;
      ranked.close = seconds_per_day;
    }
    // The last local instant a date bound of this entry can matter (a window opened on the
    // last day runs into the next).
    for (std::int64_t bound :
         {entry.from ? ranked.first_day * day_seconds : std::int64_t{0},
          entry.until ? (ranked.end_day + 1) * day_seconds : std::int64_t{0},
          entry.starts ? ranked.starts : std::int64_t{0}, entry.ends ? ranked.ends : std::int64_t{0}}) {
      last_date_local_ = std::max(last_date_local_, bound);
    }
    ranked_.push_back(ranked);
  }
}

bool Timetable::active(const Ranked& entry, std::int64_t local) const noexcept {
  if (local < entry.starts || local >= entry.ends) return false;
  const std::int64_t day = floor_div(local, day_seconds);
  const int tod = static_cast<int>(local - day * day_seconds);
  auto qualifies = [&entry](std::int64_t d) {
    return d >= entry.first_day && d < entry.end_day && ((entry.weekdays >> weekday_of_days(d)) & 1) != 0;
  };
  if (entry.close > entry.open) return tod >= entry.open && tod < entry.close && qualifies(day);
  return (tod >= entry.open && qualifies(day)) || (tod < entry.close && qualifies(day - 1));
}

// The window opened on local day `day` covers [day start + open, day start + close'), where
// close' is a day later for windows crossing midnight.
namespace {
std::int64_t occurrence_length(int open, int close) noexcept {
  return close > open ? close - open : close + day_seconds - open;
}
}  // namespace

std::optional<std::int64_t> Timetable::next_activation(const Ranked& entry,
                                                       std::int64_t local) const noexcept {
  const std::int64_t base = std::max(local + 1, entry.starts);
  if (base >= entry.ends) return std::nullopt;
  const std::int64_t length = occurrence_length(entry.open, entry.close);
  const std::int64_t first = std::max(floor_div(base, day_seconds) - 1, entry.first_day);
  // Within eight consecutive days every weekday has come round once.
  for (std::int64_t d = first; d < first + 9 && d < entry.end_day; ++d) {
    if (((entry.weekdays >> weekday_of_days(d)) & 1) == 0) continue;
    const std::int64_t open = d * day_seconds + entry.open;
    if (open + length <= base) continue;
    const std::int64_t at = std::max(open, base);
    return at < entry.ends ? std::optional<std::int64_t>(at) : std::nullopt;
  }
  return std::nullopt;
}

std::int64_t Timetable::next_deactivation(const Ranked& entry, std::int64_t local) const noexcept {
  const std::int64_t length = occurrence_length(entry.open, entry.close);
  auto qualifies = [&entry](std::int64_t d) {
    return d >= entry.first_day && d < entry.end_day && ((entry.weekdays >> weekday_of_days(d)) & 1) != 0;
  };
  // The end of the qualifying occurrence covering `at`, if any.
  auto covering_end = [&](std::int64_t at) -> std::optional<std::int64_t> {
    const std::int64_t day = floor_div(at, day_seconds);
    for (std::int64_t d = day - 1; d <= day; ++d) {
      const std::int64_t open = d * day_seconds + entry.open;
      if (qualifies(d) && at >= open && at < open + length) return open + length;
    }
    return std::nullopt;
  };
  std::optional<std::int64_t> end = covering_end(local);
  if (!end) return std::min(local + 1, entry.ends);  // not active: callers do not ask this
  // Whole-day occurrences on consecutive qualifying days join up; after a week of that the
  // entry runs to its last day.
  for (int joined = 0; joined < 8; ++joined) {
    if (*end >= entry.ends) return entry.ends;
    std::optional<std::int64_t> further = covering_end(*end);
    if (!further) return *end;
    end = further;
  }
  if (entry.end_day >= no_end_day) return entry.ends >= no_end_day * day_seconds ? never : entry.ends;
  return std::min(entry.ends, (entry.end_day - 1) * day_seconds + entry.open + length);
}

State Timetable::state_at_local(std::int64_t local) const {
  State state;
  state.screen = screen_state_at(screen_, local);
  for (const Ranked& entry : ranked_) {
    if (active(entry, local)) {
      const Entry& chosen = schedule_.entries[static_cast<std::size_t>(entry.index)];
      state.playlist = chosen.playlist;
      state.interrupt = chosen.interrupt;
      state.entry = entry.index;
      state.priority = chosen.priority;
      return state;
    }
  }
  state.playlist = schedule_.default_playlist;
  state.priority = default_playlist_priority;
  return state;
}

State Timetable::state_at(Instant t) const {
  return state_at_local(zone_.local_seconds(t));
}

std::optional<std::int64_t> Timetable::next_local_change(std::int64_t local, std::int64_t limit,
                                                         SameFn same) const {
  const State start = state_at_local(local);
  std::int64_t position = local;
  for (int handover = 0; handover < max_handovers; ++handover) {
    // Until the winner closes or a better-ranked entry opens, the winner keeps the screen.
    std::size_t winner = 0;
    while (winner < ranked_.size() && !active(ranked_[winner], position)) ++winner;
    std::int64_t candidate = never;
    if (winner < ranked_.size()) candidate = next_deactivation(ranked_[winner], position);
    for (std::size_t i = 0; i < winner; ++i) {
      if (auto opens = next_activation(ranked_[i], position); opens && *opens < candidate) candidate = *opens;
    }
    if (screen_.on_hours) candidate = std::min(candidate, next_window_edge(*screen_.on_hours, position));
    if (screen_.dim_hours) candidate = std::min(candidate, next_window_edge(*screen_.dim_hours, position));
    if (candidate >= limit) return std::nullopt;
    if (!same(start, state_at_local(candidate))) return candidate;
    position = candidate;
  }
  return position;
}

std::optional<Instant> Timetable::next_change_after(Instant t) const {
  return next_change(t, same_output);
}

std::optional<Instant> Timetable::next_want_change_after(Instant t) const {
  return next_change(t, same_want);
}

std::optional<Instant> Timetable::next_change(Instant t, SameFn same) const {
  std::int64_t utc = floor_seconds(t);
  if (utc > last_supported_second || utc < -last_supported_second) return std::nullopt;
  const State start = state_at(t);
  for (;;) {
    const int offset = zone_.offset_at_seconds(utc);
    const std::int64_t local = utc + offset;
    const std::optional<std::int64_t> transition = zone_.next_transition_after(utc);
    // With no transition ahead, the week repeats itself once every date bound is behind.
    const std::int64_t limit =
        transition ? *transition + offset : std::max(local, last_date_local_) + 8 * day_seconds;
    std::optional<std::int64_t> change = next_local_change(local, limit, same);
    if (change) return instant_of_seconds(*change - offset);
    if (!transition) return std::nullopt;
    if (!same(start, state_at(instant_of_seconds(*transition)))) return instant_of_seconds(*transition);
    utc = *transition;
  }
}

Evaluation StateSource::evaluate(Instant t) const {
  Evaluation evaluation;
  evaluation.now = state_at(t);
  evaluation.next_change = next_change_after(t);
  if (evaluation.next_change) evaluation.next = state_at(*evaluation.next_change);
  return evaluation;
}

std::vector<Change> StateSource::timeline(Instant from, Instant to, std::size_t max_changes) const {
  std::vector<Change> changes{{from, state_at(from)}};
  Instant position = from;
  while (changes.size() <= max_changes) {
    std::optional<Instant> next = next_change_after(position);
    if (!next || *next >= to) break;
    changes.push_back({*next, state_at(*next)});
    position = *next;
  }
  return changes;
}

}  // namespace gatecast::scheduler
