#pragma once
// The type of an asset, from its first bytes (never from its name), and the names the
// manifest uses for types ("image/png", ...). Pack refuses a file whose content is none of
// these, or whose extension says something else.
#include <filesystem>
#include <optional>
#include <string_view>

#include "content/manifest/manifest.hpp"

namespace gatecast::content {

// How many leading bytes detect_media_type needs to decide.
// (Matroska's DocType, "webm" or "matroska", sits in its EBML header within the first few
// dozen bytes.)
inline constexpr std::size_t media_type_sniff_bytes = 64;

// PNG, JPEG, WebP (RIFF....WEBP), TrueType (00 01 00 00 or "true"), OpenType ("OTTO"), MP4
// ("ftyp" box at byte 4), Matroska and WebM (EBML magic 1A 45 DF A3, told apart by DocType).
// nullopt when the bytes are none of them. Pure; any thread.
[[nodiscard]] std::optional<AssetType> detect_media_type(std::string_view first_bytes);

// Reads the first bytes of `file`; Error(runtime) when it cannot be read.
[[nodiscard]] std::optional<AssetType> detect_media_type_of_file(const std::filesystem::path& file);

// "image/png", "image/jpeg", "image/webp", "font/ttf", "font/otf", "video/mp4",
// "video/x-matroska", "video/webm".
[[nodiscard]] std::string_view media_type_name(AssetType type);
[[nodiscard]] std::optional<AssetType> parse_media_type_name(std::string_view name);

// Whether a file name's extension (case-insensitive) fits the type: .png; .jpg/.jpeg;
// .webp; .ttf; .otf; .mp4/.m4v; .mkv; .webm. A name without an extension fits nothing.
[[nodiscard]] bool extension_fits(AssetType type, const std::filesystem::path& file);

[[nodiscard]] constexpr bool is_image(AssetType t) {
  return t == AssetType::png || t == AssetType::jpeg || t == AssetType::webp;
}
[[nodiscard]] constexpr bool is_font(AssetType t) {
  return t == AssetType::font_ttf || t == AssetType::font_otf;
}
[[nodiscard]] constexpr bool is_video(AssetType t) {
  return t == AssetType::mp4 || t == AssetType::matroska || t == AssetType::webm;
}

// Every type, in AssetType's order (for names, tests and messages).
inline constexpr AssetType all_asset_types[] = {AssetType::png,      AssetType::jpeg,     AssetType::webp,
                                                AssetType::font_ttf, AssetType::font_otf, AssetType::mp4,
                                                AssetType::matroska, AssetType::webm};

}  // namespace gatecast::content
