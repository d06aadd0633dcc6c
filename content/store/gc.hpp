#pragma once
// Garbage collection of the store: per channel, keep the active version and the one before it
// (the player may still be showing it while it swaps at a slide boundary); remove other version
// folders, unfinished temporary folders, and every blob no kept version of any channel uses.
// Also clears staging folders of other manifests. Runs under the store's lock.
#include <cstddef>
#include <cstdint>
#include <string>

#include "content/store/layout.hpp"

namespace gatecast::content {

inline constexpr std::size_t kept_versions_per_channel = 2;

struct GcResult {
  std::size_t versions_removed = 0;
  std::size_t blobs_removed = 0;
  std::uint64_t bytes_freed = 0;
};

// Removes what no kept version needs. When a kept version's blob list cannot be read, no
// blob is removed (better a full disk than a missing image). Throws Error(runtime) only when
// the store cannot be listed; single removals that fail are skipped.
GcResult collect_garbage(const StoreLayout& layout);

// Removes staging folders other than the one of `keep_manifest_sha256` (empty = remove all):
// leftovers of installs that were refused or replaced by a newer manifest.
void clean_staging(const StoreLayout& layout, const std::string& keep_manifest_sha256);

}  // namespace gatecast::content
