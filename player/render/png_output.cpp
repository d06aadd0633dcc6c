#include "player/render/png_output.hpp"

#include <SDL2/SDL_image.h>
#include <unistd.h>

#include <charconv>
#include <system_error>

#include "content/base/error.hpp"

namespace gatecast::player {
namespace {

bool parse_side(std::string_view text, int& out) {
  if (text.empty() || text.size() > 5) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size() && out >= 1 && out <= max_picture_side;
}

}  // namespace

std::pair<int, int> parse_picture_size(const std::string& text, const std::string& subject) {
  const auto x = text.find('x');
  int w = 0, h = 0;
  if (x == std::string::npos || !parse_side(std::string_view(text).substr(0, x), w) ||
      !parse_side(std::string_view(text).substr(x + 1), h)) {
    fail_usage(subject, "'" + text + "' is not a size WIDTHxHEIGHT with sides from 1 to " +
                            std::to_string(max_picture_side));
  }
  return {w, h};
}

void save_png(SDL_Surface* surface, const std::filesystem::path& file) {
  std::filesystem::path temporary = file;
  temporary += ".tmp-" + std::to_string(::getpid());
  if (IMG_SavePNG(surface, temporary.string().c_str()) != 0) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    fail_runtime(Reason::io, file.string(), std::string("cannot write the PNG: ") + IMG_GetError());
  }
  std::error_code ec;
  std::filesystem::rename(temporary, file, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    fail_runtime(Reason::io, file.string(), "cannot write the PNG: " + ec.message());
  }
}

}  // namespace gatecast::player
