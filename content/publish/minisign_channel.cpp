#include "content/publish/minisign_channel.hpp"

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/base/publish_tree.hpp"
#include "content/manifest/manifest_json.hpp"
#include "content/signing/minisign_format.hpp"

namespace gatecast::content {

std::string manifest_trusted_comment(std::int64_t unix_seconds, std::string_view channel) {
  return "timestamp:" + std::to_string(unix_seconds) +
         "\tfile:manifest.json\tchannel:" + std::string(channel);
}

std::filesystem::path sign_channel_manifest(const std::filesystem::path& root, const std::string& channel,
                                            const SecretKey& key, std::int64_t unix_seconds) {
  check_channel_name(channel, "--channel", Outcome::usage);
  const std::filesystem::path manifest_file = manifest_path(root, channel);
  std::error_code ec;
  if (!std::filesystem::exists(manifest_file, ec)) {
    fail_runtime(Reason::not_found, manifest_file.string(),
                 "does not exist (is " + root.string() + " a publish tree?)");
  }
  const ManifestLimits limits;
  const std::string raw = minisign_format::read_bounded(manifest_file, limits.max_manifest_bytes,
                                                        Outcome::rejected, ", more than a screen accepts");
  // Signing is approval: a manifest that no screen would accept, or one for another
  // channel, is refused here rather than discovered at the border gate.
  const Manifest manifest = parse_manifest(raw, manifest_file.string(), limits);
  if (manifest.channel != channel) {
    fail_rejected(Reason::target, manifest_file.string(),
                  "is for channel '" + manifest.channel + "', not '" + channel + "'");
  }
  const std::string signature = sign_message(raw, key, manifest_trusted_comment(unix_seconds, channel));
  const std::string id = key_id_hex(key.key_id);
  std::filesystem::path signature_file = signature_path(root, channel);
  if (std::filesystem::exists(signature_file, ec)) {
    const std::string first = minisign_format::read_bounded(signature_file, limits.max_signature_bytes,
                                                            Outcome::rejected, ", too large for a signature");
    const std::optional<std::string> first_id = signature_key_id(first);
    // Another key's approval stays; this one goes beside it under this key's id.
    if (first_id && *first_id != id) signature_file = approval_path(root, channel, id);
  }
  write_file_atomically(signature_file, signature, 0644);
  return signature_file;
}

void remove_further_approvals(const std::filesystem::path& root, const std::string& channel) {
  remove_key_id_signatures(channel_dir(root, channel), "manifest.json.");
}

void remove_key_id_signatures(const std::filesystem::path& dir, const std::string& prefix) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return;
  const std::string suffix = ".minisig";
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() == prefix.size() + 16 + suffix.size() && name.rfind(prefix, 0) == 0 &&
        is_key_id_hex(name.substr(prefix.size(), 16)) && name.substr(prefix.size() + 16) == suffix) {
      std::error_code rm;
      std::filesystem::remove(entry.path(), rm);
      if (rm) fail_runtime(Reason::io, entry.path().string(), "cannot be removed: " + rm.message());
    }
  }
  if (ec) fail_runtime(Reason::io, dir.string(), "cannot be listed: " + ec.message());
}

std::optional<std::string> signature_key_id(std::string_view signature_text) {
  try {
    return key_id_hex(parse_signature(signature_text, "signature").key_id);
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace gatecast::content
