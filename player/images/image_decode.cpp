#include "player/images/image_decode.hpp"

#include <SDL2/SDL_image.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>

#include "content/error.hpp"
#include "player/render/surface_ops.hpp"

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

SurfacePtr fit_surface(SDL_Surface* src, int width, int height, content::Fit fit) {
  SurfacePtr dst = make_argb_surface(width, height);
  if (!dst) return nullptr;
  SDL_FillRect(dst.get(), nullptr, 0);  // transparent bars for `contain`
  const double sx = double(width) / src->w, sy = double(height) / src->h;
  const double s = fit == content::Fit::cover ? std::max(sx, sy) : std::min(sx, sy);
  // The part of the source shown, and where it lands.
  SDL_Rect from{0, 0, src->w, src->h};
  SDL_Rect to{0, 0, width, height};
  if (fit == content::Fit::cover) {
    from.w = std::clamp(int(std::lround(width / s)), 1, src->w);
    from.h = std::clamp(int(std::lround(height / s)), 1, src->h);
    from.x = (src->w - from.w) / 2;
    from.y = (src->h - from.h) / 2;
  } else {
    to.w = std::clamp(int(std::lround(src->w * s)), 1, width);
    to.h = std::clamp(int(std::lround(src->h * s)), 1, height);
    to.x = (width - to.w) / 2;
    to.y = (height - to.h) / 2;
  }
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

ImageResult decode_image(const std::filesystem::path& file, const ImageLimits& limits) {
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
  init_codecs_once();
  SurfacePtr decoded(IMG_Load(file.string().c_str()));
  if (!decoded) {
    result.problem = std::string("the image does not decode: ") + IMG_GetError();
    return result;
  }
  if (decoded->w != header->width || decoded->h != header->height) {
    // The header we checked is not what the decoder read: trust neither.
    result.problem = "the decoded size differs from the image header";
    return result;
  }
  SurfacePtr argb(SDL_ConvertSurfaceFormat(decoded.get(), SDL_PIXELFORMAT_ARGB8888, 0));
  if (!argb) {
    result.problem = std::string("cannot convert the image: ") + SDL_GetError();
    return result;
  }
  result.surface = share(std::move(argb));
  return result;
}

ImageResult decode_image_fitted(const std::filesystem::path& file, int width, int height, content::Fit fit,
                                const ImageLimits& limits) {
  ImageResult whole = decode_image(file, limits);
  if (!whole.surface) return whole;
  ImageResult result;
  SurfacePtr fitted = fit_surface(whole.surface.get(), std::max(1, width), std::max(1, height), fit);
  if (!fitted) {
    result.problem = std::string("cannot scale the image: ") + SDL_GetError();
    return result;
  }
  result.surface = share(std::move(fitted));
  return result;
}

}  // namespace gatecast::player
