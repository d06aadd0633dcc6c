#include "player/images/png_decode.hpp"

#include <png.h>

#include <cstring>

namespace gatecast::player {

namespace {

// The byte order of ARGB8888 in memory.
constexpr png_uint_32 argb_in_memory = SDL_BYTEORDER == SDL_LIL_ENDIAN ? PNG_FORMAT_BGRA : PNG_FORMAT_ARGB;

}  // namespace

PngDecode decode_png_argb(std::string_view bytes) {
  PngDecode result;
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) {
    result.problem = image.message;
    png_image_free(&image);
    return result;
  }
  result.opaque = (image.format & PNG_FORMAT_FLAG_ALPHA) == 0;
  image.format = argb_in_memory;
  SurfacePtr out(SDL_CreateRGBSurfaceWithFormat(
      0, static_cast<int>(image.width), static_cast<int>(image.height), 32, SDL_PIXELFORMAT_ARGB8888));
  if (!out) {
    png_image_free(&image);
    result.problem =
        "out of memory for " + std::to_string(image.width) + "x" + std::to_string(image.height) + " pixels";
    return result;
  }
  // A warning (an odd colour profile, damage in an optional chunk) leaves a whole picture and
  // is not a problem, as with SDL_image; it is just not printed any more.
  if (!png_image_finish_read(&image, nullptr, out->pixels, out->pitch, nullptr)) {
    result.problem = image.message[0] ? image.message : "damaged data";
    png_image_free(&image);
    return result;
  }
  SDL_SetSurfaceBlendMode(out.get(), SDL_BLENDMODE_BLEND);
  result.surface = share(std::move(out));
  return result;
}

}  // namespace gatecast::player
