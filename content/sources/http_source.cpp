#include "content/sources/http_source.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/base/publish_tree.hpp"
#include "content/base/sha256.hpp"

namespace gatecast::content {
namespace {

constexpr std::uintmax_t kMaxValidatorFileBytes = 16384;

std::filesystem::path validators_file(const std::filesystem::path& state_dir, const std::string& channel) {
  return state_dir / ("http-" + channel + ".json");
}

std::string status_problem(long status) {
  if (status == 0) return "the server sent no HTTP status";
  return "the server answered HTTP " + std::to_string(status);
}

// 404 and 410 say the file is not there; any other status is the server or the way to it.
Reason status_reason(long status) {
  return status == 404 || status == 410 ? Reason::not_found : Reason::network;
}

// Appends to the installer's partial blob file; closes it on every path.
class PartialFile {
 public:
  explicit PartialFile(const std::filesystem::path& path)
      : path_(path), file_(std::fopen(path.c_str(), "ab")) {
    if (!file_) fail_runtime(Reason::io, path.string(), "cannot open for writing");
    std::setvbuf(file_, nullptr, _IOFBF, 1u << 20);  // a few large writes, not many 4 KiB ones
  }
  ~PartialFile() {
    if (file_) std::fclose(file_);
  }
  PartialFile(const PartialFile&) = delete;
  PartialFile& operator=(const PartialFile&) = delete;

  bool append(std::string_view bytes) {
    return std::fwrite(bytes.data(), 1, bytes.size(), file_) == bytes.size();
  }
  bool truncate_to_empty() { return std::fflush(file_) == 0 && ::ftruncate(::fileno(file_), 0) == 0; }
  void close() {
    const bool ok = std::fflush(file_) == 0 && !std::ferror(file_);
    std::fclose(file_);
    file_ = nullptr;
    if (!ok) fail_runtime(Reason::io, path_.string(), "cannot write (disk full?)");
  }

 private:
  std::filesystem::path path_;
  std::FILE* file_;
};

}  // namespace

std::optional<AcceptedSignature> read_accepted_signature(const std::filesystem::path& state_dir,
                                                         const std::string& channel) {
  const auto file = validators_file(state_dir, channel);
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec || size > kMaxValidatorFileBytes) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  AcceptedSignature v;
  for (auto [key, field] : {std::pair{"url", &v.url}, {"signature", &v.signature}}) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    *field = it->get<std::string>();
  }
  if (v.signature.empty()) return std::nullopt;
  return v;
}

std::unique_ptr<Source> open_http_source(const std::string& url, const std::filesystem::path& state_dir,
                                         const HttpOptions& options) {
  return std::make_unique<HttpSource>(url, state_dir, options);
}

HttpSource::HttpSource(const std::string& base_url, std::filesystem::path state_dir,
                       const HttpOptions& options)
    : base_(normalized_http_base(base_url)), state_dir_(std::move(state_dir)), client_(options) {}

bool HttpSource::signature_unchanged(const std::string& signature_url, const std::string& known,
                                     const SourceLimits& limits) {
  const std::size_t tail = std::min(kSignatureTailBytes, known.size());
  const HttpResponse served =
      client_.get(signature_url, {"Range: bytes=-" + std::to_string(tail)}, limits.max_signature_bytes);
  bytes_received_ += served.body_bytes;
  if (served.over_limit) return false;  // the full fetch that follows reports it
  // A server that ignores Range sends the whole file: then the whole file decides.
  if (served.status == 200) return served.body == known;
  // The range must be the file's last `tail` bytes: a start elsewhere means another length.
  return served.status == 206 && served.range_start == known.size() - tail &&
         served.body == std::string_view(known).substr(known.size() - tail);
}

std::optional<FetchedManifest> HttpSource::fetch_manifest(const std::string& channel,
                                                          const SourceLimits& limits) {
  check_channel_name(channel, base_, Outcome::usage);
  const std::string manifest_url = base_ + "/" + manifest_relpath(channel);
  const std::string signature_url = base_ + "/" + signature_relpath(channel);

  // The signature decides, never the server's validators: any change to the manifest (or to
  // its trusted comment) changes the signature's last line. Anything else than the same tail
  // (another tail, another length, 404, 416, an error) fetches both files whole below, where
  // a failure is reported as such.
  const auto known = read_accepted_signature(state_dir_, channel);
  if (known && known->url == manifest_url && signature_unchanged(signature_url, known->signature, limits))
    return std::nullopt;

  HttpResponse manifest = client_.get(manifest_url, {}, limits.max_manifest_bytes);
  bytes_received_ += manifest.body_bytes;
  if (manifest.over_limit) {
    fail_rejected(Reason::limit, manifest_url,
                  "the manifest is larger than " + std::to_string(limits.max_manifest_bytes) + " bytes");
  }
  if (manifest.status != 200)
    fail_runtime(status_reason(manifest.status), manifest_url, status_problem(manifest.status));

  HttpResponse signature = client_.get(signature_url, {}, limits.max_signature_bytes);
  bytes_received_ += signature.body_bytes;
  if (signature.over_limit) {
    fail_rejected(Reason::limit, signature_url,
                  "the signature is larger than " + std::to_string(limits.max_signature_bytes) + " bytes");
  }
  if (signature.status != 200)
    fail_runtime(status_reason(signature.status), signature_url, status_problem(signature.status));

  fetched_[channel] = AcceptedSignature{manifest_url, signature.body};
  return FetchedManifest{std::move(manifest.body), std::move(signature.body)};
}

