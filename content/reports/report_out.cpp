#include "content/reports/report_out.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>
#include <vector>

#include "content/base/atomic_write.hpp"
#include "content/base/base64.hpp"
#include "content/base/error.hpp"
#include "content/base/path_exists.hpp"
#include "content/base/rfc3339.hpp"
#include "content/config/source_settings.hpp"
#include "content/reports/playlog.hpp"
#include "content/reports/screen_key.hpp"
#include "content/sources/http_client.hpp"
#include "content/store/installed.hpp"
#include "content/store/state.hpp"
#include "scheduler/calendar.hpp"

namespace gatecast::content {
namespace {

constexpr const char* kHeartbeatPrefix = "hb-";
constexpr const char* kBatchPrefix = "pl-";
constexpr const char* kCursorFile = "playlog.cursor";
// Play log files untouched for this long before the last spool hold nothing new.
constexpr auto kScanMargin = std::chrono::minutes(10);

std::string screen_folder(const std::string& screen) {
  std::string s = screen;
  std::replace(s.begin(), s.end(), '/', '_');
  return s;
}

// "20261125T093400123Z": sorts by time and is safe in any file name or URL.
std::string compact_stamp(Instant t) {
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::hh_mm_ss<Duration> hms{t - days};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02d%03dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
  return buf;
}

std::string padded(std::uint64_t n) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%020llu", static_cast<unsigned long long>(n));
  return buf;
}

std::string read_small_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::string s;
  s.resize(4096);
  in.read(s.data(), static_cast<std::streamsize>(s.size()));
  s.resize(static_cast<std::size_t>(in.gcount()));
  return s;
}

struct Cursor {
  std::string log_id;
  std::uint64_t last_sequence = 0;
};

Cursor read_cursor(const std::filesystem::path& file) {
  const auto j = nlohmann::json::parse(read_small_file(file), nullptr, false);
  Cursor c;
  if (j.is_object() && j.contains("log_id") && j["log_id"].is_string() && j.contains("last_seq") &&
      j["last_seq"].is_number_unsigned()) {
    c.log_id = j["log_id"].get<std::string>();
    c.last_sequence = j["last_seq"].get<std::uint64_t>();
  }
  return c;
}

