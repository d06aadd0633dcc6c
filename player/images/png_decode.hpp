#pragma once
// PNG straight into ARGB8888 with libpng's simplified API. SDL_image's PNG path lets libpng
// print its own unprefixed "libpng error: ..." line on stderr for a damaged file, which breaks
// the one-line-per-problem contract of `pack` and the player; the simplified API keeps every
// error and warning in its struct, and the caller says it once, naming the file.
#include <string>
#include <string_view>

#include "player/surface/sdl_ptr.hpp"

namespace gatecast::player {

struct PngDecode {
  SharedSurface surface;  // ARGB8888, not premultiplied
  std::string problem;    // libpng's message when there is no surface
  bool opaque = false;    // the file has no alpha channel and no transparent colour
};

// Decodes the PNG in `bytes` (the whole file). Gamma and colour type are converted to 8-bit
// sRGB with alpha, as a browser would show it. A truncated or corrupt file is a problem;
// warnings are not (SDL_image ignored them too). Never throws, never writes to stderr; any
// thread.
[[nodiscard]] PngDecode decode_png_argb(std::string_view bytes);

}  // namespace gatecast::player
