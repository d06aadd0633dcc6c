#pragma once
// Where the data gatecast ships besides its binary (the pinned fonts, the example sites) is
// found at run time, so that one binary works both installed and from a build tree:
//   1. installed: <prefix>/share/gatecast/<what>, <prefix> being the folder above the running
//      binary's bin/ (/usr/bin/gatecast reads /usr/share/gatecast/fonts; a copy under
//      /opt/gatecast/bin finds /opt/gatecast/share/gatecast);
//   2. a build tree: <what> in the checkout the binary was built from.
// Nothing of the checkout is needed once installed: the package's binary finds its own prefix.
#include <filesystem>
#include <optional>

namespace gatecast::player {

// The installed data folder (<prefix>/share/gatecast) when the running binary sits in an
// installed layout, nullopt for a binary run from its build tree.
[[nodiscard]] std::optional<std::filesystem::path> installed_data_dir();

// Where the bundled fonts are: $GATECAST_FONT_DIR when set (tests, a site's own fonts), else
// the installed data folder's fonts/, else the checkout's fonts/.
[[nodiscard]] std::filesystem::path bundled_font_dir();

// Where the example sites of `gatecast play --example` are (installed, else the checkout's).
[[nodiscard]] std::filesystem::path bundled_examples_dir();

}  // namespace gatecast::player
