#pragma once
// The checks `gatecast pack` can only make with the player's engines: every image decodes
// within the size limits, every character of every text is covered by a font, and every text
// fits its region. Handed to content::pack as its ContentCheck by cmd_pack.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "content/base/error.hpp"
#include "content/manifest/manifest.hpp"

namespace gatecast::player {

// One Error(rejected) per problem, empty when the package is fine. `asset_files` maps asset
// names to their files (the authoring folder's). Images are decoded whole (so a corrupt body
// is caught, not only a bad header); texts are checked in every language the manifest uses,
// stacked together, in the order vi, zh, en, then the rest alphabetically, with the
// manifest's own fallback fonts ahead of the bundled ones. Throws Error(runtime) only when
// the bundled fonts cannot be loaded. Any thread (one call at a time per thread).
[[nodiscard]] std::vector<Error> check_package_content(
    const content::Manifest& manifest, const std::map<std::string, std::filesystem::path>& asset_files);

// Every language code used by a text or ticker in `manifest`, in the order described above.
[[nodiscard]] std::vector<std::string> languages_used(const content::Manifest& manifest);

}  // namespace gatecast::player
