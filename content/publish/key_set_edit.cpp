#include "content/publish/key_set_edit.hpp"

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/base/publish_tree.hpp"
#include "content/publish/minisign_channel.hpp"
#include "content/signing/minisign_format.hpp"

namespace gatecast::content {

namespace {

std::string read_key_set_text(const std::filesystem::path& root) {
  const std::filesystem::path file = key_set_path(root);
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    fail_runtime(Reason::not_found, file.string(),
                 "does not exist (start one with: gatecast keys init " + root.string() + " ...)");
  }
  return minisign_format::read_bounded(file, max_key_set_bytes, Outcome::usage,
                                       ", more than a screen accepts");
}

}  // namespace

KeySet read_tree_key_set(const std::filesystem::path& root) {
  return parse_key_set(read_key_set_text(root), key_set_path(root).string(), Outcome::usage);
}

void write_tree_key_set(const std::filesystem::path& root, const KeySet& set) {
  const std::string text = write_key_set(set);
  const std::filesystem::path dir = root / "keys";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) fail_runtime(Reason::io, dir.string(), "cannot be created: " + ec.message());
  remove_key_id_signatures(dir, "keys.json.");
  write_file_atomically(key_set_path(root), text, 0644);
}

std::string key_set_trusted_comment(std::int64_t unix_seconds, std::int64_t version) {
  return "timestamp:" + std::to_string(unix_seconds) + "\tfile:keys.json\tversion:" + std::to_string(version);
}

std::filesystem::path sign_tree_key_set(const std::filesystem::path& root, const SecretKey& key,
                                        std::int64_t unix_seconds) {
  const std::string raw = read_key_set_text(root);
  const KeySet set = parse_key_set(raw, key_set_path(root).string(), Outcome::rejected);
  const std::string signature = sign_message(raw, key, key_set_trusted_comment(unix_seconds, set.version));
  const std::filesystem::path file = key_set_signature_path(root, key_id_hex(key.key_id));
  write_file_atomically(file, signature, 0644);
  return file;
}

}  // namespace gatecast::content
