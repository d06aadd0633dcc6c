#pragma once
// Owning handles for SDL objects, so that every early return frees what it made.
#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

#include <memory>

namespace gatecast::player {

struct SurfaceDeleter {
  void operator()(SDL_Surface* s) const noexcept { SDL_FreeSurface(s); }
};
struct FontDeleter {
  void operator()(TTF_Font* f) const noexcept { TTF_CloseFont(f); }
};

using SurfacePtr = std::unique_ptr<SDL_Surface, SurfaceDeleter>;
using SharedSurface = std::shared_ptr<SDL_Surface>;  // for caches handing out the same pixels
using FontPtr = std::unique_ptr<TTF_Font, FontDeleter>;

inline SharedSurface share(SurfacePtr s) {
  return SharedSurface(s.release(), SurfaceDeleter{});
}

}  // namespace gatecast::player
