#pragma once
// Golden-image comparison for player tests. A golden lives in tests/golden/<name>.png; the
// picture a test made is always written to golden-actual/<name>.png under the working directory
// (the build's tests folder under ctest) for inspection. GATECAST_UPDATE_GOLDEN=1 rewrites the
// golden instead of comparing: look at the result before committing it.
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace gatecast::test {

struct GoldenResult {
  bool ok = false;
  long differing = 0;  // pixels whose colour differs by more than the tolerance
  std::string message;
};

// The pixel as premultiplied ARGB, so that fully transparent pixels compare equal whatever
// colour they carry.
inline void premultiplied(const SDL_Surface* s, int x, int y, int out[4]) {
  std::uint32_t p =
      reinterpret_cast<const std::uint32_t*>(static_cast<const std::uint8_t*>(s->pixels) + y * s->pitch)[x];
  int a = static_cast<int>(p >> 24);
  out[0] = a;
  for (int c = 0; c < 3; ++c) out[c + 1] = static_cast<int>((p >> (16 - 8 * c)) & 0xFF) * a / 255;
}

// What a comparison is for: the picture the golden holds, or a counter-example that must differ
// from it (which never rewrites the golden, and is saved under its own name).
enum class GoldenUse { expected, counter_example };

// Compares `actual` with tests/golden/<name>.png: equal sizes, and at most `max_differing`
// pixels with a channel more than `tolerance` apart.
inline GoldenResult compare_golden(SDL_Surface* actual, const std::string& name, int tolerance = 16,
                                   long max_differing = 0, GoldenUse use = GoldenUse::expected) {
  namespace fs = std::filesystem;
  GoldenResult r;
  SDL_Surface* a = SDL_ConvertSurfaceFormat(actual, SDL_PIXELFORMAT_ARGB8888, 0);
  fs::create_directories("golden-actual");
  const std::string saved_as = use == GoldenUse::expected ? name : name + "-counter-example";
  std::string actual_path = (fs::absolute("golden-actual") / (saved_as + ".png")).string();
  IMG_SavePNG(a, actual_path.c_str());
  std::string golden_path = std::string(GATECAST_TEST_DATA) + "/golden/" + name + ".png";
  const char* update = std::getenv("GATECAST_UPDATE_GOLDEN");
  if (use == GoldenUse::expected && update && std::string(update) == "1") {
    IMG_SavePNG(a, golden_path.c_str());
    SDL_FreeSurface(a);
    r.ok = true;
    r.message = "golden written: " + golden_path;
    return r;
  }
  SDL_Surface* loaded = IMG_Load(golden_path.c_str());
  if (!loaded) {
    SDL_FreeSurface(a);
    r.message = "no golden " + golden_path + " (actual: " + actual_path + ")";
    return r;
  }
  SDL_Surface* g = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
  SDL_FreeSurface(loaded);
  if (g->w != a->w || g->h != a->h) {
    r.message = "size " + std::to_string(a->w) + "x" + std::to_string(a->h) + " differs from golden " +
                std::to_string(g->w) + "x" + std::to_string(g->h) + " (actual: " + actual_path + ")";
  } else {
    for (int y = 0; y < a->h; ++y) {
      for (int x = 0; x < a->w; ++x) {
        int pa[4], pg[4];
        premultiplied(a, x, y, pa);
        premultiplied(g, x, y, pg);
        for (int c = 0; c < 4; ++c) {
          if (std::abs(pa[c] - pg[c]) > tolerance) {
            ++r.differing;
            break;
          }
        }
      }
    }
    r.ok = r.differing <= max_differing;
    r.message =
        std::to_string(r.differing) + " pixels differ from " + golden_path + " (actual: " + actual_path + ")";
  }
  SDL_FreeSurface(g);
  SDL_FreeSurface(a);
  return r;
}

}  // namespace gatecast::test
