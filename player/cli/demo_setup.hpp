#pragma once
// `gatecast play` with no --config: the bundled example, made the way a real screen gets its
// content, so the demo exercises the whole trust chain: a fresh signing key, the example's
// authoring folder packed and signed into a publish tree, a config that trusts only that key,
// and an install from the tree into a fresh store. deploy/demo.sh does the same step by step.
#include <filesystem>
#include <string>

#include "content/config/config.hpp"

namespace gatecast::player {

struct DemoSite {
  content::Config config;
  std::filesystem::path folder;  // holds keys/, publish/, data/ and player.json
};

// Builds the demo under `folder` (created; must be empty or missing) from
// `examples_dir`/`example` at instant `now`. Throws Error: usage when the example does not
// exist, rejected when it does not pack (a broken example), runtime for I/O.
[[nodiscard]] DemoSite prepare_demo_site(const std::filesystem::path& examples_dir,
                                         const std::string& example, const std::filesystem::path& folder,
                                         Instant now);

}  // namespace gatecast::player
