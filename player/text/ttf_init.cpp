#include "player/text/ttf_init.hpp"

#include <SDL2/SDL_ttf.h>

#include <mutex>
#include <string>

#include "content/base/error.hpp"

namespace gatecast::player::text {

void ensure_ttf() {
  static std::once_flag once;
  static std::string failure;
  std::call_once(once, [] {
    if (TTF_Init() != 0) failure = TTF_GetError();
  });
  if (!failure.empty()) fail_runtime(Reason::display, "SDL_ttf", "cannot be initialised: " + failure);
}

}  // namespace gatecast::player::text
