// `gatecast sign ROOT --channel C --key K [--password-file F | --password-env V]`: adds one
// approval to a channel's manifest in a publish tree (docs/signing.md): manifest.json.minisig
// for the first signer, manifest.json.<KEY ID>.minisig for each further one. Exit codes: 1 when a file is
// missing or unreadable, 2 for a bad command line or a key file that is not a usable key, 3 when the manifest
// itself is refused.
#include <chrono>
#include <cstdio>

#include "content/base/error.hpp"
#include "content/publish/minisign_channel.hpp"
#include "content/signing/minisign.hpp"
#include "player/cli/args.hpp"
#include "player/cli/commands.hpp"
#include "player/cli/password.hpp"

namespace gatecast::cli {

int cmd_sign(const Words& words) {
  const Args args(words, {"channel", "key", password_file_option, password_env_option}, {});
  const std::filesystem::path root = args.positional("ROOT");
  const std::string& channel = args.required("channel");
  const std::filesystem::path key_file = args.required("key");
  struct WipedKey {
    content::SecretKey key;
    ~WipedKey() { content::wipe_secret_key(key); }
  } secret{content::read_secret_key_file(key_file, password_source(args))};
  const content::SecretKey& key = secret.key;
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  const std::filesystem::path written = content::sign_channel_manifest(root, channel, key, now);
  std::printf("signed %s with key id %s\n", written.c_str(), content::key_id_hex(key.key_id).c_str());
  return 0;
}

}  // namespace gatecast::cli
