// gatecast status --config F [--json] [--at TIME]: what the screen has installed and how its last
// attempts went, read from the store and data_dir/state.json without changing anything
// (except repairing a version record a power cut left behind, as every reader does).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "content/base/error.hpp"
#include "content/base/rfc3339.hpp"
#include "content/base/timezone.hpp"
#include "content/config/config_json.hpp"
#include "content/config/source_settings.hpp"
#include "content/install/trust_update.hpp"
#include "content/manifest/now_playing.hpp"
#include "content/media/hw_decoding.hpp"
#include "content/reports/screen_key.hpp"
#include "content/store/installed_screen.hpp"
#include "content/store/layout.hpp"
#include "content/store/record.hpp"
#include "content/store/state.hpp"
#include "content/store/trust_files.hpp"
#include "player/cli/args.hpp"
#include "player/cli/commands.hpp"
#include "player/display/output_power.hpp"
#include "player/loop/frame_drawer.hpp"
#include "player/loop/loaded_screen.hpp"
#include "player/loop/screen_drawing.hpp"
#include "player/surface/surface_ops.hpp"

namespace gatecast::cli {

namespace {

using content::Config;
using content::InstalledPackage;

struct ChannelStatus {
  std::string channel;
  std::optional<InstalledPackage> package;
  std::optional<std::int64_t> highest_accepted;
  std::string problem;  // the store could not be read for this channel
  Reason problem_reason = Reason::none;
  bool stale = false;  // past `expires`: still playing, but the office must send a new one
  // The active version is damaged on disk (content::active_version_damage); the screen plays
  // the previous whole version until the sync thread has fetched what is missing.
  std::string damage;
  std::vector<std::string> playback;  // what its own schedule wants now and next (playback_lines)
};

struct StatusReport {
  std::string screen;
  std::string screen_key;    // public key that signs this screen's play log; empty before first start
  scheduler::TimeZone zone;  // the site's: every time is shown as the staff there read clocks
  Instant now;
  std::vector<ChannelStatus> channels;
  std::size_t screen_channel = 0;     // whose hours the screen keeps
  std::vector<std::string> playback;  // the composed screen: what plays now and next, and whose
  // What the screen shows at `now`, exactly as `render` draws it; none when nothing installed.
  std::optional<player::ScreenAt> showing;
  content::ScreenState state;
  std::string next_attempt;  // the planned attempt as staff read it (next_attempt_line)
  content::PowerOff power_off = content::PowerOff::automatic;
  std::vector<std::string> power_probes;  // how the output can be turned off here
  std::string video_decoding;             // the path videos decode on here, in words
  std::string clock_problem;              // empty when the clock is believed
  std::string key_set;  // "version 3, expires ...", "none (trusted_keys of the config)", or a problem
};

std::string local(Instant t, const scheduler::TimeZone& zone);

// The planned attempt. The player refreshes state.json only every kIdleStateRefresh while its
// polls succeed quietly, so a planned time in the past within that (and one interval) is the
// normal quiet; older than that, no attempt was recorded when one was due: the player is not
// running, or could not record its state.
std::string next_attempt_line(const Config& config, const content::ScreenState& state, Instant wall,
                              const scheduler::TimeZone& zone) {
  if (!state.next_attempt) return "not planned";
  const std::string at = local(*state.next_attempt, zone);
  if (*state.next_attempt >= wall) return at;
  const int interval = std::max(config.poll_seconds, config.alert_poll_seconds);
  const Duration grace = content::kIdleStateRefresh + std::chrono::seconds(interval);
  if (state.last_error.empty() && wall - *state.next_attempt <= grace) {
    return at + " (polls succeed quietly; state.json is refreshed every " +
           std::to_string(
               std::chrono::duration_cast<std::chrono::minutes>(content::kIdleStateRefresh).count()) +
           " min meanwhile)";
  }
  return at + " (OVERDUE: no attempt recorded since; the player is not running, or cannot record its state)";
}

// The key set the screen holds, in one line.
std::string key_set_line(const Config& config, Instant now, const scheduler::TimeZone& zone);

// What one channel's own schedule wants now and next, one readable line each ("wants now:
// day, screen on", "wants next: 2026-11-25 19:00 +07:00: night, screen dimmed 60%"): the
// composition decides whether it gets the screen.
std::vector<std::string> playback_lines(const scheduler::TimeZone& zone, const InstalledPackage& package,
                                        Instant now) {
  std::vector<std::string> lines =
      content::now_playing_lines(content::now_playing(package.manifest, zone, now), zone);
  for (std::string& line : lines) line = "wants " + line;
  return lines;
}

// What the screen shows at `now`: drawn offscreen by the loop's own path (screen_drawing.hpp),
// so that the slides whose pictures do not decode are benched just as the screen and `render`
// bench them, and the slide named is the one `render --at` draws.
std::optional<player::ScreenAt> screen_showing(const Config& config, const scheduler::TimeZone& zone,
                                               Instant now) {
  std::unique_ptr<player::LoadedScreen> package = player::load_active_screen(config, zone);
  if (!package) return std::nullopt;
  const auto [width, height] = player::output_size_for(config);
  std::unique_ptr<player::FrameDrawer> drawer =
      player::make_frame_drawer(player::render_settings_for(config, zone), width, height);
  player::SurfacePtr frame = player::make_argb_surface(width, height);
  if (!frame) fail_runtime("status", std::string("cannot allocate a frame: ") + SDL_GetError());
  player::LogOnce log;
  return player::draw_screen(package.get(), now, player::ShownBefore::as_scheduled(), *drawer, frame.get(),
                             log)
      .screen;
}

StatusReport gather(const Config& config, const content::ClockReading& clocks, std::optional<Instant> at) {
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
  if (at) now = *at;  // asked as of another instant: the clock check above still says the truth
  report.now = now;
  report.key_set = key_set_line(config, now, report.zone);
  report.state = content::read_state(config);
  report.next_attempt = next_attempt_line(config, report.state, clocks.wall, report.zone);
  report.power_off = config.output.power_off;
  report.power_probes = player::probe_output_power(config.output.power_off);
  report.video_decoding =
      content::describe_decoding({config.output.hardware_decoding, config.output.render_node});
  report.screen_key = content::screen_public_key_line(config.data_dir);
  const content::StoreLayout layout(config.data_dir);
  content::InstalledScreen screen = content::load_installed_screen(config);
  report.screen_channel = screen.screen_channel;
  for (content::InstalledChannel& channel : screen.channels) {
    ChannelStatus status;
    status.channel = channel.name;
    status.package = channel.package;
    if (channel.problem) {
      status.problem = channel.problem->what();
      status.problem_reason = channel.problem->reason();
    }
    try {
      if (const auto record = content::read_record(layout, channel.name))
        status.highest_accepted = record->version;
    } catch (const Error& e) {
      if (status.problem.empty()) {
        status.problem = e.what();
        status.problem_reason = e.reason();
      }
    }
    try {
      status.damage = content::active_version_damage(config, channel.name);
    } catch (const Error& e) {
      if (status.problem.empty()) {
        status.problem = e.what();
        status.problem_reason = e.reason();
      }
    }
    if (status.package) {
      status.stale = status.package->manifest.expires <= now;
      status.playback = playback_lines(report.zone, *status.package, now);
    }
    report.channels.push_back(std::move(status));
  }
  if (screen.anything_installed()) {
    // The one rule the screen follows (scheduler/composition.hpp), as `schedule` prints it.
    report.playback = content::now_playing_lines(
        content::now_playing(content::compose_screen(screen, report.zone), now), report.zone, screen.names());
    try {
      report.showing = screen_showing(config, report.zone, now);
    } catch (const Error& e) {
      if (e.kind() == Outcome::usage) throw;
    }
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
  std::printf("screen key (signs the play log): %s\n",
              r.screen_key.empty() ? "none yet" : r.screen_key.c_str());
  std::printf("time: %s%s\n", local(r.now, r.zone).c_str(),
              r.clock_problem.empty() ? "" : (" (" + r.clock_problem + ")").c_str());
  std::printf("key set: %s\n", r.key_set.c_str());
  if (!r.playback.empty()) {
    std::printf("screen:\n");
    for (const std::string& line : r.playback) std::printf("  %s\n", line.c_str());
  }
  if (r.showing) {
    std::printf("  showing: %s\n", r.showing->describe().c_str());
    for (const player::BenchedSlide& b : r.showing->benched) {
      std::printf("  skipped: channel %s playlist '%s' slide %zu: %s\n", b.channel.c_str(),
                  b.playlist.c_str(), b.index + 1, b.reason.c_str());
    }
  }
  for (std::size_t i = 0; i < r.channels.size(); ++i) {
    const ChannelStatus& c = r.channels[i];
    std::printf("channel %s%s:\n", c.channel.c_str(), i == r.screen_channel ? " (its screen hours)" : "");
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
    if (!c.damage.empty()) {
      std::printf("  DAMAGED: %s (the previous whole version plays until the next poll fetches it again)\n",
                  c.damage.c_str());
    }
    if (c.highest_accepted) {
      std::printf("  highest accepted version: %lld\n", static_cast<long long>(*c.highest_accepted));
    }
    for (const std::string& line : c.playback) std::printf("  %s\n", line.c_str());
  }
  std::printf("last attempt: %s\n", when(r.state.last_attempt, r.zone).c_str());
  std::printf("last success: %s\n", when(r.state.last_success, r.zone).c_str());
  std::printf("last error: %s\n", r.state.last_error.empty() ? "none" : r.state.last_error.c_str());
  std::printf("next attempt: %s\n", r.next_attempt.c_str());
  std::printf("screen off (output.power_off):\n");
  for (const std::string& line : r.power_probes) std::printf("  %s\n", line.c_str());
  std::printf("video decoding: %s\n", r.video_decoding.c_str());
}

nlohmann::json optional_time(const std::optional<Instant>& t, const scheduler::TimeZone& zone) {
  return t ? nlohmann::json(local(*t, zone)) : nlohmann::json(nullptr);
}

// The reason code of an error ("expired", "network", ...; "none" when it has no reason), or
// null when there is no error: programs read this instead of the English message.
nlohmann::json reason_or_null(const std::string& error, Reason reason) {
  return error.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::string(reason_code(reason)));
}

// {"screen": "on", "channel": "langson", "playlist": "day", "slide": 2, "text": "channel
// langson, playlist 'day' slide 2", "benched": [{"channel", "playlist", "slide", "reason"}]};
// slides counted from 1 as on the screen and in `render`.
nlohmann::json showing_json(const player::ScreenAt& s) {
  nlohmann::json out = nlohmann::json::object();
  out["screen"] = scheduler::screen_mode_name(s.position.state.screen.mode);
  out["channel"] = s.slide ? nlohmann::json(s.channel) : nlohmann::json(nullptr);
  out["playlist"] = s.slide ? nlohmann::json(s.slide->playlist) : nlohmann::json(nullptr);
  out["slide"] = s.slide ? nlohmann::json(s.slide->index + 1) : nlohmann::json(nullptr);
  out["text"] = s.describe();
  out["benched"] = nlohmann::json::array();
  for (const player::BenchedSlide& b : s.benched) {
    out["benched"].push_back(
        {{"channel", b.channel}, {"playlist", b.playlist}, {"slide", b.index + 1}, {"reason", b.reason}});
  }
  return out;
}

void print_json(const StatusReport& r) {
  nlohmann::json doc = nlohmann::json::object();
  doc["screen"] = r.screen;
  doc["screen_key"] = r.screen_key;
  doc["now"] = local(r.now, r.zone);
  doc["timezone"] = r.zone.name();
  doc["clock_wrong"] = !r.clock_problem.empty();
  doc["clock_problem"] = r.clock_problem.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.clock_problem);
  doc["key_set"] = r.key_set;
  doc["playback"] = r.playback;
  doc["showing"] = r.showing ? showing_json(*r.showing) : nlohmann::json(nullptr);
  doc["channels"] = nlohmann::json::array();
  for (std::size_t i = 0; i < r.channels.size(); ++i) {
    const ChannelStatus& c = r.channels[i];
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
    channel["damaged"] = c.damage.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.damage);
    channel["problem"] = c.problem.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.problem);
    channel["problem_reason"] = reason_or_null(c.problem, c.problem_reason);
    channel["screen_hours"] = i == r.screen_channel;
    channel["playback"] = c.playback;
    doc["channels"].push_back(std::move(channel));
  }
  doc["last_attempt"] = optional_time(r.state.last_attempt, r.zone);
  doc["last_success"] = optional_time(r.state.last_success, r.zone);
  doc["last_error"] =
      r.state.last_error.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.state.last_error);
  doc["last_error_reason"] = reason_or_null(r.state.last_error, r.state.last_error_reason);
  doc["next_attempt"] = optional_time(r.state.next_attempt, r.zone);
  doc["next_attempt_text"] = r.next_attempt;
  doc["power_off"] = {{"config", player::power_off_name(r.power_off)}, {"probes", r.power_probes}};
  doc["video_decoding"] = r.video_decoding;
  std::printf("%s\n", doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

// The exit code: 3 (rejected, as for an expired manifest) when an active package is stale,
// else 1 when an active version is damaged on disk, else 0. The last attempt's error is shown,
// not an exit code: it may be a passing network failure.
Outcome status_outcome(const StatusReport& r) {
  Outcome worst = Outcome::ok;
  for (const ChannelStatus& c : r.channels) {
    if (c.stale) worst = Outcome::rejected;
    if (!c.damage.empty() && worst == Outcome::ok) worst = Outcome::runtime;
  }
  return worst;
}

}  // namespace

int cmd_status(const Words& words) {
  const Args args(words, {"config", "at"}, {"json"});
  if (!args.positionals().empty())
    fail_usage(args.positionals().front(), "status takes no positional argument");
  const Config config = content::load_config(config_file(args));
  // --at: the status as of another instant (what will show at the opening, what showed when a
  // visitor complained), the same answer `render --at` draws.
  std::optional<Instant> at;
  if (args.option("at")) at = content::parse_rfc3339(*args.option("at"), "--at", Outcome::usage);
  const StatusReport report = gather(config, content::read_system_clocks(), at);
  if (args.has("json")) {
    print_json(report);
  } else {
    print_text(report);
  }
  return static_cast<int>(status_outcome(report));
}

}  // namespace gatecast::cli
