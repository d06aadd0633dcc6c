#pragma once
// Decoding one image file into the pixels one region shows: the header is checked against the
// limits first (no decoder ever allocates for an oversized picture), then libjpeg-turbo (JPEG,
// already reduced in the DCT when shown much smaller), libpng (PNG) or SDL_image (WebP)
// decodes it, none of them writing to stderr, and it is scaled once to the region's size in output pixels,
// with `cover` (fill, cropping the overflow, centred) or `contain` (fit whole, centred, transparent bars).
#include <filesystem>
#include <string>

#include "content/manifest/manifest.hpp"
#include "player/images/image_probe.hpp"
#include "player/surface/sdl_ptr.hpp"

namespace gatecast::player {

// A decoded picture, or why there is none: exactly one of the two is set.
struct ImageResult {
  SharedSurface surface;  // ARGB8888, exactly the requested size
  std::string problem;    // plain words, for the log line that skips the slide
  bool opaque = false;    // every pixel of `surface` has alpha 255: it may be copied, not blended
};

// Decodes `file` and fits it into `width` x `height` output pixels (both > 0). Never throws
// for bad image data: a missing, truncated, corrupt, oversized or unknown file gives a
// `problem`. `reuse`: a surface nobody else holds, whose pixels a JPEG decoded at exactly this
// size is written into (see decode_jpeg_argb). Safe on any thread (SDL_image's codecs are
// initialised once, process-wide).
[[nodiscard]] ImageResult decode_image_fitted(const std::filesystem::path& file, int width, int height,
                                              content::Fit fit, const ImageLimits& limits = {},
                                              SharedSurface reuse = {});

// Decodes `file` at its own size (ARGB8888) after the same header check; for `pack`'s content
// check, which must know that every image decodes. Same error contract.
[[nodiscard]] ImageResult decode_image(const std::filesystem::path& file, const ImageLimits& limits = {});

// Where a `src_w` x `src_h` picture lands in a `width` x `height` region: the part of the
// source shown (`from`), where it goes (`to`) and the scale between them.
struct FitPlacement {
  SDL_Rect from, to;
  double scale = 1.0;
};
[[nodiscard]] FitPlacement place_fit(int src_w, int src_h, int width, int height, content::Fit fit);

// Scales `src` (ARGB8888) into a new `width` x `height` surface by `fit`. Halves the source
// with a 2x2 box filter while it is more than twice the target, then stretches bilinearly, so
// that a large photo shrinks without shimmering. Returns null when SDL is out of memory.
[[nodiscard]] SurfacePtr fit_surface(SDL_Surface* src, int width, int height, content::Fit fit);

}  // namespace gatecast::player
