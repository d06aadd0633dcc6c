#pragma once
// Signing a channel of a publish tree: what `gatecast sign` and `gatecast pack --key` do.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "content/signing/minisign.hpp"

namespace gatecast::content {

// The trusted comment over a channel's manifest: "timestamp:<unix>\tfile:manifest.json\tchannel:<C>".
// Like minisign's own ("timestamp:<unix>\tfile:<name>"), plus the channel, so that a
// signature cannot be mistaken for one over another channel's manifest by someone reading it.
[[nodiscard]] std::string manifest_trusted_comment(std::int64_t unix_seconds, std::string_view channel);

// Reads ROOT/channels/<channel>/manifest.json (at most ManifestLimits' size), checks that it
// is a valid manifest for `channel` (parse_manifest), signs its exact bytes ("ED") and adds
// the approval beside it atomically: manifest.json.minisig when there is none yet (or it is
// by this same key, or is not a signature file), manifest.json.<KEY ID>.minisig otherwise. Returns the
// signature's path. Errors: a bad channel name Error(usage); a missing or unreadable manifest Error(runtime)
// naming its path; an invalid manifest Error(rejected). Any thread.
std::filesystem::path sign_channel_manifest(const std::filesystem::path& root, const std::string& channel,
                                            const SecretKey& key, std::int64_t unix_seconds);

// Removes every manifest.json.<KEY ID>.minisig of the channel (pack does, when it writes new
// manifest bytes). Error(runtime) when one cannot be removed.
void remove_further_approvals(const std::filesystem::path& root, const std::string& channel);

// Removes every DIR/<prefix><KEY ID>.minisig (the signatures by key id of one file).
void remove_key_id_signatures(const std::filesystem::path& dir, const std::string& prefix);

// The key id a .minisig text names, nullopt when it is not a signature file.
[[nodiscard]] std::optional<std::string> signature_key_id(std::string_view signature_text);

}  // namespace gatecast::content
