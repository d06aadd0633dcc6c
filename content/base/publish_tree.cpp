#include "content/base/publish_tree.hpp"

#include "content/base/sha256.hpp"

namespace gatecast::content {

namespace {

std::string checked_channel(std::string_view channel) {
  check_channel_name(channel, "channel", Outcome::rejected);
  return std::string(channel);
}

std::string checked_hash(std::string_view sha256) {
  if (!is_sha256_hex(sha256)) {
    fail_rejected(Reason::schema, "blob",
                  "'" + std::string(sha256.substr(0, 80)) + "' is not 64 lowercase hex digits");
  }
  return std::string(sha256);
}

}  // namespace

bool is_valid_channel_name(std::string_view channel) {
  if (channel.empty() || channel.size() > 64) return false;
  const auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(channel.front())) return false;
  for (const char c : channel) {
    if (!alnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

void check_channel_name(std::string_view channel, const std::string& subject, Outcome kind) {
  if (!is_valid_channel_name(channel)) {
    throw Error(
        kind, Reason::schema, subject,
        "'" + std::string(channel.substr(0, 80)) +
            "' is not a valid channel name (1 to 64 of a-z 0-9 . _ -, starting with a letter or digit)");
  }
}

std::string manifest_relpath(std::string_view channel) {
  return "channels/" + checked_channel(channel) + "/manifest.json";
}

std::string signature_relpath(std::string_view channel) {
  return manifest_relpath(channel) + ".minisig";
}

std::string blob_relpath(std::string_view sha256) {
  return "blobs/" + checked_hash(sha256);
}

std::filesystem::path channel_dir(const std::filesystem::path& root, std::string_view channel) {
  return root / "channels" / checked_channel(channel);
}

std::filesystem::path manifest_path(const std::filesystem::path& root, std::string_view channel) {
  return channel_dir(root, channel) / "manifest.json";
}

std::filesystem::path signature_path(const std::filesystem::path& root, std::string_view channel) {
  return channel_dir(root, channel) / "manifest.json.minisig";
}

std::filesystem::path blobs_dir(const std::filesystem::path& root) {
  return root / "blobs";
}

std::filesystem::path blob_path(const std::filesystem::path& root, std::string_view sha256) {
  return blobs_dir(root) / checked_hash(sha256);
}

namespace {

std::string checked_key_id(std::string_view key_id) {
  if (!is_key_id_hex(key_id))
    fail_usage(std::string(key_id.substr(0, 40)), "is not a key id (16 uppercase hex digits)");
  return std::string(key_id);
}

}  // namespace

bool is_key_id_hex(std::string_view key_id) {
  if (key_id.size() != 16) return false;
  for (const char c : key_id) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) return false;
  }
  return true;
}

std::string key_set_relpath() {
  return "keys/keys.json";
}

std::string key_set_signature_relpath(std::string_view key_id) {
  return key_set_relpath() + "." + checked_key_id(key_id) + ".minisig";
}

std::string approval_relpath(std::string_view channel, std::string_view key_id) {
  return manifest_relpath(channel) + "." + checked_key_id(key_id) + ".minisig";
}

std::filesystem::path key_set_path(const std::filesystem::path& root) {
  return root / "keys" / "keys.json";
}

std::filesystem::path key_set_signature_path(const std::filesystem::path& root, std::string_view key_id) {
  return root / "keys" / ("keys.json." + checked_key_id(key_id) + ".minisig");
}

std::filesystem::path approval_path(const std::filesystem::path& root, std::string_view channel,
                                    std::string_view key_id) {
  return channel_dir(root, channel) / ("manifest.json." + checked_key_id(key_id) + ".minisig");
}

}  // namespace gatecast::content
