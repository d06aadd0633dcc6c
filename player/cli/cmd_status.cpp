// gatecast status --config F [--json]: what the screen has installed and how its last
// attempts went, read from the store and data_dir/state.json without changing anything
// (except repairing a version record a power cut left behind, as every reader does).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "content/config_json.hpp"
#include "content/error.hpp"
#include "content/install/trust_update.hpp"
#include "content/installed.hpp"
#include "content/now_playing.hpp"
#include "content/rfc3339.hpp"
#include "content/state.hpp"
#include "content/store/trust_files.hpp"
#include "content/store_layout.hpp"
#include "content/store_record.hpp"
#include "content/timezone.hpp"
#include "player/cli/args.hpp"
#include "player/cli/commands.hpp"

namespace gatecast::cli {

namespace {

using content::Config;
using content::InstalledPackage;

struct ChannelStatus {
  std::string channel;
  std::optional<InstalledPackage> package;
  std::optional<std::int64_t> highest_accepted;
  std::string problem;                // the store could not be read for this channel
  bool stale = false;                 // past `expires`: still playing, but the office must send a new one
  std::vector<std::string> playback;  // what plays now and next (playback_lines)
};

struct StatusReport {
  std::string screen;
  scheduler::TimeZone zone;  // the site's: every time is shown as the staff there read clocks
  Instant now;
  std::vector<ChannelStatus> channels;
  content::ScreenState state;
  std::string clock_problem;  // empty when the clock is believed
  std::string key_set;        // "version 3, expires ...", "none (trusted_keys of the config)", or a problem
};

// The key set the screen holds, in one line.
std::string key_set_line(const Config& config, Instant now, const scheduler::TimeZone& zone);

// What plays now and what comes next on `package`, one readable line each ("now: day, screen
// on", "next: 2026-11-25 19:00 +07:00: night, screen dimmed 60%"), in the site's time zone.
std::vector<std::string> playback_lines(const scheduler::TimeZone& zone, const InstalledPackage& package,
                                        Instant now) {
  return content::now_playing_lines(content::now_playing(package.manifest, zone, now), zone);
}

std::vector<std::string> configured_channels(const Config& config) {
  std::vector<std::string> channels;
  for (const auto& source : config.sources) {
    if (std::find(channels.begin(), channels.end(), source.channel) == channels.end()) {
      channels.push_back(source.channel);
    }
  }
  return channels;
}

StatusReport gather(const Config& config, const content::ClockReading& clocks) {
  StatusReport report;
  report.screen = config.screen;
  report.zone = content::load_time_zone(config.timezone);
  // What the screen goes by: trusted time, not the raw clock (docs/signing.md).
  Instant now = clocks.wall;
  try {
    const content::TrustedTime time =
        content::trusted_time(content::read_time_floor(config.data_dir), clocks);
    now = time.now;
    report.clock_problem = content::clock_problem(time, clocks);
  } catch (const Error& e) {
    report.clock_problem = std::string("time floor unreadable: ") + e.what();
  }
  report.now = now;
  report.key_set = key_set_line(config, now, report.zone);
  report.state = content::read_state(config);
  const content::StoreLayout layout(config.data_dir);
  for (const std::string& channel : configured_channels(config)) {
    ChannelStatus status;
    status.channel = channel;
    try {
      status.package = content::load_installed(config, channel);
      if (const auto record = content::read_record(layout, channel))
        status.highest_accepted = record->version;
      if (status.package) {
        status.stale = status.package->manifest.expires <= now;
        status.playback = playback_lines(report.zone, *status.package, now);
      }
    } catch (const Error& e) {
      if (e.kind() == Outcome::usage) throw;
      status.problem = e.what();
    }
    report.channels.push_back(std::move(status));
  }
  return report;
}

std::string key_set_line(const Config& config, Instant now, const scheduler::TimeZone& zone) {
  try {
    const content::HeldKeySet held =
        content::held_key_set(config.data_dir, content::config_trusted_keys(config));
    if (!held.raw) return "none accepted (the config's trusted_keys approve, one signature each)";
    const content::KeySet& set = held.set;
    return "version " + std::to_string(set.version) + ", expires " +
           content::format_rfc3339(*set.expires, zone.offset_at(*set.expires) / 60) +
           (set.expired_at(now) ? " (EXPIRED: no new installs until a newer key set arrives)" : "") + ", " +
           std::to_string(set.keys_with(content::KeyRole::root).size()) + " root and " +
           std::to_string(set.keys_with(content::KeyRole::approver).size()) + " approver keys";
  } catch (const Error& e) {
    return std::string("problem: ") + e.what();
  }
}

// RFC 3339 with the site's offset at that instant ("2026-11-25T17:27:49+07:00").
std::string local(Instant t, const scheduler::TimeZone& zone) {
  return content::format_rfc3339(t, zone.offset_at(t) / 60);
}

std::string when(const std::optional<Instant>& t, const scheduler::TimeZone& zone) {
  return t ? local(*t, zone) : "never";
}

void print_text(const StatusReport& r) {
  std::printf("screen: %s\n", r.screen.c_str());
  std::printf("time: %s%s\n", local(r.now, r.zone).c_str(),
              r.clock_problem.empty() ? "" : (" (" + r.clock_problem + ")").c_str());
  std::printf("key set: %s\n", r.key_set.c_str());
  for (const ChannelStatus& c : r.channels) {
    std::printf("channel %s:\n", c.channel.c_str());
    if (!c.problem.empty()) {
      std::printf("  store problem: %s\n", c.problem.c_str());
    } else if (!c.package) {
      std::printf("  nothing installed\n");
    } else {
      const InstalledPackage& p = *c.package;
      std::printf("  installed version: %lld (installed %s)\n", static_cast<long long>(p.version),
                  local(p.installed_at, r.zone).c_str());
      std::printf("  created: %s\n", local(p.manifest.created, r.zone).c_str());
      std::printf("  expires: %s%s\n", local(p.manifest.expires, r.zone).c_str(),
                  c.stale ? " (STALE: past its expiry, still playing until a newer package arrives)" : "");
      std::printf("  assets: %zu\n", p.manifest.assets.size());
    }
    if (c.highest_accepted) {
      std::printf("  highest accepted version: %lld\n", static_cast<long long>(*c.highest_accepted));
    }
    for (const std::string& line : c.playback) std::printf("  %s\n", line.c_str());
  }
  std::printf("last attempt: %s\n", when(r.state.last_attempt, r.zone).c_str());
  std::printf("last success: %s\n", when(r.state.last_success, r.zone).c_str());
  std::printf("last error: %s\n", r.state.last_error.empty() ? "none" : r.state.last_error.c_str());
  std::printf("next attempt: %s\n",
              r.state.next_attempt ? local(*r.state.next_attempt, r.zone).c_str() : "not planned");
}

nlohmann::json optional_time(const std::optional<Instant>& t, const scheduler::TimeZone& zone) {
  return t ? nlohmann::json(local(*t, zone)) : nlohmann::json(nullptr);
}

void print_json(const StatusReport& r) {
  nlohmann::json doc = nlohmann::json::object();
  doc["screen"] = r.screen;
  doc["now"] = local(r.now, r.zone);
  doc["timezone"] = r.zone.name();
  doc["clock_wrong"] = !r.clock_problem.empty();
  doc["clock_problem"] = r.clock_problem.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.clock_problem);
  doc["key_set"] = r.key_set;
  doc["channels"] = nlohmann::json::array();
  for (const ChannelStatus& c : r.channels) {
    nlohmann::json channel = nlohmann::json::object();
    channel["channel"] = c.channel;
    channel["installed"] = c.package.has_value();
    if (c.package) {
      channel["version"] = c.package->version;
      channel["installed_at"] = local(c.package->installed_at, r.zone);
      channel["created"] = local(c.package->manifest.created, r.zone);
      channel["expires"] = local(c.package->manifest.expires, r.zone);
      channel["stale"] = c.stale;
      channel["assets"] = c.package->manifest.assets.size();
    }
    channel["highest_accepted"] =
        c.highest_accepted ? nlohmann::json(*c.highest_accepted) : nlohmann::json(nullptr);
    channel["problem"] = c.problem.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.problem);
    channel["playback"] = c.playback;
    doc["channels"].push_back(std::move(channel));
  }
  doc["last_attempt"] = optional_time(r.state.last_attempt, r.zone);
  doc["last_success"] = optional_time(r.state.last_success, r.zone);
  doc["last_error"] =
      r.state.last_error.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.state.last_error);
  doc["next_attempt"] = optional_time(r.state.next_attempt, r.zone);
  std::printf("%s\n", doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

}  // namespace

int cmd_status(const Words& words) {
  const Args args(words, {"config"}, {"json"});
  if (!args.positionals().empty())
    fail_usage(args.positionals().front(), "status takes no positional argument");
  const Config config = content::load_config(args.required("config"));
  const StatusReport report = gather(config, content::read_system_clocks());
  if (args.has("json")) {
    print_json(report);
  } else {
    print_text(report);
  }
  return 0;
}

}  // namespace gatecast::cli
