#pragma once
// What `render` and `preview` share at their edges: reading a --size and writing a PNG.
#include <SDL2/SDL.h>

#include <filesystem>
#include <string>
#include <utility>

namespace gatecast::player {

inline constexpr int max_picture_side = 16384;

// "1920x1080" -> {1920, 1080}. Each side 1..16384; anything else is Error(usage) naming
// `subject` ("--size").
[[nodiscard]] std::pair<int, int> parse_picture_size(const std::string& text, const std::string& subject);

// Writes `surface` as a PNG to `file`, through a temporary name in the same folder and a
// rename, so that a reader never sees half a picture. Error(runtime) naming the file when it
// cannot be written.
void save_png(SDL_Surface* surface, const std::filesystem::path& file);

}  // namespace gatecast::player
