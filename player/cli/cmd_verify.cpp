// gatecast verify ROOT --channel C --pubkey P [--screen ID]
// Checks a publish tree as a screen trusting only P would (the tree's key set, the channel's
// approvals and threshold, channel, expiry, targets) plus every blob's size and SHA-256, and
// prints what the package holds and who approved it.
#include <chrono>
#include <cstdio>

#include "content/base/error.hpp"
#include "content/base/publish_tree.hpp"
#include "content/base/rfc3339.hpp"
#include "content/manifest/targets.hpp"
#include "content/publish/tree_check.hpp"
#include "content/signing/minisign.hpp"
#include "player/cli/args.hpp"
#include "player/cli/commands.hpp"

namespace gatecast::cli {

int cmd_verify(const Words& words) {
  const Args args(words, {"channel", "pubkey", "screen"}, {});
  const std::filesystem::path root = args.positional("ROOT");
  const std::string& channel = args.required("channel");
  const content::PublicKey root_key = content::read_public_key_file(args.required("pubkey"));
  const std::optional<std::string> screen = args.option("screen");
  if (screen && !content::is_valid_screen_id(*screen)) {
    fail_usage("--screen", "'" + screen->substr(0, 80) + "' is not a screen id (e.g. langson/huunghi/1)");
  }
  const Instant now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());

  const content::VerifiedTree tree =
      content::verify_publish_tree_with_keys(root, channel, {root_key}, now, screen);
  const content::VerifiedManifest& verified = tree.manifest;
  const content::Manifest& m = verified.manifest;
  std::uint64_t total = 0;
  for (const auto& [name, asset] : m.assets) total += asset.size;
  std::string targets;
  for (const auto& t : m.targets) targets += (targets.empty() ? "" : ", ") + t;

  std::printf("OK: %s verified\n", content::manifest_path(root, channel).c_str());
  std::printf("  channel:   %s\n", m.channel.c_str());
  std::printf("  version:   %lld\n", static_cast<long long>(m.version));
  std::printf("  created:   %s\n", content::format_rfc3339(m.created).c_str());
  std::printf("  expires:   %s\n", content::format_rfc3339(m.expires).c_str());
  if (tree.key_set_in_tree) {
    std::printf("  key set:   version %lld, expires %s\n", static_cast<long long>(tree.key_set.version),
                content::format_rfc3339(*tree.key_set.expires).c_str());
  }
  std::printf("  approvals: %zu of %d needed\n", verified.approved_by.size(), tree.threshold);
  for (const content::PublicKey& key : verified.approved_by) {
    std::string name;
    for (const content::KeySetEntry& entry : tree.key_set.keys) {
      if (entry.key.key == key.key && !entry.name.empty()) name = entry.name;
    }
    std::printf("  signed by: key %s%s\n", content::key_id_hex(key.key_id).c_str(),
                name.empty() ? "" : (" (" + name + ")").c_str());
  }
  std::printf("  trusted comment: %s\n", verified.trusted_comment.c_str());
  std::printf("  assets:    %zu, %llu bytes, every blob present with the right size and SHA-256\n",
              m.assets.size(), static_cast<unsigned long long>(total));
  std::printf("  playlists: %zu, layouts: %zu\n", m.playlists.size(), m.layouts.size());
  std::printf("  targets:   %s\n", targets.c_str());
  if (screen) std::printf("  screen:    %s is targeted\n", screen->c_str());
  return 0;
}

}  // namespace gatecast::cli
