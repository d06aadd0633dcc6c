#pragma once
// Where a command gets the password of an encrypted secret key (docs/signing.md): a file
// named by --password-file (its first line), an environment variable named by
// --password-env, or else the terminal (/dev/tty, echo off). Never from the command line
// itself, where other users of the machine could read it in the process list.
#include <optional>
#include <string>

#include "content/signing/secret_key_kdf.hpp"
#include "player/cli/args.hpp"

namespace gatecast::cli {

// The option names every signing command accepts.
inline constexpr const char* password_file_option = "password-file";
inline constexpr const char* password_env_option = "password-env";

// For reading an existing key: asked lazily, only when the key is encrypted. Error(usage)
// when both options are given, the file or variable is missing, or there is no terminal.
[[nodiscard]] content::PasswordSource password_source(const Args& args);

// For a new key: from the file or variable, or typed twice at the terminal. An empty
// password is refused (use --no-password for an unencrypted key).
[[nodiscard]] std::string new_password(const Args& args);

}  // namespace gatecast::cli
