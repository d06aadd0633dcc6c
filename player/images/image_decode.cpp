#include "player/images/image_decode.hpp"

#include <SDL2/SDL_image.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <mutex>
#include <system_error>

#include "content/base/error.hpp"
#include "player/images/exif_orientation.hpp"
#include "player/images/jpeg_decode.hpp"
#include "player/images/png_decode.hpp"
#include "player/surface/surface_ops.hpp"

namespace gatecast::player {
namespace {

void init_codecs_once() {
  // IMG_Init loads codec libraries lazily and is not safe to race; do it once, up front.
  static std::once_flag once;
  std::call_once(once, [] { IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG | IMG_INIT_WEBP); });
}

// One 2x2 box-filter halving of an ARGB8888 surface (odd last row/column dropped).
SurfacePtr halve(SDL_Surface* src) {
  const int w = src->w / 2, h = src->h / 2;
  SurfacePtr dst = make_argb_surface(w, h);
  if (!dst) return nullptr;
  for (int y = 0; y < h; ++y) {
    const auto* r0 = pixel_row(src, 2 * y);
    const auto* r1 = pixel_row(src, 2 * y + 1);
    auto* out = pixel_row(dst.get(), y);
    for (int x = 0; x < w; ++x) {
      const std::uint32_t p[4] = {r0[2 * x], r0[2 * x + 1], r1[2 * x], r1[2 * x + 1]};
      std::uint32_t v = 0;
      for (int shift = 0; shift < 32; shift += 8) {
        std::uint32_t sum = 2;  // rounds to nearest
        for (std::uint32_t q : p) sum += (q >> shift) & 0xff;
        v |= (sum / 4) << shift;
      }
      out[x] = v;
    }
  }
  return dst;
}

}  // namespace

FitPlacement place_fit(int src_w, int src_h, int width, int height, content::Fit fit) {
  const double sx = double(width) / src_w, sy = double(height) / src_h;
  FitPlacement p;
  p.scale = fit == content::Fit::cover ? std::max(sx, sy) : std::min(sx, sy);
  p.from = SDL_Rect{0, 0, src_w, src_h};
  p.to = SDL_Rect{0, 0, width, height};
  if (fit == content::Fit::cover) {
    p.from.w = std::clamp(int(std::lround(width / p.scale)), 1, src_w);
    p.from.h = std::clamp(int(std::lround(height / p.scale)), 1, src_h);
    p.from.x = (src_w - p.from.w) / 2;
    p.from.y = (src_h - p.from.h) / 2;
  } else {
    p.to.w = std::clamp(int(std::lround(src_w * p.scale)), 1, width);
    p.to.h = std::clamp(int(std::lround(src_h * p.scale)), 1, height);
    p.to.x = (width - p.to.w) / 2;
    p.to.y = (height - p.to.h) / 2;
  }
  return p;
}

SurfacePtr fit_surface(SDL_Surface* src, int width, int height, content::Fit fit) {
  SurfacePtr dst = make_argb_surface(width, height);
  if (!dst) return nullptr;
  SDL_FillRect(dst.get(), nullptr, 0);  // transparent bars for `contain`
  const FitPlacement place = place_fit(src->w, src->h, width, height, fit);
  SDL_Rect from = place.from;
  SDL_Rect to = place.to;
  SurfacePtr halved;
  SDL_Surface* from_surface = src;
  while (from.w >= 2 * to.w && from.h >= 2 * to.h && from.w >= 2 && from.h >= 2) {
    halved = halve(from_surface);
    if (!halved) return nullptr;
    from_surface = halved.get();
    from = SDL_Rect{from.x / 2, from.y / 2, std::max(1, from.w / 2), std::max(1, from.h / 2)};
  }
  if (from.w == to.w && from.h == to.h) {
    SDL_Surface* s_in = from_surface;
    SDL_SetSurfaceBlendMode(s_in, SDL_BLENDMODE_NONE);
    SDL_BlitSurface(s_in, &from, dst.get(), &to);
  } else if (SDL_SoftStretchLinear(from_surface, &from, dst.get(), &to) != 0) {
    return nullptr;
  }
  return dst;
}

namespace {

// The bytes of an image file whose header passed the limits. The cap only guards against a
// file padded far beyond its pixels.
bool read_image_bytes(const std::filesystem::path& file, std::string& bytes, std::string& problem) {
  constexpr std::uintmax_t max_file_bytes = std::uintmax_t{256} << 20;
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  if (ec) {
    problem = "cannot read the file: " + ec.message();
    return false;
  }
  if (size > max_file_bytes) {
    problem = "the file is larger than 256 MiB";
    return false;
  }
  std::ifstream in(file, std::ios::binary);
  bytes.resize(static_cast<std::size_t>(size));
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    problem = "cannot read the file";
    return false;
  }
  return true;
}

