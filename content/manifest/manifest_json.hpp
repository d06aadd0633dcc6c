#pragma once
// The manifest's JSON form (docs/manifest.md) read strictly into content::Manifest. Every
// object refuses unknown keys, every reference must resolve, and every problem throws one
// Error(rejected) naming the file (`subject`) and the JSON path
// ("playlists.day.slides[2].content.title: region 'title' is not in layout 'hero'").
#include <cstdint>
#include <string>
#include <string_view>

#include "content/base/json_reader.hpp"
#include "content/manifest/manifest.hpp"
#include "content/sources/source.hpp"

namespace gatecast::content {

// The limits table of docs/manifest.md. A package over any of them is refused.
struct ManifestLimits {
  // What a source may hand over at most: one place for both bounds (content/sources/source.hpp).
  std::size_t max_manifest_bytes = SourceLimits{}.max_manifest_bytes;
  std::size_t max_signature_bytes = SourceLimits{}.max_signature_bytes;
  int max_depth = 32;
  std::size_t max_string_bytes = 64u << 10;
  std::size_t max_assets = 2000;
  std::uint64_t max_asset_bytes = 256ull << 20;      // pictures and fonts
  std::uint64_t max_video_asset_bytes = 8ull << 30;  // a video (store and sync stream them)
  std::uint64_t max_total_bytes = 32ull << 30;       // a few documentaries and their clips
  int max_video_width = 3840;                        // what the screens' decoders are sized for
  int max_video_height = 2160;
  double max_video_frame_rate = 60;
  int max_image_side = 8192;                    // checked by the player when decoding
  std::uint64_t max_image_pixels = 40'000'000;  // ditto
  std::size_t max_slides_per_playlist = 1000;
  std::size_t max_targets = 1000;
  int max_canvas_side = 16384;
};

// Parses and validates the whole manifest. Throws Error(Outcome::rejected) on the first
// problem. Pure (no I/O); any thread.
[[nodiscard]] Manifest parse_manifest(std::string_view raw, const std::string& subject,
                                      const ManifestLimits& limits = {});

// The same, on an already parsed document (pack builds the document, then validates it here).
[[nodiscard]] Manifest parse_manifest_document(const nlohmann::json& document, const std::string& subject,
                                               const ManifestLimits& limits = {});

// The size bound of one asset of `type`: max_video_asset_bytes for a video, else max_asset_bytes.
[[nodiscard]] std::uint64_t max_asset_bytes_for(AssetType type, const ManifestLimits& limits);

// Names of assets, layouts, regions and playlists: [A-Za-z0-9._-]{1,64}.
[[nodiscard]] bool is_valid_name(std::string_view name);

// Language codes of `text` and `title` objects: 2-3 lowercase letters, then optional `-`
// subtags of 1-8 letters or digits ("vi", "zh", "km", "zh-Hant").
[[nodiscard]] bool is_language_code(std::string_view code);

// "#rrggbb" or "#rrggbbaa" (either case); nullopt otherwise.
[[nodiscard]] std::optional<Color> parse_color(std::string_view text);

}  // namespace gatecast::content
