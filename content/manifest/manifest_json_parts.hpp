#pragma once
// Internal to the manifest parser (manifest_json*.cpp): the pieces each file provides to the
// others. Not for use outside those files; the public entry points are in manifest_json.hpp.
#include <string>

#include <nlohmann/json.hpp>

#include "content/manifest/manifest.hpp"
#include "content/manifest/manifest_json.hpp"

namespace gatecast::content::manifest_json {

// What every piece needs: the file named in messages and the limits.
struct Context {
  const std::string& subject;
  const ManifestLimits& limits;
};

// Error(rejected, subject, "<path>: <problem>"), the one shape of every manifest message;
// Reason::schema unless another reason is given.
[[noreturn]] void fail_at(const Context& ctx, const std::string& path, const std::string& problem);
[[noreturn]] void fail_at(const Context& ctx, Reason reason, const std::string& path,
                          const std::string& problem);

// A key of an object that is itself a name (asset, layout, region, playlist).
void check_name(const Context& ctx, const std::string& path, const std::string& name);

[[nodiscard]] Color read_color(const Context& ctx, const nlohmann::json& value, const std::string& path);
// [x, y, w, h]: integers, x, y >= 0, w, h > 0 (placement in a canvas is checked by the caller).
[[nodiscard]] Rect read_rect(const Context& ctx, const nlohmann::json& value, const std::string& path);

// manifest_json_items.cpp
[[nodiscard]] Layout parse_layout(const Context& ctx, const nlohmann::json& value, const std::string& path);
[[nodiscard]] Playlist parse_playlist(const Context& ctx, const nlohmann::json& value,
                                      const std::string& path);
// An optional `title` of a slide or an asset: language -> one line of at most max_title_bytes.
[[nodiscard]] Title read_title(const Context& ctx, const nlohmann::json& value, const std::string& path);
[[nodiscard]] Item parse_item(const Context& ctx, const nlohmann::json& value, const std::string& path);

// manifest_json_refs.cpp: every name one part of the manifest uses must exist in another,
// and overlays must sit inside their playlist's canvas.
void check_references(const Context& ctx, const Manifest& manifest);
// Then each slide whose duration is "video" takes the length of its longest non-looping video.
void resolve_video_durations(const Context& ctx, Manifest& manifest);

}  // namespace gatecast::content::manifest_json
