#pragma once
// The screen's own signing key, for the play log it sends out: every batch PUT to report_url
// and every log copied to a USB stick carries a minisign signature by this key, so the office
// can tell the screen's records from records edited or made elsewhere (docs/reports.md).
// The key pair lives in <data_dir>/screen-key/ (gatecast.key 0600, gatecast.pub), made at the
// player's first start. It signs reports only; it is never a key that packages are trusted by.
#include <filesystem>
#include <string>
#include <string_view>

#include "content/signing/minisign.hpp"

namespace gatecast::content {

// <data_dir>/screen-key
[[nodiscard]] std::filesystem::path screen_key_dir(const std::filesystem::path& data_dir);

// The screen's key pair, made (and written durably) when there is none yet. Throws
// Error(runtime) when the folder cannot be written, Error(usage) when the key there is damaged.
[[nodiscard]] KeyPair load_or_make_screen_key(const std::filesystem::path& data_dir);

// The public key's base64 line ("RWQ..."), or empty when the screen has no key yet (status and
// heartbeats read it; they never make one). Never throws.
[[nodiscard]] std::string screen_public_key_line(const std::filesystem::path& data_dir);

// The trusted comment of a signed play log file: names the screen and the file, so a signed
// batch cannot be passed off as another screen's or another file's.
[[nodiscard]] std::string play_log_signature_comment(const std::string& screen, const std::string& file_name);

// The .minisig text for a play log file's bytes.
[[nodiscard]] std::string sign_play_log_file(std::string_view bytes, const SecretKey& key,
                                             const std::string& screen, const std::string& file_name);

}  // namespace gatecast::content
