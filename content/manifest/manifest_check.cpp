#include "content/manifest/manifest_check.hpp"

#include "content/base/rfc3339.hpp"
#include "content/manifest/targets.hpp"

namespace gatecast::content {

VerifiedManifest verify_manifest(const FetchedManifest& fetched, const std::string& channel,
                                 const std::vector<PublicKey>& trusted, Instant now,
                                 const std::optional<std::string>& screen_id, const std::string& subject,
                                 const ManifestLimits& limits) {
  // Sizes first: nothing below may spend time or memory on an oversized input.
  if (fetched.manifest.size() > limits.max_manifest_bytes) {
    fail_rejected(Reason::limit, subject,
                  "manifest is " + std::to_string(fetched.manifest.size()) +
                      " bytes, more than the limit of " + std::to_string(limits.max_manifest_bytes));
  }
  if (fetched.signature.size() > limits.max_signature_bytes) {
    fail_rejected(Reason::limit, subject,
                  "signature is " + std::to_string(fetched.signature.size()) +
                      " bytes, more than the limit of " + std::to_string(limits.max_signature_bytes));
  }
  if (trusted.empty())
    fail_rejected(Reason::key, subject, "no trusted public keys to check the signature with");

  // The signature covers the exact bytes; the parser only ever sees signed bytes.
  VerifiedManifest verified;
  verified.trusted_comment = verify_message(fetched.manifest, fetched.signature, trusted, subject);
  verified.manifest = parse_manifest(fetched.manifest, subject, limits);
  const Manifest& m = verified.manifest;

  if (m.channel != channel) {
    fail_rejected(Reason::target, subject,
                  "manifest is for channel '" + m.channel + "', not '" + channel + "'");
  }
  if (m.expires <= now) {
    fail_rejected(
        Reason::expired, subject,
        "manifest expired at " + format_rfc3339(m.expires) + " (version " + std::to_string(m.version) + ")");
  }
  if (screen_id && !manifest_targets(m, *screen_id)) {
    std::string targets;
    for (const auto& t : m.targets) targets += (targets.empty() ? "" : ", ") + t;
    fail_rejected(Reason::target, subject,
                  "manifest is not meant for screen '" + *screen_id + "' (targets: " + targets + ")");
  }
  verified.raw = fetched.manifest;
  verified.signature = fetched.signature;
  return verified;
}

}  // namespace gatecast::content
