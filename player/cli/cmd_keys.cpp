// `gatecast keys ACTION ROOT ...`: the office's key set of a publish tree (docs/signing.md).
//   init   ROOT --root PUB --approver PUB --expires TIME     a first key set, version 1
//   add    ROOT --pubkey PUB --role root|approver [--name N]  a key in one role
//   remove ROOT --pubkey PUB [--role root|approver]           a key from one role or all
//   rotate ROOT --from PUB --to PUB [--name N]                one key replaced in every role
//   set    ROOT [--expires TIME] [--root-threshold N] [--threshold CHANNEL=N]
//   sign   ROOT --key KEY [--password-file F | --password-env V]
//   show   ROOT
// Every change writes the next version and drops the old signatures; the new set then needs
// signatures by enough current roots (for the screens) and by enough of its own roots.
#include <chrono>
#include <cstdio>

#include "content/base/error.hpp"
#include "content/base/publish_tree.hpp"
#include "content/base/rfc3339.hpp"
#include "content/publish/key_set_edit.hpp"
#include "content/signing/minisign.hpp"
#include "player/cli/args.hpp"
#include "player/cli/commands.hpp"
#include "player/cli/password.hpp"

namespace gatecast::cli {

namespace {

using content::KeyRole;
using content::KeySet;
using content::KeySetEntry;

KeyRole parse_role(const std::string& text) {
  if (text == "root") return KeyRole::root;
  if (text == "approver") return KeyRole::approver;
  fail_usage("--role", "expected root or approver, not '" + text.substr(0, 40) + "'");
}

int parse_count(const std::string& text, const std::string& what) {
  if (text.empty() || text.size() > 2 || text.find_first_not_of("0123456789") != std::string::npos) {
    fail_usage(what, "expected a number from 1 to 64, not '" + text.substr(0, 40) + "'");
  }
  const int n = std::stoi(text);
  if (n < 1 || n > 64) fail_usage(what, "expected a number from 1 to 64");
  return n;
}

Instant parse_expires(const std::string& text) {
  return content::parse_rfc3339(text, "--expires", Outcome::usage);
}

bool same(const content::PublicKey& a, const content::PublicKey& b) {
  return a.key == b.key;
}

// Writes the changed set as the next version and says what to do next.
int write_next(const std::filesystem::path& root, KeySet set, std::int64_t previous_version) {
  set.version = previous_version + 1;
  content::write_tree_key_set(root, set);
  std::printf("wrote %s version %lld (unsigned)\n", content::key_set_path(root).c_str(),
              static_cast<long long>(set.version));
  std::printf(
      "next: sign it with enough root keys of the set the screens hold now, and %d of its own: "
      "gatecast keys sign %s --key KEY\n",
      set.root_threshold, root.c_str());
  return 0;
}

void print_set(const std::filesystem::path& root, const KeySet& set) {
  std::printf("%s: version %lld, expires %s, root threshold %d\n", content::key_set_path(root).c_str(),
              static_cast<long long>(set.version), content::format_rfc3339(*set.expires).c_str(),
              set.root_threshold);
  for (const KeySetEntry& entry : set.keys) {
    const std::string id = content::key_id_hex(entry.key.key_id);
    std::error_code ec;
    const bool signed_it =
        entry.role == KeyRole::root && std::filesystem::exists(content::key_set_signature_path(root, id), ec);
    std::printf("  %-8s %s %s%s%s\n", content::key_role_name(entry.role), id.c_str(), entry.name.c_str(),
                entry.name.empty() ? "" : " ", signed_it ? "(signature present)" : "");
  }
  for (const auto& [channel, threshold] : set.channel_thresholds) {
    std::printf("  channel %s needs %d approvals\n", channel.c_str(), threshold);
  }
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int cmd_keys(const Words& words) {
  if (words.empty()) fail_usage("keys", "needs an action: init, add, remove, rotate, set, sign or show");
  const std::string action = words.front();
  const Words rest(words.begin() + 1, words.end());
  if (action == "init") {
    const Args args(rest, {"root", "approver", "expires", "name"}, {});
    const std::filesystem::path root = args.positional("ROOT");
    std::error_code ec;
    if (std::filesystem::exists(content::key_set_path(root), ec)) {
      fail_usage(content::key_set_path(root).string(),
                 "already exists; change it with add, remove, rotate or set");
    }
    KeySet set;
    set.expires = parse_expires(args.required("expires"));
    set.keys.push_back({content::read_public_key_file(args.required("root")), KeyRole::root,
                        args.option("name").value_or("")});
    set.keys.push_back({content::read_public_key_file(args.required("approver")), KeyRole::approver, ""});
    return write_next(root, set, 0);
  }
  if (action == "add") {
    const Args args(rest, {"pubkey", "role", "name"}, {});
    const std::filesystem::path root = args.positional("ROOT");
    KeySet set = content::read_tree_key_set(root);
    set.keys.push_back({content::read_public_key_file(args.required("pubkey")),
                        parse_role(args.required("role")), args.option("name").value_or("")});
    return write_next(root, set, set.version);
  }
  if (action == "remove") {
    const Args args(rest, {"pubkey", "role"}, {});
    const std::filesystem::path root = args.positional("ROOT");
    KeySet set = content::read_tree_key_set(root);
    const content::PublicKey key = content::read_public_key_file(args.required("pubkey"));
    const std::optional<KeyRole> role =
        args.option("role") ? std::optional<KeyRole>(parse_role(*args.option("role"))) : std::nullopt;
    const auto before = set.keys.size();
    std::erase_if(set.keys,
                  [&](const KeySetEntry& e) { return same(e.key, key) && (!role || e.role == *role); });
    if (set.keys.size() == before) fail_usage(args.required("pubkey"), "is not in the key set");
    return write_next(root, set, set.version);
  }
  if (action == "rotate") {
    const Args args(rest, {"from", "to", "name"}, {});
    const std::filesystem::path root = args.positional("ROOT");
    KeySet set = content::read_tree_key_set(root);
    const content::PublicKey from = content::read_public_key_file(args.required("from"));
    const content::PublicKey to = content::read_public_key_file(args.required("to"));
    bool found = false;
    for (KeySetEntry& entry : set.keys) {
      if (!same(entry.key, from)) continue;
      entry.key = to;
      if (const auto name = args.option("name")) entry.name = *name;
      found = true;
    }
    if (!found) fail_usage(args.required("from"), "is not in the key set");
    return write_next(root, set, set.version);
  }
  if (action == "set") {
    const Args args(rest, {"expires", "root-threshold", "threshold"}, {});
    const std::filesystem::path root = args.positional("ROOT");
    KeySet set = content::read_tree_key_set(root);
    if (const auto expires = args.option("expires")) set.expires = parse_expires(*expires);
    if (const auto n = args.option("root-threshold"))
      set.root_threshold = parse_count(*n, "--root-threshold");
    if (const auto t = args.option("threshold")) {
      const std::size_t eq = t->find('=');
      if (eq == std::string::npos) fail_usage("--threshold", "expected CHANNEL=N, e.g. langson=2");
      const std::string channel = t->substr(0, eq);
      content::check_channel_name(channel, "--threshold", Outcome::usage);
      set.channel_thresholds[channel] = parse_count(t->substr(eq + 1), "--threshold");
    }
    return write_next(root, set, set.version);
  }
  if (action == "sign") {
    const Args args(rest, {"key", password_file_option, password_env_option}, {});
    const std::filesystem::path root = args.positional("ROOT");
    struct WipedKey {
      content::SecretKey key;
      ~WipedKey() { content::wipe_secret_key(key); }
    } secret{content::read_secret_key_file(args.required("key"), password_source(args))};
    const std::filesystem::path written = content::sign_tree_key_set(root, secret.key, now_seconds());
    std::printf("signed %s with key id %s\n", written.c_str(),
                content::key_id_hex(secret.key.key_id).c_str());
    return 0;
  }
  if (action == "show") {
    const Args args(rest, {}, {});
    const std::filesystem::path root = args.positional("ROOT");
    print_set(root, content::read_tree_key_set(root));
    return 0;
  }
  fail_usage(action, "is not a keys action (init, add, remove, rotate, set, sign, show)");
}

}  // namespace gatecast::cli
