// `gatecast keygen --out DIR`: a new minisign key pair for signing packages (docs/signing.md).
#include <cstdio>

#include "content/base/error.hpp"
#include "content/signing/minisign.hpp"
#include "player/cli/args.hpp"
#include "player/cli/commands.hpp"

namespace gatecast::cli {

int cmd_keygen(const Words& words) {
  const Args args(words, {"out"}, {});
  if (!args.positionals().empty())
    fail_usage(args.positionals().front(), "keygen takes no positional arguments");
  const std::filesystem::path dir = args.required("out");
  if (dir.empty()) fail_usage("--out", "needs a folder name");
  content::write_new_key_pair(dir);
  const content::PublicKey key = content::read_public_key_file(dir / "gatecast.pub");
  std::printf("wrote %s (keep it secret; it is not encrypted)\n", (dir / "gatecast.key").c_str());
  std::printf("wrote %s (key id %s)\n", (dir / "gatecast.pub").c_str(),
              content::key_id_hex(key.key_id).c_str());
  std::printf("public key for trusted_keys: %s\n", content::public_key_line(key).c_str());
  return 0;
}

}  // namespace gatecast::cli
