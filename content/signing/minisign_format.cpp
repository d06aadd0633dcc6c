#include "content/signing/minisign_format.hpp"

#include <sodium.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "content/base/base64.hpp"
#include "content/base/error.hpp"
#include "content/base/regular_file.hpp"

namespace gatecast::content::minisign_format {

void ensure_sodium() {
  // sodium_init is itself thread-safe and idempotent; the static only saves repeat calls.
  static const int result = sodium_init();
  if (result < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string decode_line(std::string_view line, std::size_t record_bytes, const std::string& subject,
                        const char* what, Outcome kind, Reason reason) {
  const std::size_t expected = base64_length(record_bytes);
  if (line.size() != expected) {
    throw Error(kind, reason, subject,
                std::string(what) + " has " + std::to_string(line.size()) + " characters, expected " +
                    std::to_string(expected));
  }
  std::optional<std::string> bytes = base64_decode(line);
  if (!bytes) throw Error(kind, reason, subject, std::string(what) + " is not valid base64");
  if (bytes->size() != record_bytes) {
    throw Error(kind, reason, subject,
                std::string(what) + " decodes to " + std::to_string(bytes->size()) + " bytes, expected " +
                    std::to_string(record_bytes));
  }
  return std::move(*bytes);
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = next;
  }
  return lines;
}

bool has_control_character(std::string_view s) {
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if ((b < 0x20 && b != '\t') || b == 0x7f) return true;
  }
  return false;
}

std::string read_bounded(const std::filesystem::path& file, std::size_t limit, Outcome too_large,
                         const std::string& why) {
  std::string text = read_regular_file(file, limit, Outcome::runtime);
  if (text.size() > limit) {
    throw Error(too_large, Reason::limit, file.string(),
                "is larger than " + std::to_string(limit) + " bytes" + why);
  }
  return text;
}

std::string read_key_file(const std::filesystem::path& file) {
  return read_bounded(file, key_file_max, Outcome::usage, ", too large for a minisign key");
}

void wipe(std::string& s) {
  if (!s.empty()) sodium_memzero(s.data(), s.size());
}

}  // namespace gatecast::content::minisign_format
