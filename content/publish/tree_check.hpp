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

// What `gatecast verify` checks with key sets: the tree's keys/keys.json (when present)
// accepted from `roots` as a screen holding only them would (decide_key_set), then the
// channel's manifest with its further approvals against that key set's approvers and the
// channel's threshold (verify_approved_manifest), then every blob.
struct VerifiedTree {
  VerifiedManifest manifest;
  KeySet key_set;  // the tree's, or key_set_from_config(roots) without one
  bool key_set_in_tree = false;
  int threshold = 1;
};
[[nodiscard]] VerifiedTree verify_publish_tree_with_keys(const std::filesystem::path& root,
                                                         const std::string& channel,
                                                         const std::vector<PublicKey>& roots, Instant now,
                                                         const std::optional<std::string>& screen_id,
                                                         const ManifestLimits& limits = {});

}  // namespace gatecast::content
