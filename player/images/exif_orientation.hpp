#pragma once
// Phone and camera photos are stored as the sensor saw them and carry an EXIF tag that says how
// to turn them upright; every browser and photo viewer applies it, so a screen that did not
// would show the department's photos on their side. The tag is read with libexif and applied
// once, after decoding and before the picture is fitted to its region.
#include <string_view>

#include "player/surface/sdl_ptr.hpp"

namespace gatecast::player {

// The EXIF orientation (1 to 8, TIFF tag 0x0112) of the JPEG in `jpeg`; 1 (as stored) when the
// file has no EXIF block, no orientation tag, or a value outside 1..8. Never throws; any thread.
[[nodiscard]] int jpeg_exif_orientation(std::string_view jpeg);

// Orientations 5 to 8 turn the picture by a quarter: its shown width is its stored height.
[[nodiscard]] constexpr bool orientation_swaps_sides(int orientation) {
  return orientation >= 5 && orientation <= 8;
}

// `src` (ARGB8888) turned and mirrored as `orientation` asks, in a new surface; null when SDL is
// out of memory. Orientation 1 (or an unknown value) gives a copy.
[[nodiscard]] SurfacePtr apply_exif_orientation(SDL_Surface* src, int orientation);

}  // namespace gatecast::player
