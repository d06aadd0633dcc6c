#include "content/store/record.hpp"

#include <charconv>
#include <system_error>

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/base/sha256.hpp"

namespace gatecast::content {

// The file is one line: "<version> <manifest sha256>\n".
std::optional<AcceptedRecord> read_record(const StoreLayout& layout, const std::string& channel) {
  const std::filesystem::path file = layout.record_file(channel);
  const std::optional<std::string> text = read_store_file(file, 256);
  if (!text) return std::nullopt;
  AcceptedRecord record;
  const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), record.version);
  const std::size_t used = static_cast<std::size_t>(ptr - text->data());
  const bool ok = ec == std::errc() && used > 0 && record.version >= 1 && text->size() == used + 1 + 64 + 1 &&
                  (*text)[used] == ' ' && text->back() == '\n' &&
                  is_sha256_hex(std::string_view(*text).substr(used + 1, 64));
  if (!ok) fail_runtime(Reason::io, file.string(), "is damaged: the highest accepted version cannot be read");
  record.manifest_sha256 = text->substr(used + 1, 64);
  return record;
}

void write_record(const StoreLayout& layout, const std::string& channel, const AcceptedRecord& record) {
  if (record.version < 1 || !is_sha256_hex(record.manifest_sha256)) {
    fail_runtime(Reason::io, layout.record_file(channel).string(),
                 "refusing to write an invalid version record");
  }
  write_file_atomically(layout.record_file(channel),
                        std::to_string(record.version) + " " + record.manifest_sha256 + "\n");
}

}  // namespace gatecast::content
