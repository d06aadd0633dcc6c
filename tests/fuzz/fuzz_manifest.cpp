// Fuzz target for the manifest parser (and, on the same bytes, the player config and RFC 3339
// times): a refusal must be a gatecast::Error; a crash, another exception escaping, or an
// accepted manifest that breaks what the renderer relies on is a finding.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "content/base/error.hpp"
#include "content/base/rfc3339.hpp"
#include "content/base/sha256.hpp"
#include "content/config/config_json.hpp"
#include "content/manifest/manifest_json.hpp"

using namespace gatecast::content;

namespace {

// What the player assumes of every manifest parse_manifest accepts.
void check_invariants(const Manifest& m) {
  for (const auto& [name, asset] : m.assets) {
    if (!is_valid_name(name) || !is_sha256_hex(asset.sha256) || asset.size == 0) std::abort();
  }
  for (const auto& [name, layout] : m.layouts) {
    for (const auto& [region_name, region] : layout.regions) {
      const Rect& r = region.rect;
      if (r.x < 0 || r.y < 0 || r.w <= 0 || r.h <= 0 || r.x + r.w > layout.width ||
          r.y + r.h > layout.height) {
        std::abort();
      }
    }
  }
  for (const auto& [name, playlist] : m.playlists) {
    if (playlist.slides.empty()) std::abort();
    for (const Slide& slide : playlist.slides) {
      const auto layout = m.layouts.find(slide.layout);
      if (layout == m.layouts.end() || slide.duration.count() <= 0) std::abort();
      for (const auto& [region, item] : slide.content) {
        if (!layout->second.regions.count(region)) std::abort();
        if (const auto* image = std::get_if<ImageItem>(&item); image && !m.assets.count(image->asset))
          std::abort();
      }
    }
  }
  if (m.expires <= m.created || m.targets.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    check_invariants(parse_manifest(text, "fuzz"));
  } catch (const gatecast::Error&) {
  }
  try {
    (void)parse_config(text, "fuzz.json");
  } catch (const gatecast::Error&) {
  }
  try {
    const gatecast::Instant t = parse_rfc3339(text, "fuzz");
    // What was accepted formats and reads back to the same instant.
    if (parse_rfc3339(format_rfc3339(t, 420), "fuzz") != t) std::abort();
  } catch (const gatecast::Error&) {
  }
  return 0;
}
