#include "content/publish/tree_check.hpp"

#include <fstream>
#include <system_error>

#include "content/base/publish_tree.hpp"
#include "content/base/sha256.hpp"
#include "content/sources/source.hpp"

namespace gatecast::content {

std::string read_file_bounded(const std::filesystem::path& file, std::uint64_t limit) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail_runtime(Reason::io, file.string(), "cannot be opened");
  std::string bytes;
  // One byte more than allowed tells "exactly at the limit" from "over it" without reading on.
  bytes.resize(static_cast<std::size_t>(limit) + 1);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.bad()) fail_runtime(Reason::io, file.string(), "cannot be read");
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (bytes.size() > limit)
    fail_rejected(Reason::limit, file.string(),
                  "is larger than the limit of " + std::to_string(limit) + " bytes");
  return bytes;
}

void check_blob_file(const std::filesystem::path& file, const std::string& asset_name, const Asset& asset) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(status)) {
    fail_rejected(Reason::not_found, file.string(), "blob of asset '" + asset_name + "' is missing");
  }
  if (!std::filesystem::is_regular_file(status)) {
    fail_rejected(Reason::schema, file.string(), "blob of asset '" + asset_name + "' is not a regular file");
  }
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) fail_runtime(Reason::io, file.string(), "cannot read the size: " + ec.message());
  if (size != asset.size) {
    fail_rejected(Reason::hash, file.string(),
                  "blob of asset '" + asset_name + "' is " + std::to_string(size) +
                      " bytes, the manifest says " + std::to_string(asset.size));
  }
  const std::string hash = sha256_file_hex(file);
  if (hash != asset.sha256) {
    fail_rejected(
        Reason::hash, file.string(),
        "blob of asset '" + asset_name + "' has SHA-256 " + hash + ", the manifest says " + asset.sha256);
  }
}

namespace {

// Both are checked before any file of the tree is read, so a wrong --root or --channel is named
// as such rather than as a missing manifest.
void require_tree_and_channel(const std::filesystem::path& root, const std::string& channel) {
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec))
    fail_runtime(Reason::not_found, root.string(), "is not a folder (no such publish tree)");
  check_channel_name(channel, "--channel", Outcome::usage);
}

void check_blob_files(const std::filesystem::path& root, const Manifest& manifest) {
  for (const auto& [name, asset] : manifest.assets)
    check_blob_file(blob_path(root, asset.sha256), name, asset);
}

// The channel's manifest and manifest.json.minisig, bounded; a missing one is a refusal.
FetchedManifest read_channel(const std::filesystem::path& root, const std::string& channel,
                             const ManifestLimits& limits) {
  require_tree_and_channel(root, channel);
  std::error_code ec;
  const auto manifest_file = manifest_path(root, channel);
  const auto signature_file = signature_path(root, channel);
  if (!std::filesystem::exists(manifest_file, ec)) {
    fail_rejected(Reason::not_found, manifest_file.string(),
                  "is missing (no channel '" + channel + "' in this tree)");
  }
  if (!std::filesystem::exists(signature_file, ec)) {
    fail_rejected(Reason::signature, signature_file.string(), "is missing (the manifest is not signed)");
  }
  FetchedManifest fetched;
  fetched.manifest = read_file_bounded(manifest_file, limits.max_manifest_bytes);
  fetched.signature = read_file_bounded(signature_file, limits.max_signature_bytes);
  return fetched;
}

}  // namespace

VerifiedTree verify_publish_tree_with_keys(const std::filesystem::path& root, const std::string& channel,
                                           const std::vector<PublicKey>& roots, Instant now,
                                           const std::optional<std::string>& screen_id,
                                           const ManifestLimits& limits) {
  require_tree_and_channel(root, channel);
  const std::unique_ptr<Source> source = open_folder_source(root);
  VerifiedTree tree;
  tree.key_set = key_set_from_config(roots);
  if (const std::optional<std::string> raw = source->fetch_file(key_set_relpath(), max_key_set_bytes)) {
    const SignatureLookup lookup = [&](const std::string& id) -> std::optional<SignatureFile> {
      std::optional<std::string> text = source->fetch_file(key_set_signature_relpath(id), 4096);
      if (!text) return std::nullopt;
      return SignatureFile{key_set_signature_path(root, id).string(), std::move(*text)};
    };
    tree.key_set =
        decide_key_set(tree.key_set, std::nullopt, *raw, lookup, now, key_set_path(root).string()).set;
    tree.key_set_in_tree = true;
  }
  const auto manifest_file = manifest_path(root, channel);
  const FetchedManifest fetched = read_channel(root, channel, limits);
  std::vector<SignatureFile> further;
  std::error_code ec;
  for (const PublicKey& key : tree.key_set.keys_with(KeyRole::approver)) {
    const std::string id = key_id_hex(key.key_id);
    const auto file = approval_path(root, channel, id);
    if (std::filesystem::exists(file, ec))
      further.push_back({file.string(), read_file_bounded(file, limits.max_signature_bytes)});
  }
  tree.threshold = tree.key_set.threshold_for(channel);
  const ApprovalPolicy policy{tree.key_set.keys_with(KeyRole::approver), tree.threshold};
  tree.manifest = verify_approved_manifest(fetched, further, channel, policy, now, screen_id,
                                           manifest_file.string(), limits);
  check_blob_files(root, tree.manifest.manifest);
  return tree;
}

VerifiedManifest verify_publish_tree(const std::filesystem::path& root, const std::string& channel,
                                     const std::vector<PublicKey>& trusted, Instant now,
                                     const std::optional<std::string>& screen_id,
                                     const ManifestLimits& limits) {
  const auto manifest_file = manifest_path(root, channel);
  const FetchedManifest fetched = read_channel(root, channel, limits);
  VerifiedManifest verified =
      verify_manifest(fetched, channel, trusted, now, screen_id, manifest_file.string(), limits);
  check_blob_files(root, verified.manifest);
  return verified;
}

}  // namespace gatecast::content
