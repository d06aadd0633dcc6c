// The manifest's top level: format, channel, version, times, targets, assets, fonts, and the
// hand-off to the layout/playlist reader (manifest_json_items.cpp), the schedule reader
// (schedule_json.cpp) and the cross-reference checks (manifest_json_refs.cpp).
#include "content/manifest/manifest_json.hpp"

#include <cmath>

#include "content/base/publish_tree.hpp"
#include "content/base/rfc3339.hpp"
#include "content/base/sha256.hpp"
#include "content/manifest/manifest_json_parts.hpp"
#include "content/manifest/media_type.hpp"
#include "content/manifest/schedule_json.hpp"
#include "content/manifest/targets.hpp"

namespace gatecast::content {

namespace manifest_json {

void fail_at(const Context& ctx, const std::string& path, const std::string& problem) {
  fail_at(ctx, Reason::schema, path, problem);
}

void fail_at(const Context& ctx, Reason reason, const std::string& path, const std::string& problem) {
  throw Error(Outcome::rejected, reason, ctx.subject,
              (path.empty() ? std::string("top level") : path) + ": " + problem);
}

void check_name(const Context& ctx, const std::string& path, const std::string& name) {
  if (!is_valid_name(name)) {
    fail_at(ctx, path, "'" + name.substr(0, 80) + "' is not a valid name (1 to 64 of A-Z a-z 0-9 . _ -)");
  }
}

Color read_color(const Context& ctx, const nlohmann::json& value, const std::string& path) {
  if (!value.is_string()) fail_at(ctx, path, "expected a colour string such as \"#0b2a4a\" or \"#00000080\"");
  const auto color = parse_color(value.get_ref<const std::string&>());
  if (!color) fail_at(ctx, path, "not a colour (expected #rrggbb or #rrggbbaa)");
  return *color;
}

Rect read_rect(const Context& ctx, const nlohmann::json& value, const std::string& path) {
  if (!value.is_array() || value.size() != 4) fail_at(ctx, path, "expected [x, y, width, height]");
  int parts[4] = {};
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& v = value[i];
    // Canvas coordinates are small; the bound keeps every later sum far from overflow.
    if (!v.is_number_integer() || v.get<std::int64_t>() < 0 ||
        v.get<std::int64_t>() > ctx.limits.max_canvas_side) {
      fail_at(ctx, join_path(path, "[" + std::to_string(i) + "]"),
              "expected a whole number from 0 to " + std::to_string(ctx.limits.max_canvas_side));
    }
    parts[i] = static_cast<int>(v.get<std::int64_t>());
  }
  if (parts[2] == 0 || parts[3] == 0) fail_at(ctx, path, "width and height must be greater than 0");
  return Rect{parts[0], parts[1], parts[2], parts[3]};
}

}  // namespace manifest_json

using manifest_json::Context;
using manifest_json::fail_at;
using manifest_json::read_title;

namespace {

Instant read_time(const Context& ctx, ObjectReader& object, const std::string& key) {
  const std::string text = object.string(key);
  try {
    return parse_rfc3339(text, ctx.subject);
  } catch (const Error& e) {
    fail_at(ctx, e.reason(), object.path_of(key), e.problem());
  }
}

std::vector<std::string> read_targets(const Context& ctx, const nlohmann::json& value) {
  if (!value.is_array() || value.empty())
    fail_at(ctx, "targets", "expected a non-empty array of screen ids or patterns");
  if (value.size() > ctx.limits.max_targets) {
    fail_at(ctx, Reason::limit, "targets",
            "more than " + std::to_string(ctx.limits.max_targets) + " entries");
  }
  std::vector<std::string> targets;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string path = "targets[" + std::to_string(i) + "]";
    if (!value[i].is_string()) fail_at(ctx, path, "expected a string");
    const auto& pattern = value[i].get_ref<const std::string&>();
    if (!is_valid_target_pattern(pattern)) {
      fail_at(ctx, path,
              "'" + pattern.substr(0, 80) +
                  "' is not a screen id or pattern (segments of a-z 0-9 . _ - or *, separated by /)");
    }
    targets.push_back(pattern);
  }
  return targets;
}

std::string known_types() {
  std::string names;
  for (const AssetType t : all_asset_types)
    names += (names.empty() ? "" : ", ") + std::string(media_type_name(t));
  return names;
}

