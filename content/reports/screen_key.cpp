#include "content/reports/screen_key.hpp"

#include <mutex>
#include <system_error>

#include "content/base/error.hpp"

namespace gatecast::content {

std::filesystem::path screen_key_dir(const std::filesystem::path& data_dir) {
  return data_dir / "screen-key";
}

KeyPair load_or_make_screen_key(const std::filesystem::path& data_dir) {
  // The sync thread and the USB thread may both be first to sign.
  static std::mutex making;
  std::lock_guard lock(making);
  const auto dir = screen_key_dir(data_dir);
  std::error_code ec;
  if (!std::filesystem::exists(dir / "gatecast.key", ec)) {
    // A public half without its secret (a cut while the pair was made) signs nothing: remake.
    std::filesystem::remove(dir / "gatecast.pub", ec);
    write_new_key_pair(dir);
  }
  KeyPair pair;
  pair.secret_key = read_secret_key_file(dir / "gatecast.key");
  pair.public_key = public_key_of(pair.secret_key);
  return pair;
}

std::string screen_public_key_line(const std::filesystem::path& data_dir) {
  try {
    return public_key_line(read_public_key_file(screen_key_dir(data_dir) / "gatecast.pub"));
  } catch (const std::exception&) {
    return {};
  }
}

std::string play_log_signature_comment(const std::string& screen, const std::string& file_name) {
  return "gatecast play log screen:" + screen + " file:" + file_name;
}

std::string sign_play_log_file(std::string_view bytes, const SecretKey& key, const std::string& screen,
                               const std::string& file_name) {
  return sign_message(bytes, key, play_log_signature_comment(screen, file_name));
}

}  // namespace gatecast::content
