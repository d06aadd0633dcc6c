#include "content/manifest/media_type.hpp"

#include <fstream>

#include "content/base/error.hpp"

namespace gatecast::content {

std::optional<AssetType> detect_media_type(std::string_view b) {
  const auto starts = [&](std::string_view magic, std::size_t at = 0) {
    return b.size() >= at + magic.size() && b.substr(at, magic.size()) == magic;
  };
  using namespace std::string_view_literals;
  if (starts("\x89PNG\r\n\x1a\n"sv)) return AssetType::png;
  if (starts("\xff\xd8\xff"sv)) return AssetType::jpeg;
  if (starts("RIFF"sv) && starts("WEBP"sv, 8)) return AssetType::webp;
  if (starts("\x00\x01\x00\x00"sv) || starts("true"sv)) return AssetType::font_ttf;
  if (starts("OTTO"sv)) return AssetType::font_otf;
  if (starts("ftyp"sv, 4)) return AssetType::mp4;
  if (starts("\x1a\x45\xdf\xa3"sv)) {
    // The DocType element (42 82, a one-byte size, then the name) within the EBML header.
    const std::string_view header = b.substr(4);
    const auto at = header.find("\x42\x82"sv);
    if (at == std::string_view::npos || at + 3 > header.size()) return std::nullopt;
    const std::string_view doctype = header.substr(at + 3);
    if (doctype.substr(0, 4) == "webm"sv) return AssetType::webm;
    if (doctype.substr(0, 8) == "matroska"sv) return AssetType::matroska;
  }
  return std::nullopt;
}

std::optional<AssetType> detect_media_type_of_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail_runtime(Reason::io, file.string(), "cannot be opened");
  char buf[media_type_sniff_bytes];
  in.read(buf, sizeof buf);
  if (in.bad()) fail_runtime(Reason::io, file.string(), "cannot be read");
  return detect_media_type(std::string_view(buf, static_cast<std::size_t>(in.gcount())));
}

std::string_view media_type_name(AssetType type) {
  switch (type) {
    case AssetType::png:
      return "image/png";
    case AssetType::jpeg:
      return "image/jpeg";
    case AssetType::webp:
      return "image/webp";
    case AssetType::font_ttf:
      return "font/ttf";
    case AssetType::font_otf:
      return "font/otf";
    case AssetType::mp4:
      return "video/mp4";
    case AssetType::matroska:
      return "video/x-matroska";
    case AssetType::webm:
      return "video/webm";
  }
  return "application/octet-stream";
}

std::optional<AssetType> parse_media_type_name(std::string_view name) {
  for (const AssetType t : all_asset_types) {
    if (media_type_name(t) == name) return t;
  }
  return std::nullopt;
}

bool extension_fits(AssetType type, const std::filesystem::path& file) {
  std::string ext = file.extension().string();
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  switch (type) {
    case AssetType::png:
      return ext == ".png";
    case AssetType::jpeg:
      return ext == ".jpg" || ext == ".jpeg";
    case AssetType::webp:
      return ext == ".webp";
    case AssetType::font_ttf:
      return ext == ".ttf";
    case AssetType::font_otf:
      return ext == ".otf";
    case AssetType::mp4:
      return ext == ".mp4" || ext == ".m4v";
    case AssetType::matroska:
      return ext == ".mkv";
    case AssetType::webm:
      return ext == ".webm";
  }
  return false;
}

}  // namespace gatecast::content
