#include "player/images/exif_orientation.hpp"

#include <libexif/exif-data.h>

#include <algorithm>
#include <memory>

#include "player/surface/surface_ops.hpp"

namespace gatecast::player {
namespace {

struct ExifDataFree {
  void operator()(ExifData* d) const { exif_data_unref(d); }
};

// The EXIF block sits in an APP1 segment right after the start of the file (at most 64 KiB);
// libexif walks the segments itself. Handing it only the front of the file keeps a huge JPEG
// from being scanned for a tag that cannot be further in.
constexpr std::size_t kExifSearchBytes = std::size_t{256} << 10;

}  // namespace

int jpeg_exif_orientation(std::string_view jpeg) {
  const std::size_t size = std::min(jpeg.size(), kExifSearchBytes);
  if (size < 4) return 1;
  std::unique_ptr<ExifData, ExifDataFree> data(
      exif_data_new_from_data(reinterpret_cast<const unsigned char*>(jpeg.data()), unsigned(size)));
  if (!data) return 1;
  ExifEntry* entry = exif_content_get_entry(data->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
  if (!entry || entry->format != EXIF_FORMAT_SHORT || entry->components < 1 || !entry->data ||
      entry->size < 2) {
    return 1;
  }
  const int value = exif_get_short(entry->data, exif_data_get_byte_order(data.get()));
  return value >= 1 && value <= 8 ? value : 1;
}

SurfacePtr apply_exif_orientation(SDL_Surface* src, int orientation) {
  const int w = src->w, h = src->h;
  const bool swap = orientation_swaps_sides(orientation);
  SurfacePtr dst = make_argb_surface(swap ? h : w, swap ? w : h);
  if (!dst) return nullptr;
  const int out_w = dst->w, out_h = dst->h;
  for (int y = 0; y < out_h; ++y) {
    auto* out = pixel_row(dst.get(), y);
    for (int x = 0; x < out_w; ++x) {
      // The stored pixel that shows at (x, y) once the picture is upright (EXIF 2.32, 4.6.4,
      // "Orientation": row 0 / column 0 of the stored picture for each value).
      int sx = x, sy = y;
      switch (orientation) {
        case 2:
          sx = w - 1 - x;
          break;
        case 3:
          sx = w - 1 - x, sy = h - 1 - y;
          break;
        case 4:
          sy = h - 1 - y;
          break;
        case 5:
          sx = y, sy = x;
          break;
        case 6:
          sx = y, sy = h - 1 - x;
          break;
        case 7:
          sx = w - 1 - y, sy = h - 1 - x;
          break;
        case 8:
          sx = w - 1 - y, sy = x;
          break;
        default:
          break;
      }
      out[x] = pixel_row(src, sy)[sx];
    }
  }
  return dst;
}

}  // namespace gatecast::player
