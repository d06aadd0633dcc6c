// The player's config, read strictly: every key is known (docs/config.md), every value is
// checked, and every message names the file and the key. A typo in a config must stop the
// player with a clear line at start-up rather than run with a default nobody chose.
#include "content/config/config_json.hpp"

#include <fstream>
#include <iterator>
#include <set>

#include "content/base/json_reader.hpp"
#include "content/base/publish_tree.hpp"
#include "content/base/regular_file.hpp"
#include "content/base/timezone.hpp"
#include "content/manifest/targets.hpp"
#include "content/signing/minisign.hpp"

namespace gatecast::content {

namespace {

constexpr std::size_t max_config_bytes = 1u << 20;

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool is_http_url(std::string_view url) {
  return (starts_with(url, "http://") && url.size() > 7) || (starts_with(url, "https://") && url.size() > 8);
}

bool has_control_characters(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

// A string free of control characters (they would corrupt paths, URLs and log lines).
std::string plain_string(ObjectReader& object, const std::string& key) {
  std::string value = object.string(key);
  if (has_control_characters(value)) object.fail(key, "contains control characters");
  return value;
}

const nlohmann::json& array_of(ObjectReader& object, const std::string& key, bool allow_empty) {
  const nlohmann::json& value = object.required(key);
  if (!value.is_array()) object.fail(key, "expected an array");
  if (!allow_empty && value.empty()) object.fail(key, "is empty");
  if (value.size() > 256) object.fail(Reason::limit, key, "has more than 256 entries");
  return value;
}

std::string element_string(const ObjectReader& object, const std::string& key, const nlohmann::json& array,
                           std::size_t i) {
  const std::string at = key + "[" + std::to_string(i) + "]";
  if (!array[i].is_string() || array[i].get_ref<const std::string&>().empty()) {
    object.fail(at, "expected a non-empty string");
  }
  const std::string& s = array[i].get_ref<const std::string&>();
  if (has_control_characters(s)) object.fail(at, "contains control characters");
  return s;
}

void read_trusted_keys(ObjectReader& object, Config& config) {
  const nlohmann::json& keys = array_of(object, "trusted_keys", true);
  if (keys.empty()) {
    object.fail("trusted_keys",
                "is empty: add the department's public key (the second line of its gatecast.pub)");
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string line = element_string(object, "trusted_keys", keys, i);
    try {
      (void)parse_public_key(line, config.file.string());
    } catch (const Error& e) {
      object.fail(e.reason(), "trusted_keys[" + std::to_string(i) + "]",
                  e.problem() + " (expected the base64 line of a minisign .pub file, \"RW...\")");
    }
    config.trusted_keys.push_back(line);
  }
}

void read_sources(ObjectReader& object, Config& config) {
  const nlohmann::json& sources = array_of(object, "sources", true);
  for (std::size_t i = 0; i < sources.size(); ++i) {
    ObjectReader source(sources[i], object.path_of("sources[" + std::to_string(i) + "]"), object.subject(),
                        Outcome::usage);
    SourceConfig s;
    s.url = plain_string(source, "url");
    if (s.url.find("://") != std::string::npos && !is_http_url(s.url)) {
      source.fail("url", "'" + s.url + "' is neither an http(s):// URL nor a folder");
    }
    s.channel = source.string("channel");
    if (!is_valid_channel_name(s.channel)) {
      source.fail("channel", "'" + s.channel.substr(0, 80) +
                                 "' is not a valid channel name ([a-z0-9][a-z0-9._-]{0,63})");
    }
    s.alerts = source.boolean_or("alerts", false);
    source.finish();
    config.sources.push_back(std::move(s));
  }
}

void read_languages(ObjectReader& object, Config& config) {
  const nlohmann::json& languages = array_of(object, "languages", false);
  config.languages.clear();
  std::set<std::string> seen;
  for (std::size_t i = 0; i < languages.size(); ++i) {
    const std::string code = element_string(object, "languages", languages, i);
    const std::string at = "languages[" + std::to_string(i) + "]";
    const bool plausible =
        code.size() >= 2 && code.size() <= 16 &&
        code.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") ==
            std::string::npos &&
        code[0] >= 'a' && code[0] <= 'z';
    if (!plausible) object.fail(at, "'" + code + "' is not a language code (such as vi, zh, en)");
    if (!seen.insert(code).second) object.fail(at, "'" + code + "' is listed twice");
    config.languages.push_back(code);
  }
}

void read_output(ObjectReader& object, Config& config) {
  const nlohmann::json* value = object.optional("output");
  if (!value) return;
  ObjectReader output(*value, object.path_of("output"), object.subject(), Outcome::usage);
  if (const auto* display = output.optional("display")) {
    // A number (0) or its text ("0"): SDL's display index.
    if (display->is_number_integer() && display->get<std::int64_t>() >= 0 &&
        display->get<std::int64_t>() < 64) {
      config.output.display = std::to_string(display->get<std::int64_t>());
    } else if (display->is_string() && !display->get_ref<const std::string&>().empty() &&
               display->get_ref<const std::string&>().size() <= 2 &&
               display->get_ref<const std::string&>().find_first_not_of("0123456789") == std::string::npos) {
      config.output.display = display->get<std::string>();
    } else {
      output.fail("display", "expected a display index (0, 1, ...)");
    }
  }
  if (const auto* viewport = output.optional("viewport")) {
    int parts[4] = {};
    const bool shape = viewport->is_array() && viewport->size() == 4;
    for (std::size_t i = 0; shape && i < 4; ++i) {
      const auto& v = (*viewport)[i];
      if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > 32768) {
        output.fail("viewport", "expected [x, y, width, height] in pixels, whole numbers from 0 to 32768");
      }
      parts[i] = static_cast<int>(v.get<std::int64_t>());
    }
    if (!shape) output.fail("viewport", "expected [x, y, width, height] in pixels");
    if (parts[2] == 0 || parts[3] == 0) output.fail("viewport", "width and height must be greater than 0");
    config.output.viewport = Rect{parts[0], parts[1], parts[2], parts[3]};
  }
  if (output.optional("power_off")) {
    const nlohmann::json& given = output.required("power_off");
    const std::string how = given.is_string() ? given.get<std::string>() : output.string("power_off");
    if (how == "auto") {
      config.output.power_off = PowerOff::automatic;
    } else if (how == "dpms") {
      config.output.power_off = PowerOff::dpms;
    } else if (how == "cec") {
      config.output.power_off = PowerOff::cec;
    } else if (how == "black") {
      config.output.power_off = PowerOff::black;
    } else {
      output.fail("power_off", "'" + how.substr(0, 40) + "' is not one of auto, dpms, cec, black");
    }
  }
  if (output.optional("video_decoding")) {
    const std::string how = output.string("video_decoding");
    if (how != "auto" && how != "software")
      output.fail("video_decoding", "'" + how.substr(0, 40) + "' is not one of auto, software");
    config.output.hardware_decoding = how == "auto";
  }
  if (output.optional("render_node")) {
    config.output.render_node = plain_string(output, "render_node");
    if (!config.output.render_node.is_absolute()) output.fail("render_node", "must be an absolute path");
  }
  output.finish();
}

std::vector<std::filesystem::path> read_paths(ObjectReader& object, const std::string& key) {
  std::vector<std::filesystem::path> paths;
  if (!object.optional(key)) return paths;
  const nlohmann::json& array = array_of(object, key, true);
  for (std::size_t i = 0; i < array.size(); ++i) paths.emplace_back(element_string(object, key, array, i));
  return paths;
}

}  // namespace

Config parse_config(std::string_view raw, const std::filesystem::path& file) {
  const std::string subject = file.string();
  JsonLimits limits;
  limits.max_bytes = max_config_bytes;
  limits.max_depth = 8;
  limits.max_string_bytes = 4096;
  const nlohmann::json doc = parse_json(raw, subject, limits, Outcome::usage);
  ObjectReader top(doc, "", subject, Outcome::usage);

  Config config;
  config.file = file;
  // The packaged /etc/gatecast/player.json leaves both empty: a screen must be told who it is
  // and whom to trust before it plays anything.
  if (const nlohmann::json& screen = top.required("screen");
      screen.is_string() && screen.get_ref<const std::string&>().empty()) {
    top.fail("screen", "is empty: set this screen's id, e.g. langson/huunghi/1");
  }
  config.screen = top.string("screen");
  if (!is_valid_screen_id(config.screen)) {
    top.fail("screen",
             "'" + config.screen.substr(0, 80) +
                 "' is not a screen id (segments of a-z 0-9 . _ - separated by /, e.g. langson/huunghi/1)");
  }
  if (top.optional("timezone")) {
    config.timezone = plain_string(top, "timezone");
    // An IANA name ("Asia/Ho_Chi_Minh"); it becomes a path under /usr/share/zoneinfo.
    if (config.timezone.find("..") != std::string::npos || config.timezone.front() == '/' ||
        config.timezone.find_first_not_of(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-") != std::string::npos) {
      top.fail("timezone", "'" + config.timezone + "' is not a time zone name such as Asia/Ho_Chi_Minh");
    }
  }
  if (top.optional("data_dir")) config.data_dir = plain_string(top, "data_dir");
  read_trusted_keys(top, config);
  if (top.optional("sources")) read_sources(top, config);
  if (top.optional("screen_channel")) {
    config.screen_channel = top.string("screen_channel");
    bool configured = false;
    for (const SourceConfig& source : config.sources)
      configured = configured || source.channel == config.screen_channel;
    if (!configured) {
      top.fail("screen_channel", "'" + config.screen_channel.substr(0, 80) +
                                     "' is not the channel of any of the config's sources");
    }
  }
  config.poll_seconds = static_cast<int>(top.integer_or("poll_seconds", 30, 7 * 86400, config.poll_seconds));
  config.alert_poll_seconds =
      static_cast<int>(top.integer_or("alert_poll_seconds", 1, 3600, config.alert_poll_seconds));
  config.import_dirs = read_paths(top, "import_dirs");
  read_output(top, config);
  if (top.optional("report_url")) {
    config.report_url = plain_string(top, "report_url");
    if (!is_http_url(config.report_url)) top.fail("report_url", "expected an http:// or https:// URL");
  }
  config.report_screenshots = top.boolean_or("report_screenshots", true);
  if (top.optional("languages")) read_languages(top, config);
  if (top.optional("site_name")) config.site_name = plain_string(top, "site_name");
  config.max_bytes_per_second =
      static_cast<std::uint64_t>(top.integer_or("max_bytes_per_second", 0, std::int64_t{1} << 40, 0));
  if (top.optional("ca_file")) config.ca_file = plain_string(top, "ca_file");
  top.finish();
  return config;
}

Config load_config(const std::filesystem::path& file) {
  Config config = parse_config(read_regular_file(file, max_config_bytes, Outcome::usage), file);
  // Every command refuses what `play` refuses: a deploy check that runs `install` must not
  // pass with a zone the player cannot load (the screen would never start).
  try {
    (void)load_time_zone(config.timezone);
  } catch (const Error& e) {
    fail_usage(e.reason(), file.string(), "timezone: " + e.problem());
  }
  return config;
}

}  // namespace gatecast::content
