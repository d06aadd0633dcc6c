#pragma once
// Verify before use: the one path from fetched bytes to a trusted Manifest, shared by
// `gatecast verify` and the installer (design.md, "Trust model").
#include <optional>
#include <string>
#include <vector>

#include "content/manifest/manifest.hpp"
#include "content/manifest/manifest_json.hpp"
#include "content/signing/minisign.hpp"
#include "content/sources/source.hpp"
#include "scheduler/time.hpp"

namespace gatecast::content {

struct VerifiedManifest {
  Manifest manifest;
  std::string raw;              // the exact bytes that were signed
  std::string signature;        // the .minisig file's bytes
  std::string trusted_comment;  // from the signature, verified
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

}  // namespace gatecast::content
