// Fuzz target for the JPEG path (player/images/jpeg_decode.cpp and exif_orientation.cpp): the
// bytes a package's picture holds go to libjpeg-turbo at one of its DCT scales, and its EXIF
// block to libexif. A picture or a problem is fine; a crash, a hang, a picture and a problem
// at once, or a picture larger than the file's header allows is a finding. The first byte
// picks the scale, so the corpus reaches all four.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "player/images/exif_orientation.hpp"
#include "player/images/jpeg_decode.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const int denominator = 1 << (data[0] % 4);
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const int orientation = gatecast::player::jpeg_exif_orientation(bytes);
  if (orientation < 1 || orientation > 8) std::abort();
  // A budget small enough for a fuzzer's pace, the same checks as on the screen. A picture
  // larger than a megapixel decodes by the same code as one of 40; bounding it keeps each
  // input's cost in the decoding, not in zeroing hundreds of megabytes.
  gatecast::player::JpegBudget budget;
  budget.max_cpu_seconds = 0.5;
  budget.max_pixels = 1u << 20;
  const gatecast::player::JpegDecode decoded =
      gatecast::player::decode_jpeg_argb(bytes, denominator, {}, budget);
  if (bool(decoded.surface) == !decoded.problem.empty() && !decoded.cmyk) std::abort();
  if (decoded.surface) {
    if (decoded.surface->w <= 0 || decoded.surface->h <= 0 || decoded.surface->w > 65535 / denominator + 1)
      std::abort();
    if (decoded.surface->w * decoded.surface->h <= 4096) {
      gatecast::player::SurfacePtr upright =
          gatecast::player::apply_exif_orientation(decoded.surface.get(), orientation);
      if (!upright) std::abort();
    }
  }
  return 0;
}
