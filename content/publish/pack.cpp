// `gatecast pack`, second half: validate the document read by pack_source.cpp with the one
// manifest validator, run the player's content checks, and only then write blobs, the
// manifest and its signature into the publish tree.
#include "content/publish/pack.hpp"
#include "content/publish/minisign_channel.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "content/base/atomic_write.hpp"
#include "content/base/json_reader.hpp"
#include "content/base/publish_tree.hpp"
#include "content/base/read_piece.hpp"
#include "content/base/sha256.hpp"
#include "content/base/unique_fd.hpp"
#include "content/publish/manifest_write.hpp"
#include "content/publish/pack_source.hpp"
#include "content/publish/tree_check.hpp"
#include "content/signing/minisign.hpp"

namespace gatecast::content {

namespace {

void check_options(const PackOptions& options) {
  check_channel_name(options.channel, "--channel", Outcome::usage);
  if (options.version < 1 || options.version > (std::int64_t{1} << 53)) {
    fail_usage("--version", "must be a whole number from 1 to 2^53");
  }
  if (options.out.empty()) fail_usage("--out", "is empty");
}

// Screens refuse a version not above the highest they accepted; an office that packs an old
// number would only find out at the gates. The tree's current manifest is read, not trusted:
// an unreadable one is ignored here.
void check_version_increases(const PackOptions& options) {
  const auto current = manifest_path(options.out, options.channel);
  std::error_code ec;
  if (!std::filesystem::exists(current, ec)) return;
  try {
    JsonLimits limits;
    limits.max_bytes = options.limits.max_manifest_bytes;
    const auto doc = parse_json(read_file_bounded(current, limits.max_bytes), current.string(), limits);
    if (!doc.is_object() || !doc.contains("version") || !doc["version"].is_number_integer()) return;
    const auto& version = doc["version"];
    // Compared in the type nlohmann holds: a huge unsigned must not wrap to a small number.
    const bool not_above = version.is_number_unsigned()
                               ? version.get<std::uint64_t>() >= static_cast<std::uint64_t>(options.version)
                               : version.get<std::int64_t>() >= options.version;
    if (not_above) {
      fail_usage(Reason::rollback, "--version",
                 std::to_string(options.version) + " is not greater than version " + version.dump() +
                     " already in " + current.string() + " (screens would refuse it)");
    }
  } catch (const Error& e) {
    if (e.kind() == Outcome::usage) throw;
  }
}

// Copies `from` to blobs/<sha256> through a temporary name, hashing on the way: a file edited
// between the check and the copy must not end up under a name its bytes do not have.
void write_blob(const std::filesystem::path& from, const std::filesystem::path& target,
                const std::string& sha256) {
  const auto temp = target.parent_path() / (".partial-" + sha256 + "-" + std::to_string(::getpid()));
  std::ifstream in(from, std::ios::binary);
  if (!in) fail_runtime(Reason::io, from.string(), "cannot be opened");
  UniqueFd out(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (out.get() < 0) fail_runtime(Reason::io, temp.string(), std::strerror(errno));
  const auto fail = [&](Reason reason, const std::string& subject, const std::string& problem) {
    ::close(out.release());
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    fail_runtime(reason, subject, problem);
  };
  Sha256 hash;
  std::vector<char> buffer(kMaxReadPiece);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) break;
    hash.update(buffer.data(), n);
    for (std::size_t done = 0; done < n;) {
      const ssize_t w = ::write(out.get(), buffer.data() + done, n - done);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) fail(Reason::io, temp.string(), std::strerror(errno));
      done += static_cast<std::size_t>(w);
    }
  }
  if (in.bad()) fail(Reason::io, from.string(), "cannot be read");
  if (hash.hex() != sha256)
    fail(Reason::hash, from.string(), "changed while it was being packed; pack again");
  if (::fsync(out.get()) != 0) fail(Reason::io, temp.string(), std::strerror(errno));
  if (::close(out.release()) != 0) fail(Reason::io, temp.string(), std::strerror(errno));
  std::error_code ec;
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    fail_runtime(Reason::io, target.string(), "cannot be written: " + ec.message());
  }
}

std::string trusted_comment_for(const Manifest& m) {
  return "gatecast channel=" + m.channel + " version=" + std::to_string(m.version) + " file:manifest.json";
}

}  // namespace

ContentProblems::ContentProblems(std::vector<Error> problems)
    : Error(Outcome::rejected, problems.front().reason(), problems.front().subject(),
            problems.front().problem() +
                (problems.size() > 1 ? " (and " + std::to_string(problems.size() - 1) + " more problems)"
                                     : "")),
      problems_(std::move(problems)) {}

PackResult pack(const PackOptions& options, const ContentCheck& check) {
  // Everything that can refuse the pack happens before the first byte is written to `out`.
  check_options(options);
  std::optional<SecretKey> key;
  if (options.key) key = read_secret_key_file(*options.key, options.password);
  check_version_increases(options);

  PackSource src = read_pack_source(options);
  const std::string text = canonical_json(src.document);
  PackResult result;
  // The same validator the screens run, on the very bytes they will receive.
  result.manifest = parse_manifest(text, src.subject, options.limits);
  if (check) {
    std::vector<Error> problems = check(result.manifest, src.asset_files);
    if (!problems.empty()) throw ContentProblems(std::move(problems));
  }
  std::string signature;
  if (key) signature = sign_message(text, *key, trusted_comment_for(result.manifest));

  std::error_code ec;
  const auto blobs = blobs_dir(options.out);
  const auto channel = channel_dir(options.out, options.channel);
  std::filesystem::create_directories(blobs, ec);
  if (ec) fail_runtime(Reason::io, blobs.string(), "cannot be created: " + ec.message());
  std::filesystem::create_directories(channel, ec);
  if (ec) fail_runtime(Reason::io, channel.string(), "cannot be created: " + ec.message());

  for (const auto& [sha256, file] : src.blob_files) {
    const auto target = blob_path(options.out, sha256);
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) fail_runtime(Reason::io, file.string(), "cannot read the size: " + ec.message());
    const auto existing = std::filesystem::file_size(target, ec);
    if (!ec && existing == size) continue;  // named by its hash: same name, same bytes
    write_blob(file, target, sha256);
    ++result.blobs_written;
    result.bytes_written += size;
  }
  fsync_directory(blobs);

  const auto sig_file = signature_path(options.out, options.channel);
  // Unsigned: a signature left from the previous version must not sit next to new bytes.
  if (!key) std::filesystem::remove(sig_file, ec);
  // Further approvals were given to the previous bytes; they would only be noise beside new ones.
  remove_further_approvals(options.out, options.channel);
  write_file_atomically(manifest_path(options.out, options.channel), text);
  if (key) write_file_atomically(sig_file, signature);
  return result;
}

}  // namespace gatecast::content
