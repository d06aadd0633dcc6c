#pragma once
// Checking a whole publish tree in a folder, as `gatecast verify` does: the channel's signed
// manifest (through verify_manifest) and then every blob it names.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "content/manifest/manifest_check.hpp"

namespace gatecast::content {

// Reads at most `limit` bytes of `file`; a longer file is Error(rejected) (never read to the
// end), a missing or unreadable one Error(runtime). Any thread.
[[nodiscard]] std::string read_file_bounded(const std::filesystem::path& file, std::uint64_t limit);

// Checks that `file` exists, has exactly `asset.size` bytes and hashes to `asset.sha256`,
// streaming it. Error(rejected, file, ...) naming the asset otherwise. Any thread.
void check_blob_file(const std::filesystem::path& file, const std::string& asset_name, const Asset& asset);

// Reads channels/<channel>/manifest.json and its .minisig under `root` (bounded), runs
// verify_manifest, then check_blob_file on every asset. A missing root is Error(runtime);
// everything else wrong is Error(rejected). Returns the verified manifest.
[[nodiscard]] VerifiedManifest verify_publish_tree(const std::filesystem::path& root,
                                                   const std::string& channel,
                                                   const std::vector<PublicKey>& trusted, Instant now,
                                                   const std::optional<std::string>& screen_id,
                                                   const ManifestLimits& limits = {});

}  // namespace gatecast::content
