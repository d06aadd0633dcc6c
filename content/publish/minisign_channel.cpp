#include "content/publish/minisign_channel.hpp"

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/manifest/manifest_json.hpp"
#include "content/signing/minisign_format.hpp"
#include "content/base/publish_tree.hpp"

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
  const std::filesystem::path signature_file = signature_path(root, channel);
  write_file_atomically(signature_file, signature, 0644);
  return signature_file;
}

}  // namespace gatecast::content
