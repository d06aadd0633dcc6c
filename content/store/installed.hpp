#pragma once
// What the player, `render`, `schedule` and `status` read: the active package of a channel
// in the store (docs/store.md). Reading never changes what is active.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "content/config/config.hpp"
#include "content/manifest/manifest.hpp"
#include "scheduler/time.hpp"

namespace gatecast::content {

struct InstalledPackage {
  Manifest manifest;
  std::int64_t version = 0;
  Instant installed_at;
  std::filesystem::path blob_dir;
  // blob_dir / the asset's sha256. Throws Error(runtime) when the manifest has no such asset.
  [[nodiscard]] std::filesystem::path asset_path(const std::string& asset_name) const;
};

// The active package of `channel` in config.data_dir, re-checked on load (manifest parses,
// every blob present with the right size); nullopt when nothing is installed. When the active
// version is damaged (a blob lost or truncated on disk) the previous kept version is returned
// if it is whole. Repairs a version record left behind the active version by a power cut.
// Throws Error(runtime) when the store is unreadable. Any thread; the blobs it names stay on
// disk until the install after next (two versions are kept).
[[nodiscard]] std::optional<InstalledPackage> load_installed(const Config& config,
                                                             const std::string& channel);

// What is wrong with the active version of `channel` ("version 3: <blob>: blob of asset gate is
// missing or has the wrong size in the store"), or empty when it is whole or nothing is
// installed. The check load_installed makes, without the fallback: every blob present as a
// regular file of its size. Sizes, not hashes: blobs are hashed before they enter the store
// and never rewritten, so a poll every 30 s need not read every byte (first_damaged_asset and
// `gatecast verify` do that). Throws Error(runtime) when `current` cannot be read.
[[nodiscard]] std::string active_version_damage(const Config& config, const std::string& channel);

// Re-hashes every blob of `package` (slow: reads every byte). Returns the name of the first
// asset whose blob is missing or does not match, or an empty string when all match.
[[nodiscard]] std::string first_damaged_asset(const InstalledPackage& package);

}  // namespace gatecast::content
