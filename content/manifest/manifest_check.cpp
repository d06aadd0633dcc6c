#include "content/manifest/manifest_check.hpp"

#include "content/base/rfc3339.hpp"
#include "content/manifest/targets.hpp"

namespace gatecast::content {

VerifiedManifest verify_manifest(const FetchedManifest& fetched, const std::string& channel,
                                 const std::vector<PublicKey>& trusted, Instant now,
                                 const std::optional<std::string>& screen_id, const std::string& subject,
                                 const ManifestLimits& limits) {
  return verify_approved_manifest(fetched, {}, channel, ApprovalPolicy{trusted, 1}, now, screen_id, subject,
                                  limits);
}

VerifiedManifest verify_approved_manifest(const FetchedManifest& fetched,
                                          const std::vector<SignatureFile>& further,
                                          const std::string& channel, const ApprovalPolicy& policy,
                                          Instant now, const std::optional<std::string>& screen_id,
                                          const std::string& subject, const ManifestLimits& limits) {
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
  if (further.size() + 1 > max_signature_files) {
    fail_rejected(Reason::limit, subject,
                  std::to_string(further.size() + 1) + " signature files, more than the limit of " +
                      std::to_string(max_signature_files));
  }
  for (const SignatureFile& file : further) {
    if (file.text.size() > limits.max_signature_bytes) {
      fail_rejected(Reason::limit, file.name,
                    "signature is " + std::to_string(file.text.size()) + " bytes, more than the limit of " +
                        std::to_string(limits.max_signature_bytes));
    }
  }
  if (policy.approvers.empty())
    fail_rejected(Reason::key, subject, "no trusted public keys to check the signature with");

  // The signatures cover the exact bytes; the parser only ever sees approved bytes.
  VerifiedManifest verified;
  if (further.empty() && policy.threshold <= 1) {
    const VerifiedSignature good =
        verify_signature(fetched.manifest, fetched.signature, policy.approvers, subject);
    verified.trusted_comment = good.trusted_comment;
    verified.approved_by = {policy.approvers[good.signer]};
  } else {
    std::vector<SignatureFile> files{{subject + ".minisig", fetched.signature}};
    files.insert(files.end(), further.begin(), further.end());
    const Signers signers = count_signers(fetched.manifest, files, policy.approvers);
    require_signers(signers, policy.threshold, subject, "approver");
    verified.trusted_comment = signers.first_trusted_comment;
    verified.approved_by = signers.keys;
  }
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
