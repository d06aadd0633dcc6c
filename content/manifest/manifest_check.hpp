#pragma once
// Verify before use: the one path from fetched bytes to a trusted Manifest, shared by
// `gatecast verify` and the installer (design.md, "Trust model").
#include <optional>
#include <string>
#include <vector>

#include "content/manifest/manifest.hpp"
#include "content/manifest/manifest_json.hpp"
#include "content/signing/approvals.hpp"
#include "content/signing/minisign.hpp"
#include "content/sources/source.hpp"
#include "scheduler/time.hpp"

namespace gatecast::content {

struct VerifiedManifest {
  Manifest manifest;
  std::string raw;                     // the exact bytes that were signed
  std::string signature;               // the .minisig file's bytes
  std::string trusted_comment;         // from the first good signature, verified
  std::vector<PublicKey> approved_by;  // distinct approver keys whose signatures verified
};

// Who may approve a channel's manifest, and how many distinct approvals it needs.
struct ApprovalPolicy {
  std::vector<PublicKey> approvers;
  int threshold = 1;
};

// Order (nothing is parsed before it is known to be signed):
//   1. sizes of manifest and signature (ManifestLimits);
//   2. the signature on the RAW bytes against any of `trusted` (minisign verify_message);
//   3. parse_manifest;
//   4. manifest.channel == channel;
//   5. not expired at `now` (expires > now);
//   6. targets `screen_id` when given.
// Throws Error(Outcome::rejected) naming `subject` (a file or URL) and the reason. Does not
// check rollback (the store knows the highest accepted version) nor blobs. Pure; any thread.
[[nodiscard]] VerifiedManifest verify_manifest(const FetchedManifest& fetched, const std::string& channel,
                                               const std::vector<PublicKey>& trusted, Instant now,
                                               const std::optional<std::string>& screen_id,
                                               const std::string& subject, const ManifestLimits& limits = {});

// The same order with several approvals: step 1 also bounds every further signature file
// (`further`: manifest.json.<KEY ID>.minisig files) and their number; step 2 needs
// policy.threshold distinct keys of policy.approvers to have signed the raw bytes, across
// manifest.json.minisig and `further` (one key counts once however many files it signed).
// A signature that does not verify only fails to count. With one file and a threshold of 1
// the refusal names that file's own problem, as verify_manifest always did.
[[nodiscard]] VerifiedManifest verify_approved_manifest(
    const FetchedManifest& fetched, const std::vector<SignatureFile>& further, const std::string& channel,
    const ApprovalPolicy& policy, Instant now, const std::optional<std::string>& screen_id,
    const std::string& subject, const ManifestLimits& limits = {});

}  // namespace gatecast::content
