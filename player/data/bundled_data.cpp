#include "player/data/bundled_data.hpp"

#include <cstdlib>
#include <system_error>

// Set by player/CMakeLists.txt: the data folder relative to the binary's folder as installed
// ("../share/gatecast" for the usual bin/ and share/), and the checkout this was built from.
#ifndef GATECAST_DATA_FROM_BINDIR
#define GATECAST_DATA_FROM_BINDIR "../share/gatecast"
#endif
#ifndef GATECAST_CHECKOUT_DIR
#define GATECAST_CHECKOUT_DIR "."
#endif

namespace gatecast::player {

std::optional<std::filesystem::path> installed_data_dir() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec || exe.empty()) return std::nullopt;
  std::filesystem::path data = (exe.parent_path() / GATECAST_DATA_FROM_BINDIR).lexically_normal();
  // The fonts are what every installed layout has; a build tree's player/ folder has none.
  if (!std::filesystem::is_directory(data / "fonts", ec)) return std::nullopt;
  return data;
}

std::filesystem::path bundled_font_dir() {
  const char* env = std::getenv("GATECAST_FONT_DIR");
  if (env && *env) return env;
  if (auto data = installed_data_dir()) return *data / "fonts";
  return std::filesystem::path(GATECAST_CHECKOUT_DIR) / "fonts";
}

std::filesystem::path bundled_examples_dir() {
  if (auto data = installed_data_dir()) return *data / "examples";
  return std::filesystem::path(GATECAST_CHECKOUT_DIR) / "examples";
}

}  // namespace gatecast::player
