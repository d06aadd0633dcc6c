#include "player/images/image_probe.hpp"

#include <array>
#include <fstream>
#include <functional>

#include "content/base/error.hpp"

namespace gatecast::player {
namespace {

// Reads `n` bytes at `offset` into `out`; false when the input ends first. Lets one parser
// walk an in-memory buffer or a file (where JPEG segments are skipped with seeks).
using ReadAt = std::function<bool(std::uint64_t offset, std::size_t n, unsigned char* out)>;

std::uint32_t be16(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 8) | p[1];
}
std::uint32_t be32(const unsigned char* p) {
  return (be16(p) << 16) | be16(p + 2);
}
std::uint32_t le16(const unsigned char* p) {
  return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8);
}
std::uint32_t le24(const unsigned char* p) {
  return le16(p) | (std::uint32_t{p[2]} << 16);
}

std::optional<ImageHeader> fail(std::string& problem, std::string text) {
  problem = std::move(text);
  return std::nullopt;
}

// Dimensions as int, refusing zero and anything beyond what an int (and any decoder) holds.
std::optional<ImageHeader> dims(content::AssetType format, std::uint64_t w, std::uint64_t h,
                                std::string& problem) {
  if (w == 0 || h == 0) return fail(problem, "the image header gives a zero width or height");
  if (w > 1'000'000'000 || h > 1'000'000'000)
    return fail(problem, "the image header gives absurd dimensions");
  return ImageHeader{format, static_cast<int>(w), static_cast<int>(h)};
}

std::optional<ImageHeader> probe_png(const ReadAt& read, std::string& problem) {
  // 8-byte signature, then the first chunk must be IHDR: length 13, "IHDR", width, height.
  std::array<unsigned char, 24> b{};
  if (!read(0, b.size(), b.data())) return fail(problem, "the PNG file is truncated before its header");
  if (be32(b.data() + 8) != 13 ||
      std::string_view(reinterpret_cast<const char*>(b.data() + 12), 4) != "IHDR") {
    return fail(problem, "the PNG file does not start with an IHDR chunk");
  }
  const std::uint32_t w = be32(b.data() + 16), h = be32(b.data() + 20);
  if (w > 0x7fffffffu || h > 0x7fffffffu) return fail(problem, "the PNG header gives absurd dimensions");
  return dims(content::AssetType::png, w, h, problem);
}

bool is_jpeg_frame_marker(unsigned m) {
  // SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
  return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

std::optional<ImageHeader> probe_jpeg(const ReadAt& read, std::string& problem) {
  std::uint64_t at = 2;  // after SOI (FF D8)
  // A hostile file may hold endless tiny segments; real files reach SOF within a few dozen.
  for (int segments = 0; segments < 65536; ++segments) {
    unsigned char m[2];
    if (!read(at, 2, m)) return fail(problem, "the JPEG file ends before its frame header");
    if (m[0] != 0xFF) return fail(problem, "the JPEG file has a broken segment marker");
    if (m[1] == 0xFF) {  // fill byte before a marker
      ++at;
      continue;
    }
    const unsigned marker = m[1];
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // markers without a length
      at += 2;
      continue;
    }
    if (marker == 0xD9 || marker == 0xDA || marker == 0xD8) {
      return fail(problem, "the JPEG file has no frame header before its image data");
    }
    unsigned char len[2];
    if (!read(at + 2, 2, len)) return fail(problem, "the JPEG file ends inside a segment header");
    const std::uint32_t length = be16(len);
    if (length < 2) return fail(problem, "the JPEG file has a segment with an impossible length");
    if (is_jpeg_frame_marker(marker)) {
      unsigned char sof[5];  // precision, height, width
      if (length < 7 || !read(at + 4, 5, sof)) return fail(problem, "the JPEG frame header is truncated");
      return dims(content::AssetType::jpeg, be16(sof + 3), be16(sof + 1), problem);
    }
    at += 2 + length;
  }
  return fail(problem, "the JPEG file has too many segments before its frame header");
}

