#pragma once
// Where things sit in a publish tree (design.md, "Publish tree"), as paths under a folder
// and as relative URL paths under a server root:
//   channels/<channel>/manifest.json, channels/<channel>/manifest.json.minisig, blobs/<sha256>
// Channel names are checked before they become part of a path, so that "../x" can never
// escape the tree.
#include <filesystem>
#include <string>
#include <string_view>

#include "content/base/error.hpp"

namespace gatecast::content {

// [a-z0-9][a-z0-9._-]{0,63}
[[nodiscard]] bool is_valid_channel_name(std::string_view channel);
// Throws Error(kind, Reason::schema, subject, ...) unless is_valid_channel_name(channel).
void check_channel_name(std::string_view channel, const std::string& subject, Outcome kind = Outcome::usage);

// Relative paths with '/' (for URLs and folders alike). `channel` must be valid and `sha256`
// 64 lowercase hex digits; both are checked and a bad one throws Error(rejected).
[[nodiscard]] std::string manifest_relpath(std::string_view channel);   // channels/<c>/manifest.json
[[nodiscard]] std::string signature_relpath(std::string_view channel);  // ...manifest.json.minisig
[[nodiscard]] std::string blob_relpath(std::string_view sha256);        // blobs/<hash>

[[nodiscard]] std::filesystem::path channel_dir(const std::filesystem::path& root, std::string_view channel);
[[nodiscard]] std::filesystem::path manifest_path(const std::filesystem::path& root,
                                                  std::string_view channel);
[[nodiscard]] std::filesystem::path signature_path(const std::filesystem::path& root,
                                                   std::string_view channel);
[[nodiscard]] std::filesystem::path blobs_dir(const std::filesystem::path& root);

// Key sets and further approvals (docs/signing.md). `key_id` is a key id as minisign prints
// it (16 uppercase hex digits), checked; a bad one throws Error(usage).
//   keys/keys.json, keys/keys.json.<KEY ID>.minisig, channels/<c>/manifest.json.<KEY ID>.minisig
[[nodiscard]] bool is_key_id_hex(std::string_view key_id);
[[nodiscard]] std::string key_set_relpath();
[[nodiscard]] std::string key_set_signature_relpath(std::string_view key_id);
[[nodiscard]] std::string approval_relpath(std::string_view channel, std::string_view key_id);
[[nodiscard]] std::filesystem::path key_set_path(const std::filesystem::path& root);
[[nodiscard]] std::filesystem::path key_set_signature_path(const std::filesystem::path& root,
                                                           std::string_view key_id);
[[nodiscard]] std::filesystem::path approval_path(const std::filesystem::path& root, std::string_view channel,
                                                  std::string_view key_id);
[[nodiscard]] std::filesystem::path blob_path(const std::filesystem::path& root, std::string_view sha256);

}  // namespace gatecast::content
