#include "player/render/screenshot_jpeg.hpp"

#include <SDL_image.h>

#include <algorithm>

#include "player/surface/sdl_ptr.hpp"

namespace gatecast::player {
namespace {

std::string encode(SDL_Surface* surface, int quality) {
  // SDL has no growing memory stream: encode into a bounded buffer and read back its size.
  std::string buffer(4u << 20, '\0');
  SDL_RWops* out = SDL_RWFromMem(buffer.data(), static_cast<int>(buffer.size()));
  if (!out) return {};
  const bool ok = IMG_SaveJPG_RW(surface, out, 0, quality) == 0;
  const Sint64 used = SDL_RWtell(out);
  SDL_RWclose(out);
  if (!ok || used <= 0) return {};
  buffer.resize(static_cast<std::size_t>(used));
  return buffer;
}

}  // namespace

std::string screenshot_jpeg(SDL_Surface* frame, int max_width, std::size_t max_bytes) {
  if (!frame || frame->w <= 0 || frame->h <= 0) return {};
  for (int width = std::min(max_width, frame->w); width >= 80; width = width * 3 / 4) {
    const int height = std::max(1, static_cast<int>(static_cast<long long>(frame->h) * width / frame->w));
    SurfacePtr small(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_RGB888));
    if (!small) return {};
    SDL_Rect to{0, 0, width, height};
    if (SDL_BlitScaled(frame, nullptr, small.get(), &to) != 0) return {};
    for (int quality : {70, 50, 35}) {
      std::string jpeg = encode(small.get(), quality);
      if (!jpeg.empty() && jpeg.size() <= max_bytes) return jpeg;
    }
  }
  return {};
}

}  // namespace gatecast::player
