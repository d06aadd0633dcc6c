#pragma once
// JPEG straight into ARGB8888 with libjpeg-turbo, at the smallest DCT scale (1/1, 1/2, 1/4,
// 1/8) that still covers the size it is shown at. SDL_image would decode to RGB24 at full
// size and leave a conversion and a box-filter pass to us: for a 1080p picture on a 1080p
// screen that is two screen-sized buffers and two passes more per slide, and for a 24 MP
// camera photo in a 1080p region sixteen times the pixels.
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "player/surface/sdl_ptr.hpp"

namespace gatecast::player {

// The DCT scale denominator (1, 2, 4 or 8) for a `width` x `height` JPEG whose decoded pixels
// must stay at least `min_width` x `min_height` (either may be 0: no need on that side).
[[nodiscard]] int jpeg_scale_denominator(int width, int height, int min_width, int min_height);

struct JpegDecode {
  SharedSurface surface;  // ARGB8888, alpha 255
  std::string problem;    // libjpeg's message when there is no surface
  bool cmyk = false;      // no surface because the picture is CMYK, which has no RGB form here
};

// What one picture may cost. A progressive JPEG is a sequence of scans that each refine the
// whole picture, so a small file that repeats a scan hundreds of times costs minutes of CPU
// at 40 megapixels; a normal one has about ten. Past any bound the decode stops with a
// problem, so `pack` refuses the file and the screen skips it instead of freezing.
struct JpegBudget {
  int max_scans = 100;
  double max_cpu_seconds = 5.0;                // of the decoding thread; 40 MP of baseline JPEG takes ~0.4 s
  const std::atomic<bool>* abandon = nullptr;  // when given and true, the decode stops at once
  // Of the picture as libjpeg reads its header, checked before anything is allocated for it:
  // the caller's own header check (image_probe) may have read another SOF than libjpeg does.
  std::uint64_t max_pixels = 40'000'000;  // docs/manifest.md, "Limits"
};

// Decodes the JPEG in `bytes` at 1/`denominator` of its size. Damage that libjpeg only warns
// about (a cut-off file, a scan that refines what was already refined) is a problem like any
// error: a package is checked whole at `pack`, so damage on the screen means a bad file, and
// a warning is how a hostile progression first shows. `reuse`, when given, is an ARGB8888
// surface nobody else holds: if it has the decoded size the pixels go into it (no
// allocation, no fresh pages to fault in), and it is the result. Never throws; any thread.
[[nodiscard]] JpegDecode decode_jpeg_argb(std::string_view bytes, int denominator, SharedSurface reuse = {},
                                          const JpegBudget& budget = {});

}  // namespace gatecast::player