// What pack's probe wrote about a video (docs/manifest.md, "Video assets"); the limits are the
// ones pack enforces, checked again because a manifest can be written by hand.
VideoInfo read_video_info(const Context& ctx, const nlohmann::json& value, const std::string& path) {
  ObjectReader object(value, path, ctx.subject);
  VideoInfo info;
  info.codec = object.string("codec");
  if (info.codec.size() > 32) object.fail("codec", "is longer than 32 characters");
  info.profile = object.string_or("profile", "");
  if (info.profile.size() > 64) object.fail("profile", "is longer than 64 characters");
  const auto side = [&](const char* key, int max) {
    const nlohmann::json& v = object.required(key);
    if (v.is_number_integer() && v.get<std::int64_t>() > max)
      object.fail(Reason::limit, key, "must be at most " + std::to_string(max));
    return static_cast<int>(object.integer(key, 1, max));
  };
  info.width = side("width", ctx.limits.max_video_width);
  info.height = side("height", ctx.limits.max_video_height);
  const nlohmann::json& rate = object.required("frame_rate");
  if (rate.is_number() && rate.get<double>() > ctx.limits.max_video_frame_rate)
    object.fail(Reason::limit, "frame_rate",
                "must be at most " + std::to_string(ctx.limits.max_video_frame_rate));
  info.frame_rate = object.number("frame_rate", 0.001, ctx.limits.max_video_frame_rate);
  const double seconds = object.number("duration", 0.001, 7 * 86400.0);
  info.duration = Duration{static_cast<std::int64_t>(std::llround(seconds * 1000.0))};
  info.frames = object.integer("frames", 1, std::int64_t{1} << 40);
  object.finish();
  return info;
}

Asset read_asset(const Context& ctx, const nlohmann::json& value, const std::string& path) {
  ObjectReader object(value, path, ctx.subject);
  Asset asset;
  asset.sha256 = object.string("sha256");
  if (!is_sha256_hex(asset.sha256)) object.fail("sha256", "expected 64 lowercase hex digits");
  const std::string type = object.string("type");
  const auto parsed = parse_media_type_name(type);
  if (!parsed)
    object.fail("type", "'" + type.substr(0, 80) + "' is not a known type (" + known_types() + ")");
  asset.type = *parsed;
  // Over the bound is a limit, any other bad size a schema problem; the words are the same.
  const std::uint64_t max_bytes = max_asset_bytes_for(asset.type, ctx.limits);
  const nlohmann::json& size = object.required("size");
  if (size.is_number_unsigned() && size.get<std::uint64_t>() > max_bytes) {
    object.fail(Reason::limit, "size", "must be at most " + std::to_string(max_bytes));
  }
  asset.size = static_cast<std::uint64_t>(object.integer("size", 1, static_cast<std::int64_t>(max_bytes)));
  if (is_video(asset.type)) {
    asset.video = read_video_info(ctx, object.required("video"), object.path_of("video"));
  } else if (object.optional("video")) {
    object.fail("video", "only a video asset has one");
  }
  if (const auto* title = object.optional("title"))
    asset.title = read_title(ctx, *title, object.path_of("title"));
  object.finish();
  return asset;
}

std::map<std::string, Asset> read_assets(const Context& ctx, const nlohmann::json& value) {
  if (!value.is_object()) fail_at(ctx, "assets", "expected an object of name -> {sha256, size, type}");
  if (value.size() > ctx.limits.max_assets) {
    fail_at(ctx, Reason::limit, "assets", "more than " + std::to_string(ctx.limits.max_assets) + " assets");
  }
  std::map<std::string, Asset> assets;
  std::uint64_t total = 0;
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string path = join_path("assets", it.key());
    manifest_json::check_name(ctx, path, it.key());
    Asset asset = read_asset(ctx, it.value(), path);
    total += asset.size;  // each at most 8 GiB and at most 2,000 of them: no overflow
    if (total > ctx.limits.max_total_bytes) {
      fail_at(ctx, Reason::limit, "assets",
              "more than " + std::to_string(ctx.limits.max_total_bytes) + " bytes in all");
    }
    assets.emplace(it.key(), std::move(asset));
  }
  return assets;
}

template <typename T, typename Parse>
std::map<std::string, T> read_named(const Context& ctx, const nlohmann::json& value, const std::string& path,
                                    bool allow_empty, Parse parse) {
  if (!value.is_object()) fail_at(ctx, path, "expected an object of name -> definition");
  if (!allow_empty && value.empty()) fail_at(ctx, path, "is empty");
  std::map<std::string, T> out;
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string member = join_path(path, it.key());
    manifest_json::check_name(ctx, member, it.key());
    out.emplace(it.key(), parse(ctx, it.value(), member));
  }
  return out;
}

