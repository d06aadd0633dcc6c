#pragma once
// Signing a channel of a publish tree: what `gatecast sign` and `gatecast pack --key` do.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "content/signing/minisign.hpp"

namespace gatecast::content {

// The trusted comment over a channel's manifest: "timestamp:<unix>\tfile:manifest.json\tchannel:<C>".
// Like minisign's own ("timestamp:<unix>\tfile:<name>"), plus the channel, so that a
// signature cannot be mistaken for one over another channel's manifest by someone reading it.
[[nodiscard]] std::string manifest_trusted_comment(std::int64_t unix_seconds, std::string_view channel);

// Reads ROOT/channels/<channel>/manifest.json (at most ManifestLimits' size), checks that it
// is a valid manifest for `channel` (parse_manifest), signs its exact bytes ("ED") and writes
// manifest.json.minisig beside it atomically. Returns the signature's path.
// Errors: a bad channel name Error(usage); a missing or unreadable manifest Error(runtime)
// naming its path; an invalid manifest Error(rejected). Any thread.
std::filesystem::path sign_channel_manifest(const std::filesystem::path& root, const std::string& channel,
                                            const SecretKey& key, std::int64_t unix_seconds);

}  // namespace gatecast::content
