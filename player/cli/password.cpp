#include "player/cli/password.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "content/base/error.hpp"
#include "content/signing/minisign_format.hpp"

namespace gatecast::cli {

namespace {

namespace fmt = content::minisign_format;

// The first line without its "\n" or "\r\n", as minisign reads a password from a pipe.
std::string first_line(std::string text, const std::string& subject) {
  const std::size_t end = text.find('\n');
  std::string line = text.substr(0, end);
  fmt::wipe(text);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.size() > content::minisign_format::max_password_bytes) {
    fmt::wipe(line);
    fail_usage(subject, "password is longer than " + std::to_string(fmt::max_password_bytes) + " bytes");
  }
  return line;
}

// `no_terminal` says what was needed when there is no terminal to ask on.
std::string prompt_terminal(const char* prompt, const std::string& no_terminal) {
  const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    fail_usage("password", no_terminal +
                               " and there is no terminal to ask for it on; give --password-file FILE or "
                               "--password-env VARIABLE");
  }
  termios saved{};
  const bool is_tty = ::tcgetattr(fd, &saved) == 0;
  if (is_tty) {
    termios quiet = saved;
    quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
    ::tcsetattr(fd, TCSAFLUSH, &quiet);
  }
  (void)!::write(fd, prompt, std::strlen(prompt));
  std::string line;
  char c = 0;
  while (::read(fd, &c, 1) == 1 && c != '\n') {
    if (line.size() <= fmt::max_password_bytes) line += c;
  }
  if (is_tty) ::tcsetattr(fd, TCSAFLUSH, &saved);
  (void)!::write(fd, "\n", 1);
  ::close(fd);
  return first_line(std::move(line), "password");
}

std::optional<std::string> from_options(const Args& args) {
  const std::optional<std::string> file = args.option(password_file_option);
  const std::optional<std::string> env = args.option(password_env_option);
  if (file && env) fail_usage("--password-file", "give either --password-file or --password-env, not both");
  if (file) {
    std::string text = fmt::read_bounded(*file, 4096, Outcome::usage, ", too large for a password file");
    return first_line(std::move(text), *file);
  }
  if (env) {
    const char* value = std::getenv(env->c_str());
    if (value == nullptr) fail_usage("--password-env", "the environment variable " + *env + " is not set");
    return first_line(value, *env);
  }
  return std::nullopt;
}

}  // namespace

content::PasswordSource password_source(const Args& args) {
  // Checked now, so that a mistake in the options is a usage error even for an unencrypted key.
  std::optional<std::string> given = from_options(args);
  return [given = std::move(given)]() mutable {
    if (given) return *given;
    return prompt_terminal("Password: ", "the key is protected by a password");
  };
}

std::string new_password(const Args& args) {
  std::optional<std::string> given = from_options(args);
  std::string password;
  if (given) {
    password = std::move(*given);
  } else {
    const std::string why = "a new key is encrypted with a password (or give --no-password)";
    password = prompt_terminal("Password for the new key: ", why);
    std::string again = prompt_terminal("Password (one more time): ", why);
    const bool same = again == password;
    fmt::wipe(again);
    if (!same) {
      fmt::wipe(password);
      fail_usage("password", "the two passwords differ");
    }
  }
  if (password.empty()) fail_usage("password", "is empty; use --no-password for an unencrypted key");
  return password;
}

}  // namespace gatecast::cli