std::optional<ImageHeader> probe_webp(const ReadAt& read, std::string& problem) {
  // RIFF <size> WEBP, then the first chunk: "VP8 " (lossy), "VP8L" (lossless) or "VP8X"
  // (extended; gives the canvas size).
  std::array<unsigned char, 30> b{};
  if (!read(0, b.size(), b.data())) return fail(problem, "the WebP file is truncated before its header");
  const std::string_view chunk(reinterpret_cast<const char*>(b.data() + 12), 4);
  const unsigned char* d = b.data() + 20;
  if (chunk == "VP8 ") {
    if (d[3] != 0x9d || d[4] != 0x01 || d[5] != 0x2a)
      return fail(problem, "the WebP VP8 frame has a bad start code");
    return dims(content::AssetType::webp, le16(d + 6) & 0x3fff, le16(d + 8) & 0x3fff, problem);
  }
  if (chunk == "VP8L") {
    if (d[0] != 0x2f) return fail(problem, "the WebP lossless stream has a bad signature");
    const std::uint32_t bits = le16(d + 1) | (std::uint32_t{d[3]} << 16) | (std::uint32_t{d[4]} << 24);
    return dims(content::AssetType::webp, (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1, problem);
  }
  if (chunk == "VP8X") {
    return dims(content::AssetType::webp, le24(d + 4) + 1, le24(d + 7) + 1, problem);
  }
  return fail(problem, "the WebP file has an unknown first chunk");
}

std::optional<ImageHeader> probe(const ReadAt& read, std::string& problem) {
  unsigned char sig[12];
  if (!read(0, 3, sig)) return fail(problem, "the file is too short to be an image");
  if (sig[0] == 0xFF && sig[1] == 0xD8 && sig[2] == 0xFF) return probe_jpeg(read, problem);
  if (read(0, 8, sig) && std::string_view(reinterpret_cast<const char*>(sig), 8) == "\x89PNG\r\n\x1a\n") {
    return probe_png(read, problem);
  }
  if (read(0, 12, sig) && std::string_view(reinterpret_cast<const char*>(sig), 4) == "RIFF" &&
      std::string_view(reinterpret_cast<const char*>(sig + 8), 4) == "WEBP") {
    return probe_webp(read, problem);
  }
  return fail(problem, "the file is not a PNG, JPEG or WebP image");
}

}  // namespace

std::optional<ImageHeader> probe_image(std::string_view bytes, std::string& problem) {
  return probe(
      [bytes](std::uint64_t offset, std::size_t n, unsigned char* out) {
        if (offset > bytes.size() || bytes.size() - offset < n) return false;
        for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<unsigned char>(bytes[offset + i]);
        return true;
      },
      problem);
}

std::optional<ImageHeader> probe_image_file(const std::filesystem::path& file, std::string& problem) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail_runtime(Reason::io, file.string(), "cannot open the image");
  return probe(
      [&in](std::uint64_t offset, std::size_t n, unsigned char* out) {
        in.clear();
        in.seekg(static_cast<std::streamoff>(offset));
        in.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(n));
        return in.gcount() == static_cast<std::streamsize>(n);
      },
      problem);
}

std::string check_image_limits(const ImageHeader& header, const ImageLimits& limits) {
  const std::string size = std::to_string(header.width) + " x " + std::to_string(header.height) + " pixels";
  if (header.width > limits.max_side || header.height > limits.max_side) {
    return size + " is larger than the limit of " + std::to_string(limits.max_side) + " x " +
           std::to_string(limits.max_side);
  }
  const std::uint64_t pixels = std::uint64_t(header.width) * std::uint64_t(header.height);
  if (pixels > limits.max_pixels) {
    return size + " is more than the limit of " + std::to_string(limits.max_pixels / 1'000'000) +
           " megapixels";
  }
  return {};
}

}  // namespace gatecast::player
