#pragma once
// Reads an image's pixel dimensions from its header, without decoding it, so that a picture
// too large for the limits of docs/manifest.md is refused before a decoder allocates for it.
// Knows the three formats a package may carry: PNG (IHDR), JPEG (the SOFn segment), WebP
// (VP8, VP8L and VP8X chunks).
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "content/manifest/manifest.hpp"

namespace gatecast::player {

struct ImageHeader {
  content::AssetType format = content::AssetType::png;
  int width = 0;
  int height = 0;
};

struct ImageLimits {
  int max_side = 8192;  // docs/manifest.md, "Limits"
  std::uint64_t max_pixels = 40'000'000;
  // When given and it becomes true, a JPEG decode under way stops with a problem (the picture
  // cache going away while its worker decodes).
  const std::atomic<bool>* abandon = nullptr;
};

// The header of an image held in `bytes` (the whole file, or at least its first segments).
// Returns nullopt and sets `problem` (plain words) when the bytes are not a PNG, JPEG or WebP
// this reader understands, or are truncated before the dimensions. Pure; any thread.
[[nodiscard]] std::optional<ImageHeader> probe_image(std::string_view bytes, std::string& problem);

// The same for a file; reads only as much as it needs (JPEG may need to skip segments such
// as EXIF, read one by one). Error(runtime) when the file cannot be opened. Any thread.
[[nodiscard]] std::optional<ImageHeader> probe_image_file(const std::filesystem::path& file,
                                                          std::string& problem);

// Empty when `header` is within `limits`, else the problem in plain words
// ("20000 x 20000 pixels is larger than the limit of 8192 x 8192").
[[nodiscard]] std::string check_image_limits(const ImageHeader& header, const ImageLimits& limits);

}  // namespace gatecast::player