// SDL_image for WebP and the JPEGs libjpeg-turbo cannot give as RGB (CMYK).
ImageResult decode_with_sdl_image(const std::filesystem::path& file, const ImageHeader& header) {
  ImageResult result;
  init_codecs_once();
  SurfacePtr decoded(IMG_Load(file.string().c_str()));
  if (!decoded) {
    result.problem = std::string("the image does not decode: ") + IMG_GetError();
    return result;
  }
  if (decoded->w != header.width || decoded->h != header.height) {
    // The header we checked is not what the decoder read: trust neither.
    result.problem = "the decoded size differs from the image header";
    return result;
  }
  const Uint32 format = decoded->format->format;
  const bool opaque = !SDL_ISPIXELFORMAT_ALPHA(format) && !SDL_ISPIXELFORMAT_INDEXED(format) &&
                      !SDL_HasColorKey(decoded.get());
  SurfacePtr argb(SDL_ConvertSurfaceFormat(decoded.get(), SDL_PIXELFORMAT_ARGB8888, 0));
  if (!argb) {
    result.problem = std::string("cannot convert the image: ") + SDL_GetError();
    return result;
  }
  result.surface = share(std::move(argb));
  result.opaque = opaque;
  return result;
}

// libpng (png_decode.hpp), which never prints a line of its own.
ImageResult decode_png(const std::string& bytes, const ImageHeader& header) {
  ImageResult result;
  PngDecode png = decode_png_argb(bytes);
  if (!png.surface) {
    result.problem = "the image does not decode: " + png.problem;
    return result;
  }
  if (png.surface->w != header.width || png.surface->h != header.height) {
    result.problem = "the decoded size differs from the image header";
    return result;
  }
  result.surface = std::move(png.surface);
  result.opaque = png.opaque;
  return result;
}

struct FitNeed {
  int width, height;
  content::Fit fit;
};

// The largest JPEG DCT reduction that keeps at least the pixels the fit shows, so that the
// fit only ever shrinks, as it would from the whole picture. The fit sees the picture upright;
// the decoder sees it as stored.
int fit_denominator(const ImageHeader& header, int orientation, const FitNeed& n) {
  const bool swap = orientation_swaps_sides(orientation);
  const int shown_w = swap ? header.height : header.width, shown_h = swap ? header.width : header.height;
  const double scale = place_fit(shown_w, shown_h, n.width, n.height, n.fit).scale;
  return jpeg_scale_denominator(header.width, header.height, int(std::ceil(header.width * scale)),
                                int(std::ceil(header.height * scale)));
}

// Decodes after the header check; a JPEG shown smaller than `need` (when given) is reduced
// in the DCT.
ImageResult decode_checked(const std::filesystem::path& file, const ImageLimits& limits, const FitNeed* need,
                           SharedSurface reuse) {
  ImageResult result;
  std::string problem;
  std::optional<ImageHeader> header;
  try {
    header = probe_image_file(file, problem);
  } catch (const Error& e) {
    result.problem = e.problem();
    return result;
  }
  if (!header) {
    result.problem = problem;
    return result;
  }
  if (std::string over = check_image_limits(*header, limits); !over.empty()) {
    result.problem = over;
    return result;
  }
  if (header->format != content::AssetType::jpeg && header->format != content::AssetType::png)
    return decode_with_sdl_image(file, *header);
  std::string bytes;
  if (!read_image_bytes(file, bytes, result.problem)) return result;
  if (header->format == content::AssetType::png) return decode_png(bytes, *header);
  const int orientation = jpeg_exif_orientation(bytes);
  const int d = need ? fit_denominator(*header, orientation, *need) : 1;
  JpegBudget budget;
  budget.max_pixels = limits.max_pixels;
  budget.abandon = limits.abandon;
  JpegDecode jpeg = decode_jpeg_argb(bytes, d, std::move(reuse), budget);
  if (jpeg.cmyk) return decode_with_sdl_image(file, *header);
  SharedSurface decoded = std::move(jpeg.surface);
  if (!decoded) {
    result.problem = "the image does not decode: " + jpeg.problem;
    return result;
  }
  if (decoded->w != (header->width + d - 1) / d || decoded->h != (header->height + d - 1) / d) {
    result.problem = "the decoded size differs from the image header";
    return result;
  }
  if (orientation != 1) {
    SurfacePtr upright = apply_exif_orientation(decoded.get(), orientation);
    if (!upright) {
      result.problem = std::string("cannot turn the image upright: ") + SDL_GetError();
      return result;
    }
    decoded = share(std::move(upright));
  }
  result.surface = std::move(decoded);
  result.opaque = true;
  return result;
}

}  // namespace

ImageResult decode_image(const std::filesystem::path& file, const ImageLimits& limits) {
  return decode_checked(file, limits, nullptr, nullptr);
}

ImageResult decode_image_fitted(const std::filesystem::path& file, int width, int height, content::Fit fit,
                                const ImageLimits& limits, SharedSurface reuse) {
  width = std::max(1, width);
  height = std::max(1, height);
  const FitNeed need{width, height, fit};
  ImageResult whole = decode_checked(file, limits, &need, std::move(reuse));
  if (!whole.surface) return whole;
  // A picture already at the size it is shown at is shown as it is: no copy.
  if (whole.surface->w == width && whole.surface->h == height) return whole;
  ImageResult result;
  SurfacePtr fitted = fit_surface(whole.surface.get(), width, height, fit);
  if (!fitted) {
    result.problem = std::string("cannot scale the image: ") + SDL_GetError();
    return result;
  }
  const SDL_Rect to = place_fit(whole.surface->w, whole.surface->h, width, height, fit).to;
  result.opaque = whole.opaque && to.w == width && to.h == height;  // no transparent bars
  result.surface = share(std::move(fitted));
  return result;
}

}  // namespace gatecast::player