FontSettings read_fonts(const Context& ctx, const nlohmann::json& value) {
  ObjectReader object(value, "fonts", ctx.subject);
  FontSettings fonts;
  if (const auto* fallback = object.optional("fallback")) {
    if (!fallback->is_array()) object.fail("fallback", "expected an array of font asset names");
    for (std::size_t i = 0; i < fallback->size(); ++i) {
      const std::string path = "fonts.fallback[" + std::to_string(i) + "]";
      if (!(*fallback)[i].is_string()) fail_at(ctx, path, "expected a font asset name");
      fonts.fallback.push_back((*fallback)[i].get<std::string>());
      manifest_json::check_name(ctx, path, fonts.fallback.back());
    }
  }
  object.finish();
  return fonts;
}

}  // namespace

bool is_language_code(std::string_view code) {
  std::size_t i = 0;
  while (i < code.size() && code[i] >= 'a' && code[i] <= 'z') ++i;
  if (i < 2 || i > 3) return false;
  while (i < code.size()) {
    if (code[i] != '-') return false;
    const std::size_t start = ++i;
    while (i < code.size() && ((code[i] >= 'a' && code[i] <= 'z') || (code[i] >= 'A' && code[i] <= 'Z') ||
                               (code[i] >= '0' && code[i] <= '9'))) {
      ++i;
    }
    if (i - start < 1 || i - start > 8) return false;
  }
  return true;
}

std::uint64_t max_asset_bytes_for(AssetType type, const ManifestLimits& limits) {
  return is_video(type) ? limits.max_video_asset_bytes : limits.max_asset_bytes;
}

bool is_valid_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::optional<Color> parse_color(std::string_view text) {
  if ((text.size() != 7 && text.size() != 9) || text[0] != '#') return std::nullopt;
  const auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::uint8_t channels[4] = {0, 0, 0, 255};
  for (std::size_t i = 1, k = 0; i < text.size(); i += 2, ++k) {
    const int hi = hex(text[i]), lo = hex(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    channels[k] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return Color{channels[0], channels[1], channels[2], channels[3]};
}

Manifest parse_manifest_document(const nlohmann::json& document, const std::string& subject,
                                 const ManifestLimits& limits) {
  const Context ctx{subject, limits};
  ObjectReader top(document, "", subject);
  Manifest m;

  const std::string format = top.string("format");
  if (format != manifest_format) {
    top.fail("format",
             "'" + format.substr(0, 80) + "' is not supported (expected \"" + manifest_format + "\")");
  }
  m.channel = top.string("channel");
  if (!is_valid_channel_name(m.channel)) {
    top.fail("channel",
             "'" + m.channel.substr(0, 80) + "' is not a valid channel name ([a-z0-9][a-z0-9._-]{0,63})");
  }
  m.version = top.integer("version", 1, std::int64_t{1} << 53);
  m.created = read_time(ctx, top, "created");
  m.expires = read_time(ctx, top, "expires");
  if (m.expires <= m.created) top.fail("expires", "is not after 'created'");
  m.targets = read_targets(ctx, top.required("targets"));
  m.assets = read_assets(ctx, top.required("assets"));
  m.layouts = read_named<Layout>(ctx, top.required("layouts"), "layouts", false, manifest_json::parse_layout);
  m.playlists =
      read_named<Playlist>(ctx, top.required("playlists"), "playlists", false, manifest_json::parse_playlist);
  m.schedule = parse_schedule(top.required("schedule"), "schedule", subject);
  if (const auto* screen = top.optional("screen")) m.screen = parse_screen_policy(*screen, "screen", subject);
  if (const auto* fonts = top.optional("fonts")) m.fonts = read_fonts(ctx, *fonts);
  top.finish();

  manifest_json::check_references(ctx, m);
  manifest_json::resolve_video_durations(ctx, m);
  return m;
}

Manifest parse_manifest(std::string_view raw, const std::string& subject, const ManifestLimits& limits) {
  JsonLimits json_limits;
  json_limits.max_bytes = limits.max_manifest_bytes;
  json_limits.max_depth = limits.max_depth;
  json_limits.max_string_bytes = limits.max_string_bytes;
  const nlohmann::json document = parse_json(raw, subject, json_limits, Outcome::rejected);
  return parse_manifest_document(document, subject, limits);
}

}  // namespace gatecast::content