// "pl-<log id>-<first>-<last>.jsonl" -> last, for batches of `log_id`.
std::optional<std::uint64_t> batch_last_sequence(const std::string& name, const std::string& log_id) {
  const std::string prefix = std::string(kBatchPrefix) + log_id + "-";
  if (name.rfind(prefix, 0) != 0 || !name.ends_with(".jsonl")) return std::nullopt;
  const std::string rest = name.substr(prefix.size(), name.size() - prefix.size() - 6);
  const auto dash = rest.find('-');
  if (dash == std::string::npos || rest.size() - dash - 1 != 20) return std::nullopt;
  try {
    return std::stoull(rest.substr(dash + 1));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::vector<std::string> spooled_names(const std::filesystem::path& spool, const char* prefix) {
  std::vector<std::string> names;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(spool, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) == 0 && name.find(".tmp") == std::string::npos) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The server path of a spooled file (see the header); empty for a name that is not ours.
std::string remote_path(const std::string& name) {
  if (name.rfind(kHeartbeatPrefix, 0) == 0 && name.ends_with(".json")) {
    return "heartbeat/" + name.substr(std::string(kHeartbeatPrefix).size());
  }
  if (name.rfind(kBatchPrefix, 0) == 0 && (name.ends_with(".jsonl") || name.ends_with(".jsonl.minisig"))) {
    return "playlog/" + name.substr(std::string(kBatchPrefix).size());
  }
  return {};
}

}  // namespace

std::string heartbeat_json(const Heartbeat& h) {
  nlohmann::json j = {
      {"screen", h.screen},
      {"at", format_rfc3339(h.at)},
      {"channel", h.channel},
      {"version", h.version},
      {"uptime_seconds", std::chrono::duration_cast<std::chrono::seconds>(h.uptime).count()},
      {"disk_free_bytes", h.disk_free_bytes},
      {"last_error", h.last_error},
      {"last_error_reason",
       h.last_error.empty() ? std::string() : std::string(reason_code(h.last_error_reason))},
      {"last_success", h.last_success ? format_rfc3339(*h.last_success) : std::string()},
      {"screen_key", h.screen_key},
      {"expires", h.expires ? format_rfc3339(*h.expires) : std::string()},
      {"stale", h.stale},
      {"damaged", h.damaged},
      {"on_hours", h.on_hours},
      {"dim_hours", h.dim_hours},
      {"interval_seconds", std::chrono::duration_cast<std::chrono::seconds>(h.interval).count()},
      {"clock_wrong", !h.clock_problem.empty()},
      {"clock_problem", h.clock_problem}};
  nlohmann::json channels = nlohmann::json::object();
  for (const auto& [channel, version] : h.channels) channels[channel] = version;
  j["channels"] = channels;
  if (!h.screenshot_jpeg.empty()) j["screenshot_jpeg"] = base64_encode(h.screenshot_jpeg);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Heartbeat current_heartbeat(const Config& config, Instant now, Duration uptime, Duration interval) {
  Heartbeat h;
  h.interval = interval;
  h.screen_key = screen_public_key_line(config.data_dir);
  h.screen = config.screen;
  h.at = now;
  h.uptime = uptime;
  // The channel whose hours the screen keeps: its version, expiry and hours head the page.
  const std::vector<std::string> composed = configured_channels(config);
  if (!composed.empty()) h.channel = composed[screen_channel_index(config)];
  const ScreenState state = read_state(config);
  h.last_error = state.last_error;
  h.last_error_reason = state.last_error_reason;
  h.last_success = state.last_success;
  for (const auto& source : config.sources) {
    try {
      const auto installed = load_installed(config, source.channel);
      h.channels.emplace_back(source.channel, installed ? installed->version : 0);
      if (const std::string damage = active_version_damage(config, source.channel); !damage.empty())
        h.damaged.push_back(source.channel + ": " + damage);
      if (installed && installed->manifest.expires <= now) h.stale.push_back(source.channel);
      if (!installed || source.channel != h.channel) continue;
      h.version = installed->version;
      h.expires = installed->manifest.expires;
      const auto& policy = installed->manifest.screen;
      auto window = [](const scheduler::DailyWindow& w) {
        return scheduler::format_time(w.start) + "-" + scheduler::format_time(w.end);
      };
      if (policy.on_hours) h.on_hours = window(*policy.on_hours);
      if (policy.dim_hours) h.dim_hours = window(*policy.dim_hours);
    } catch (const Error& e) {
      h.last_error = std::string("store: ") + e.what();
      h.last_error_reason = e.reason();
    }
  }
  std::error_code ec;
  const auto space = std::filesystem::space(config.data_dir, ec);
  if (!ec) h.disk_free_bytes = space.available;
  return h;
}

ReportOut::ReportOut(const Config& config, const HttpOptions& http, ReportOutLimits limits)
    : spool_(config.data_dir / "outbox"),
      playlog_(config.data_dir / "playlog"),
      data_dir_(config.data_dir),
      screen_(config.screen),
      http_(http),
      limits_(limits) {
  if (config.report_url.empty()) fail_usage("report_url", "is not set");
  base_ = normalized_http_base(config.report_url) + "/" + screen_folder(config.screen);
}

void ReportOut::spool_heartbeat(const Heartbeat& heartbeat) {
  create_folders_durably(spool_);
  write_file_atomically(spool_ / (kHeartbeatPrefix + compact_stamp(heartbeat.at) + ".json"),
                        heartbeat_json(heartbeat));
  const auto names = spooled_names(spool_, kHeartbeatPrefix);
  std::error_code ec;
  for (std::size_t i = 0; i + limits_.max_spooled_heartbeats < names.size(); ++i) {
    std::filesystem::remove(spool_ / names[i], ec);
  }
}

std::size_t ReportOut::spool_play_log() {
  create_folders_durably(spool_);
  std::string log_id = read_small_file(playlog_ / "id");
  while (!log_id.empty() && (log_id.back() == '\n' || log_id.back() == '\r')) log_id.pop_back();
  if (log_id.empty()) return 0;  // no play log yet

  const auto cursor_file = spool_ / kCursorFile;
  Cursor cursor = read_cursor(cursor_file);
  std::uint64_t done = cursor.log_id == log_id ? cursor.last_sequence : 0;
  for (const auto& name : spooled_names(spool_, kBatchPrefix)) {
    if (const auto last = batch_last_sequence(name, log_id)) done = std::max(done, *last);
  }
  std::error_code ec;
  const auto cursor_time = std::filesystem::last_write_time(cursor_file, ec);
  const bool scan_all = ec || cursor.log_id != log_id;

  std::vector<std::pair<std::uint64_t, std::string>> fresh;  // sequence, line
  for (const auto& file : play_log_files(playlog_)) {
    if (!scan_all && std::filesystem::last_write_time(file, ec) + kScanMargin < cursor_time) continue;
    std::ifstream in(file, std::ios::binary);
    std::string line;
    LoggedPlay p;
    while (std::getline(in, line)) {
      if (in.eof()) break;  // no newline yet: PlayLog is still writing it
      if (!parse_play_record_line(line, p) || p.sequence <= done) continue;
      if (p.id != log_id + "-" + std::to_string(p.sequence)) continue;
      fresh.emplace_back(p.sequence, line);
    }
  }
  std::sort(fresh.begin(), fresh.end());
  fresh.erase(std::unique(fresh.begin(), fresh.end(),
                          [](const auto& a, const auto& b) { return a.first == b.first; }),
              fresh.end());

  std::optional<KeyPair> key;
  if (!fresh.empty()) key = load_or_make_screen_key(data_dir_);
  for (std::size_t from = 0; from < fresh.size(); from += limits_.max_records_per_batch) {
    const std::size_t to = std::min(fresh.size(), from + limits_.max_records_per_batch);
    std::string body;
    for (std::size_t i = from; i < to; ++i) body += fresh[i].second + "\n";
    const std::string name = kBatchPrefix + log_id + "-" + padded(fresh[from].first) + "-" +
                             padded(fresh[to - 1].first) + ".jsonl";
    // The batch first, then the cursor: after a cut in between, the batch's name tells what
    // was spooled, so the same records never go into a second, differently named batch.
    // The signature before the batch: a batch in the spool always has its signature beside it.
    write_file_atomically(spool_ / (name + ".minisig"),
                          sign_play_log_file(body, key->secret_key, screen_, name.substr(3)));
    write_file_atomically(spool_ / name, body);
    const nlohmann::json c = {{"log_id", log_id}, {"last_seq", fresh[to - 1].first}};
    write_file_atomically(cursor_file, c.dump() + "\n");
  }
  if (fresh.empty() && scan_all && !path_exists(cursor_file)) {
    const nlohmann::json c = {{"log_id", log_id}, {"last_seq", done}};
    write_file_atomically(cursor_file, c.dump() + "\n");
  }
  return fresh.size();
}

FlushResult ReportOut::flush() {
  FlushResult result;
  // Play log batches before heartbeats: they are what the quarterly report needs.
  std::vector<std::string> names = spooled_names(spool_, kBatchPrefix);
  for (const auto& n : spooled_names(spool_, kHeartbeatPrefix)) names.push_back(n);
  HttpClient client(http_);
  std::size_t i = 0;
  for (; i < names.size() && result.sent < limits_.max_puts_per_flush; ++i) {
    const std::string remote = remote_path(names[i]);
    if (remote.empty()) continue;
    const auto file = spool_ / names[i];
    std::ifstream in(file, std::ios::binary);
    const std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string url = base_ + "/" + remote;
    try {
      const HttpResponse r = client.put(url, body);
      if (r.status < 200 || r.status > 299) {
        result.error = url + ": the server answered HTTP " + std::to_string(r.status);
        break;
      }
    } catch (const Error& e) {
      result.error = e.what();
      break;
    }
    std::error_code ec;
    std::filesystem::remove(file, ec);
    ++result.sent;
  }
  result.left = names.size() - result.sent;
  return result;
}

}  // namespace gatecast::content
