#include "content/reports/report.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string_view>

#include "content/base/error.hpp"
#include "content/reports/availability.hpp"
#include "content/reports/playlog.hpp"
#include "content/reports/report_inputs.hpp"
#include "content/signing/minisign.hpp"
#include "scheduler/calendar.hpp"

namespace gatecast::content {
namespace {

constexpr std::size_t kMaxSignatureBytes = 16u << 10;

// Sequence numbers of one log already counted, as disjoint closed ranges (first -> last):
// a log read in order is one range, however many records it holds.
class SeqSet {
 public:
  // True when `seq` was not in the set (it is now).
  bool insert(std::uint64_t seq) {
    auto next = ranges_.upper_bound(seq);
    if (next != ranges_.begin()) {
      auto prev = std::prev(next);
      if (seq <= prev->second) return false;
      if (seq == prev->second + 1) {
        prev->second = seq;
        if (next != ranges_.end() && next->first == seq + 1) {
          prev->second = next->second;
          ranges_.erase(next);
        }
        return true;
      }
    }
    if (next != ranges_.end() && next->first == seq + 1) {
      const std::uint64_t last = next->second;
      ranges_.erase(next);
      ranges_.emplace(seq, last);
      return true;
    }
    ranges_.emplace(seq, seq);
    return true;
  }

 private:
  std::map<std::uint64_t, std::uint64_t> ranges_;
};

// Where the chain of one log id has got to, over every file read so far (in sequence order).
struct ChainState {
  std::uint64_t last_seq = 0;
  std::string last_link;
  SeqSet counted;
};

struct Tally {
  std::uint64_t plays = 0;
  std::int64_t ms = 0;
  std::uint64_t benched = 0;
  Title title;  // the one of the newest record that gave one
  Instant title_at = Instant::min();
};

// (channel, asset) keys, found without building two strings per record.
struct ItemLess {
  using is_transparent = void;
  using View = std::pair<std::string_view, std::string_view>;
  static View view(const std::pair<std::string, std::string>& k) { return {k.first, k.second}; }
  static View view(const View& k) { return k; }
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    return view(a) < view(b);
  }
};
using ItemTallies = std::map<std::pair<std::string, std::string>, Tally, ItemLess>;

Tally& tally_of(ItemTallies& items, std::string_view channel, std::string_view asset) {
  const ItemLess::View key{channel, asset};
  auto it = items.find(key);
  if (it == items.end())
    it = items.emplace(std::pair{std::string(channel), std::string(asset)}, Tally{}).first;
  return it->second;
}

// Keeps the newest title seen for an item; records mostly arrive in time order, so this is
// mostly a comparison of two equal small maps.
void take_title(Tally& t, const Title& title, Instant at) {
  if (at < t.title_at) return;
  t.title_at = at;
  if (t.title != title) t.title = title;
}

struct ScreenWork {
  ScreenSummary summary;
  std::unique_ptr<ScreenTimeline> timeline;
  std::vector<HeartbeatMark> heartbeats;
  ItemTallies items;                             // channel, asset
  std::map<std::int64_t, std::int64_t> week_ms;  // Monday's day number -> ms
};

// A screen folder's files from every log root, for one folder name.
struct FolderGroup {
  std::vector<LogFile> logs;
  std::vector<std::filesystem::path> heartbeats;
};

std::string_view log_id_of(std::string_view id) {
  return id.substr(0, id.rfind('-'));
}

std::string site_of(const std::string& screen) {
  const auto slash = screen.rfind('/');
  return slash == std::string::npos ? screen : screen.substr(0, slash);
}

std::string folder_name_of(const std::string& screen) {
  std::string s = screen;
  std::replace(s.begin(), s.end(), '/', '_');
  return s;
}

std::int64_t ms_between(Instant a, Instant b) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count();
}