std::optional<std::string> HttpSource::fetch_file(const std::string& relpath, std::uint64_t limit) {
  const std::string url = base_ + "/" + relpath;
  HttpResponse r = client_.get(url, {}, limit);
  bytes_received_ += r.body_bytes;
  if (r.over_limit) fail_rejected(Reason::limit, url, "is larger than " + std::to_string(limit) + " bytes");
  // A static server without the file says 404 (403 when the folder itself is missing on
  // some servers); either means "not published".
  if (r.status == 404 || r.status == 410 || r.status == 403) return std::nullopt;
  if (r.status != 200) fail_runtime(status_reason(r.status), url, status_problem(r.status));
  return std::move(r.body);
}

void HttpSource::remember_accepted(const std::string& channel) {
  const auto it = fetched_.find(channel);
  if (it == fetched_.end()) return;
  const nlohmann::json j{{"url", it->second.url}, {"signature", it->second.signature}};
  std::filesystem::create_directories(state_dir_);
  write_file_atomically(validators_file(state_dir_, channel), j.dump() + "\n");
  fetched_.erase(it);
}

void HttpSource::forget_accepted(const std::string& channel) {
  fetched_.erase(channel);
  std::error_code ec;
  std::filesystem::remove(validators_file(state_dir_, channel), ec);
  if (ec)
    fail_runtime(Reason::io, validators_file(state_dir_, channel).string(),
                 "cannot be removed: " + ec.message());
}

void HttpSource::fetch_blob(const std::string& sha256, std::uint64_t size,
                            const std::filesystem::path& partial) {
  if (!is_sha256_hex(sha256))
    fail_rejected(Reason::schema, sha256, "not a blob name (64 lowercase hex digits)");
  const std::string url = base_ + "/" + blob_relpath(sha256);

  std::error_code ec;
  std::uint64_t have = std::filesystem::exists(partial, ec) ? std::filesystem::file_size(partial, ec) : 0;
  if (ec) fail_runtime(Reason::io, partial.string(), "cannot read the partial blob: " + ec.message());
  if (have > size) {  // not ours to keep: more than the manifest allows
    std::filesystem::remove(partial, ec);
    have = 0;
  }
  if (have == size) return;  // complete already (the caller verifies the hash)

  std::vector<std::string> headers;
  if (have > 0) headers.push_back("Range: bytes=" + std::to_string(have) + "-");

  PartialFile out(partial);
  bool first_piece = true, too_long = false, bad_range = false, write_failed = false;
  std::uint64_t written = 0;
  const BodyConsumer consume = [&](const HttpResponse& head, std::string_view piece) {
    if (head.status != 200 && head.status != 206) return false;  // the status says it all: stop reading
    if (first_piece) {
      first_piece = false;
      if (head.status == 206 && head.range_start != have) {
        bad_range = true;
        return false;
      }
      if (head.status == 200 && have > 0) {  // the server ignored Range: start over
        if (!out.truncate_to_empty()) {
          write_failed = true;
          return false;
        }
        have = 0;
      }
    }
    const std::uint64_t room = size - have - written;
    const bool fits = piece.size() <= room;
    const std::string_view keep = fits ? piece : piece.substr(0, static_cast<std::size_t>(room));
    if (!out.append(keep)) {
      write_failed = true;
      return false;
    }
    written += keep.size();
    if (!fits) too_long = true;
    return fits;
  };

  const HttpResponse r = client_.get_streamed(url, headers, consume);
  bytes_received_ += r.body_bytes;
  out.close();
  if (write_failed) fail_runtime(Reason::io, partial.string(), "cannot write (disk full?)");
  if (too_long) {
    fail_rejected(Reason::hash, url,
                  "the server sent more than the " + std::to_string(size) + " bytes the manifest declares");
  }
  if (bad_range)
    fail_runtime(Reason::network, url, "the server answered a different byte range than asked for");
  if (r.status == 416) {
    std::filesystem::remove(partial, ec);  // the server's file is shorter than our partial one
    fail_runtime(Reason::network, url,
                 "the server has fewer bytes than already fetched; starting over next time");
  }
  if (r.status != 200 && r.status != 206)
    fail_runtime(status_reason(r.status), url, status_problem(r.status));
  if (have + written < size) {
    fail_runtime(Reason::network, url,
                 "the transfer ended after " + std::to_string(have + written) + " of " +
                     std::to_string(size) + " bytes (kept; the next attempt resumes)");
  }
}

}  // namespace gatecast::content
