// `gatecast keygen --out DIR [--no-password | --password-file F | --password-env V]`: a new
// minisign key pair (docs/signing.md). The secret key is encrypted with a password the way
// `minisign -G` does, unless --no-password asks for an unencrypted one (like `minisign -W`)
// for an unattended signing host.
#include <cstdio>

#include "content/base/error.hpp"
#include "content/signing/minisign.hpp"
#include "content/signing/minisign_format.hpp"
#include "player/cli/args.hpp"
#include "player/cli/commands.hpp"
#include "player/cli/password.hpp"

namespace gatecast::cli {

int cmd_keygen(const Words& words) {
  const Args args(words, {"out", password_file_option, password_env_option}, {"no-password"});
  if (!args.positionals().empty())
    fail_usage(args.positionals().front(), "keygen takes no positional arguments");
  const std::filesystem::path dir = args.required("out");
  if (dir.empty()) fail_usage("--out", "needs a folder name");
  const bool encrypted = !args.has("no-password");
  if (!encrypted && (args.option(password_file_option) || args.option(password_env_option))) {
    fail_usage("--no-password", "cannot be combined with --password-file or --password-env");
  }
  std::optional<std::string> password;
  if (encrypted) password = new_password(args);
  try {
    content::write_new_key_pair(dir, password);
  } catch (...) {
    if (password) content::minisign_format::wipe(*password);
    throw;
  }
  if (password) content::minisign_format::wipe(*password);
  const content::PublicKey key = content::read_public_key_file(dir / "gatecast.pub");
  std::printf("wrote %s (keep it secret; %s)\n", (dir / "gatecast.key").c_str(),
              encrypted ? "encrypted with the password" : "it is not encrypted");
  std::printf("wrote %s (key id %s)\n", (dir / "gatecast.pub").c_str(),
              content::key_id_hex(key.key_id).c_str());
  std::printf("public key for trusted_keys: %s\n", content::public_key_line(key).c_str());
  return 0;
}

}  // namespace gatecast::cli