// The first bytes of a file (whole lines are at most 64 KiB), for peeking at its first record.
std::string read_head(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string head(64u << 10, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

// The (log id, first sequence) of a file's first record, for reading each log in order.
std::pair<std::string, std::uint64_t> first_record_of(const std::filesystem::path& file) {
  const std::string head = read_head(file);
  const std::string line = head.substr(0, head.find('\n'));
  LoggedPlay p;
  if (parse_play_record_line(line, p)) return {std::string(log_id_of(p.id)), p.sequence};
  return {"~", 0};  // unreadable first line: read last, still checked line by line
}

class ReportBuilder {
 public:
  ReportBuilder(const ReportOptions& options, const ReportLimits& limits)
      : options_(options), limits_(limits) {
    start_ = options.zone.to_utc({options.period.from, {0}});
    first_day_ = scheduler::days_from_civil(options.period.from);
    last_day_ = scheduler::days_from_civil(options.period.to);
    const auto after = scheduler::civil_from_days(scheduler::days_from_civil(options.period.to) + 1);
    end_ = options.zone.to_utc({after, {0}});
    report_.period = options.period;
    report_.timezone = options.zone.name();
  }

  void read_group(const std::string& folder_name, FolderGroup group) {
    std::string screen = screen_of_heartbeats(folder_name, group);
    if (screen.empty()) screen = screen_of_logs(folder_name, group.logs);
    const PublicKey* key = choose_key(folder_name, screen);
    sort_logs(group.logs);
    for (const auto& file : group.logs) read_log(file, folder_name, screen, key);
  }

  Report finish() {
    for (auto& [screen, w] : screens_) {
      std::sort(w.heartbeats.begin(), w.heartbeats.end(),
                [](const auto& a, const auto& b) { return a.at < b.at; });
      AvailabilityResult a = timeline(w).evaluate(w.heartbeats, options_.zone, screen);
      w.summary.scheduled_seconds = a.scheduled_seconds;
      w.summary.playing_seconds = a.playing_seconds;
      w.summary.outages = a.outages.size();
      for (auto& o : a.outages) report_.outages.push_back(std::move(o));
      for (const auto& [item, t] : w.items) {
        report_.items.push_back({screen, item.first, item.second, t.title, t.plays, t.ms, t.benched});
        auto& total = totals_[item];
        total.plays += t.plays;
        total.ms += t.ms;
        total.benched += t.benched;
        if (!t.title.empty()) take_title(total, t.title, t.title_at);
      }
      for (const auto& [day, ms] : w.week_ms)
        report_.weeks.push_back({screen, scheduler::civil_from_days(day), ms});
      report_.screens.push_back(std::move(w.summary));
    }
    for (const auto& [item, t] : totals_)
      report_.items.push_back({"", item.first, item.second, t.title, t.plays, t.ms, t.benched});
    std::sort(report_.installs.begin(), report_.installs.end(), [](const auto& a, const auto& b) {
      return std::tie(a.screen, a.at, a.channel) < std::tie(b.screen, b.at, b.channel);
    });
    std::stable_sort(report_.integrity.begin(), report_.integrity.end(), [](const auto& a, const auto& b) {
      return std::tie(a.screen, a.file) < std::tie(b.screen, b.file);
    });
    return std::move(report_);
  }

 private:
  ScreenWork& work(const std::string& screen) {
    auto it = screens_.find(screen);
    if (it == screens_.end()) {
      if (screens_.size() >= limits_.max_screens) fail_runtime(Reason::limit, "report", "too many screens");
      it = screens_.emplace(screen, ScreenWork{}).first;
      it->second.summary.screen = screen;
      it->second.summary.site = site_of(screen);
    }
    return it->second;
  }

  ScreenTimeline& timeline(ScreenWork& w) {
    if (!w.timeline) w.timeline = std::make_unique<ScreenTimeline>(start_, end_);
    return *w.timeline;
  }

  void flag(const std::string& screen, const std::string& file, IntegrityProblem problem, std::string detail,
            std::uint64_t records) {
    report_.integrity.push_back({screen, file, problem, std::move(detail), records});
  }

  // Reads the heartbeats; returns the screen id they name (the folder's own name otherwise).
  std::string screen_of_heartbeats(const std::string& folder_name, const FolderGroup& group) {
    std::string screen;
    std::vector<HeartbeatInfo> kept;
    for (const auto& file : group.heartbeats) {
      const auto text = read_bounded(file, limits_.max_heartbeat_bytes);
      auto h = text ? parse_heartbeat(*text, limits_.max_heartbeat_bytes) : std::nullopt;
      // A heartbeat filed under another screen's folder says nothing about this one.
      if (!h || (!folder_name.empty() && folder_name_of(h->screen) != folder_name)) {
        ++report_.malformed_lines;
        continue;
      }
      screen = h->screen;
      kept.push_back(std::move(*h));
    }
    std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
    std::vector<std::string> keys;
    for (const auto& h : kept) {
      if (!h.screen_key.empty() && std::find(keys.begin(), keys.end(), h.screen_key) == keys.end())
        keys.push_back(h.screen_key);
    }
    if (!kept.empty()) {
      ScreenWork& w = work(screen);
      for (const auto& h : kept) {
        if (h.at < start_ - std::chrono::hours(24 * 366) || h.at >= end_) continue;
        if (h.at >= start_) ++w.summary.heartbeats;
        w.heartbeats.push_back({h.at, h.version, h.expires && *h.expires <= h.at, h.last_error, h.policy});
      }
    }
    heartbeat_keys_[folder_name] = keys;
    if (keys.size() > 1) {
      std::string detail;
      for (const auto& k : keys) detail += (detail.empty() ? "" : ", ") + k;
      flag(screen, folder_name + "/heartbeat", IntegrityProblem::key_changed, detail, 0);
    }
    return screen;
  }

  // A folder without heartbeats (a stick's copy, a screen's own log): the screen its records
  // name, when that matches the folder's name.
  static std::string screen_of_logs(const std::string& folder_name, const std::vector<LogFile>& logs) {
    for (const auto& file : logs) {
      const std::string screen = first_screen_in(read_head(file.path));
      if (!screen.empty() && (folder_name.empty() || folder_name_of(screen) == folder_name)) return screen;
    }
    return folder_name;
  }

  // The office's key for the screen when it gave one; else the first key its heartbeats sent.
  const PublicKey* choose_key(const std::string& folder_name, const std::string& screen) {
    std::string line;
    if (auto it = options_.screen_keys.find(screen); it != options_.screen_keys.end()) {
      line = it->second;
    } else if (const auto& keys = heartbeat_keys_[folder_name]; !keys.empty()) {
      line = keys.front();
    }
    if (line.empty()) return nullptr;
    try {
      keys_[folder_name] = parse_public_key(line, screen + " screen key");
    } catch (const Error&) {
      flag(screen, folder_name + "/heartbeat", IntegrityProblem::key_changed,
           "unreadable key " + line.substr(0, 80), 0);
      return nullptr;
    }
    if (!screen.empty()) work(screen).summary.screen_key = line;
    return &keys_[folder_name];
  }

  void sort_logs(std::vector<LogFile>& logs) {
    std::vector<std::pair<std::pair<std::string, std::uint64_t>, LogFile>> keyed;
    for (auto& f : logs) keyed.emplace_back(first_record_of(f.path), std::move(f));
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    logs.clear();
    for (auto& [k, f] : keyed) logs.push_back(std::move(f));
  }

  void read_log(const LogFile& file, const std::string& folder_name, std::string& screen,
                const PublicKey* key) {
    ++report_.files;
    const auto bytes = read_bounded(file.path, limits_.max_log_file_bytes);
    if (!bytes) {
      flag(screen, file.relative, IntegrityProblem::oversized_file,
           "bigger than " + std::to_string(limits_.max_log_file_bytes >> 20) + " MiB or unreadable", 0);
      return;
    }
    const std::string name = file.path.filename().string();
    std::optional<std::string> signature;
    if (!file.signature.empty()) signature = read_bounded(file.signature, kMaxSignatureBytes + 1);
    if (screen.empty()) screen = first_screen_in(*bytes);  // a screen's own log folder
    std::string detail;
    SignatureCheck check = SignatureCheck::bad;
    if (!file.signature.empty() && !signature) {
      detail = "signature file too big or unreadable";
    } else {
      check = check_log_signature(*bytes, signature, key, screen, name, detail);
    }
    const bool trusted =
        check == SignatureCheck::good || (check == SignatureCheck::missing && options_.accept_unsigned);

    std::uint64_t malformed = 0, foreign_records = 0, parsed = 0, unchained = 0;
    std::string_view rest(*bytes);
    std::string prev_line_link, link;
    std::uint64_t prev_line_seq = 0;
    while (!rest.empty()) {
      const auto nl = rest.find('\n');
      if (nl == std::string_view::npos) {  // no newline: torn by a cut or cut off in transit
        ++malformed;
        break;
      }
      const std::string_view line = rest.substr(0, nl);
      rest.remove_prefix(nl + 1);
      if (line.empty()) continue;
      if (line.size() > limits_.max_line_bytes || !parse_play_record_line(line, record_)) {
        ++malformed;
        continue;
      }
      const LoggedPlay& p = record_;
      ++parsed;
      link = record_link(line);
      if (p.prev.empty()) ++unchained;
      const std::int64_t day = scheduler::days_from_civil(options_.zone.to_local(p.play.start).date);
      const bool in_period = day >= first_day_ && day <= last_day_;
      ChainState& chain = chain_of(p.id);
      check_chain(chain, p, link, in_period, prev_line_seq, prev_line_link, screen, file.relative);
      prev_line_seq = p.sequence;
      std::swap(prev_line_link, link);
      if (!screen.empty() && p.play.screen != screen) {
        ++foreign_records;
        continue;
      }
      if (trusted && in_period) count(chain, p, day);
    }
    report_.malformed_lines += malformed;
    if (malformed > 0)
      flag(screen, file.relative, IntegrityProblem::malformed_lines, std::to_string(malformed) + " lines", 0);
    if (foreign_records > 0)
      flag(screen, file.relative, IntegrityProblem::wrong_label,
           std::to_string(foreign_records) + " records of another screen", foreign_records);
    if (unchained > 0) flag(screen, file.relative, IntegrityProblem::unchained, {}, trusted ? 0 : unchained);
    if (check != SignatureCheck::good) {
      const std::uint64_t uncounted = trusted ? 0 : parsed - foreign_records;
      if (!trusted) report_.uncounted_records += uncounted;
      static constexpr IntegrityProblem problem_of[] = {
          IntegrityProblem::unsigned_file, IntegrityProblem::unsigned_file, IntegrityProblem::bad_signature,
          IntegrityProblem::foreign_key,   IntegrityProblem::no_screen_key, IntegrityProblem::wrong_label};
      if (check == SignatureCheck::missing && trusted) detail = "counted (--accept-unsigned)";
      flag(screen, file.relative, problem_of[static_cast<int>(check)], detail, uncounted);
    }
    (void)folder_name;
  }

  static std::string first_screen_in(std::string_view bytes) {
    LoggedPlay p;
    while (!bytes.empty()) {
      const auto nl = bytes.find('\n');
      if (nl == std::string_view::npos) break;
      if (parse_play_record_line(bytes.substr(0, nl), p)) return p.play.screen;
      bytes.remove_prefix(nl + 1);
    }
    return {};
  }

  // The chain rules (docs/reports.md): within a file, each record's prev must be the link of
  // the line before it when their sequences follow; across files, the first record past what
  // earlier files covered must link to the last record they held; a jump is a gap.
  void check_chain(ChainState& chain, const LoggedPlay& p, const std::string& link, bool in_period,
                   std::uint64_t prev_line_seq, const std::string& prev_line_link, const std::string& screen,
                   const std::string& file) {
    bool broken = false;
    if (prev_line_seq != 0 && p.sequence == prev_line_seq + 1 && !p.prev.empty() &&
        p.prev != prev_line_link) {
      broken = true;
    } else if (p.sequence == chain.last_seq + 1 && !chain.last_link.empty() && !p.prev.empty() &&
               p.prev != chain.last_link && prev_line_seq + 1 != p.sequence) {
      broken = true;
    } else if (chain.last_seq == 0 && p.sequence == 1 && !p.prev.empty() && p.prev != first_record_prev) {
      broken = true;
    }
    if (broken) flag(screen, file, IntegrityProblem::chain_break, "seq " + std::to_string(p.sequence), 0);
    if (p.sequence > chain.last_seq + 1 && in_period) {
      flag(screen, file, IntegrityProblem::seq_gap,
           "seq " + std::to_string(chain.last_seq + 1) + " to " + std::to_string(p.sequence - 1), 0);
    }
    if (p.sequence > chain.last_seq) {
      chain.last_seq = p.sequence;
      chain.last_link = link;
    }
  }

  // The chain of the log a record id names; consecutive records are mostly of one log.
  ChainState& chain_of(std::string_view id) {
    const std::string_view log_id = log_id_of(id);
    if (!last_chain_ || log_id != last_log_id_) {
      last_log_id_.assign(log_id);
      auto it = chains_.find(last_log_id_);
      if (it == chains_.end()) it = chains_.emplace(last_log_id_, ChainState{}).first;
      last_chain_ = &it->second;
    }
    return *last_chain_;
  }

  // A verified record of the period: counted once per (log id, seq). `day` is its local day.
  void count(ChainState& chain, const LoggedPlay& p, std::int64_t day) {
    if (!chain.counted.insert(p.sequence)) {
      ++report_.duplicates;
      return;
    }
    ++report_.records;
    ScreenWork& w = work(p.play.screen);
    if (p.play.kind == RecordKind::install) {
      report_.installs.push_back(
          {p.play.screen, p.play.start, p.play.channel, p.play.version, p.play.source, p.play.key_id});
      return;
    }
    if (p.play.kind == RecordKind::bench) {
      ++w.summary.benched;
      for (const std::string_view asset : items_of(p)) {
        Tally& t = tally_of(w.items, p.play.channel, asset);
        ++t.benched;
        note_title(t, p, asset);
      }
      return;
    }
    const std::int64_t ms = ms_between(p.play.start, p.play.end);
    ++w.summary.plays;
    w.summary.on_screen_ms += ms;
    timeline(w).add_play(p.play.start, p.play.end);
    w.week_ms[day - scheduler::weekday_of_days(day)] += ms;
    for (const std::string_view asset : items_of(p)) {
      Tally& t = tally_of(w.items, p.play.channel, asset);
      ++t.plays;
      t.ms += ms;
      note_title(t, p, asset);
    }
  }

  // What a record counts for: its assets, each once (a picture shown in two regions is one
  // play of it); a slide of text only is an item of its own.
  const std::vector<std::string_view>& items_of(const LoggedPlay& p) {
    if (p.play.assets.empty()) {
      text_item_ = text_slide_item(p.play.playlist, p.play.slide_index);
      distinct_.assign(1, text_item_);
      return distinct_;
    }
    distinct_.assign(p.play.assets.begin(), p.play.assets.end());
    std::sort(distinct_.begin(), distinct_.end());
    distinct_.erase(std::unique(distinct_.begin(), distinct_.end()), distinct_.end());
    return distinct_;
  }

  static void note_title(Tally& t, const LoggedPlay& p, std::string_view asset) {
    if (p.play.assets.empty()) {
      if (!p.play.slide_title.empty()) take_title(t, p.play.slide_title, p.play.start);
      return;
    }
    if (p.play.titles.empty()) return;
    if (const auto it = p.play.titles.find(std::string(asset)); it != p.play.titles.end())
      take_title(t, it->second, p.play.start);
  }

  const ReportOptions& options_;
  const ReportLimits& limits_;
  Instant start_, end_;
  Report report_;
  std::map<std::string, ScreenWork> screens_;
  std::map<std::string, ChainState> chains_;
  std::map<std::string, std::vector<std::string>> heartbeat_keys_;
  std::map<std::string, PublicKey> keys_;
  ItemTallies totals_;
  std::int64_t first_day_ = 0, last_day_ = 0;  // the period's local days
  LoggedPlay record_;                          // reused for every line
  std::string last_log_id_;
  ChainState* last_chain_ = nullptr;
  std::vector<std::string_view> distinct_;
  std::string text_item_;
};

}  // namespace

std::string text_slide_item(std::string_view playlist, int slide_index) {
  std::string item(playlist);
  item += " #";
  item += std::to_string(slide_index + 1);
  return item;
}

const char* outage_cause_name(OutageCause cause) {
  switch (cause) {
    case OutageCause::no_heartbeat:
      return "no_heartbeat";
    case OutageCause::nothing_installed:
      return "nothing_installed";
    case OutageCause::expired:
      return "expired";
    case OutageCause::not_playing:
      return "not_playing";
  }
  return "?";
}

const char* integrity_problem_name(IntegrityProblem problem) {
  switch (problem) {
    case IntegrityProblem::unsigned_file:
      return "unsigned";
    case IntegrityProblem::bad_signature:
      return "bad_signature";
    case IntegrityProblem::foreign_key:
      return "foreign_key";
    case IntegrityProblem::no_screen_key:
      return "no_screen_key";
    case IntegrityProblem::wrong_label:
      return "wrong_label";
    case IntegrityProblem::malformed_lines:
      return "malformed_lines";
    case IntegrityProblem::oversized_file:
      return "oversized_file";
    case IntegrityProblem::chain_break:
      return "chain_break";
    case IntegrityProblem::seq_gap:
      return "seq_gap";
    case IntegrityProblem::unchained:
      return "unchained";
    case IntegrityProblem::key_changed:
      return "key_changed";
  }
  return "?";
}

Report build_report(const ReportOptions& options, const ReportLimits& limits) {
  if (options.period.to < options.period.from) fail_usage("--to", "is before --from");
  if (options.log_dirs.empty()) fail_usage("--log", "is required");
  std::map<std::string, FolderGroup> groups;
  for (const auto& root : options.log_dirs) {
    for (auto& folder : find_screen_folders(root, limits.max_files)) {
      if (!options.only_screen.empty() && folder.name != folder_name_of(options.only_screen)) continue;
      FolderGroup& g = groups[folder.name];
      for (auto& f : folder.logs) g.logs.push_back(std::move(f));
      for (auto& h : folder.heartbeats) g.heartbeats.push_back(std::move(h));
    }
  }
  if (groups.size() > limits.max_screens) fail_runtime(Reason::limit, "report", "too many screen folders");
  ReportBuilder builder(options, limits);
  for (auto& [name, group] : groups) builder.read_group(name, std::move(group));
  return builder.finish();
}

}  // namespace gatecast::content
