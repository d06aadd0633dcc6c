#include "content/sources/http_source.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <system_error>

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/base/publish_tree.hpp"
#include "content/base/sha256.hpp"
#include "content/sources/partial_blob.hpp"

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

// Transfers of one blob batch at once: enough to keep a fast link busy while one of them
// waits on a round trip, few enough to leave the server's connections to other screens.
constexpr std::size_t kParallelBlobs = 4;

// One blob of a batch on its way: the checks on the server's answer and the file it fills.
struct BlobDownload {
  const BlobRequest* request = nullptr;
  std::string url, subject;
  std::unique_ptr<PartialBlob> file;
  std::uint64_t resumed_from = 0;
  bool first_piece = true, too_long = false, bad_range = false, write_failed = false;

  // Takes the body of a 200 (from the start) or a 206 (from resumed_from); anything else
  // stops the transfer and is reported by conclude(). Never writes past the declared size.
  bool consume(const HttpResponse& head, std::string_view piece) {
    if (head.status != 200 && head.status != 206) return false;  // the status says it all: stop reading
    if (first_piece) {
      first_piece = false;
      if (head.status == 206 && head.range_start != resumed_from) {
        bad_range = true;  // never append bytes from somewhere else in the file
        return false;
      }
      if (head.status == 200 && file->size() > 0) {  // the server ignored Range: start over
        if (!file->restart()) {
          write_failed = true;
          return false;
        }
      }
    }
    const std::uint64_t room = request->size - file->size();
    const bool fits = piece.size() <= room;
    if (!file->append(fits ? piece : piece.substr(0, static_cast<std::size_t>(room)))) {
      write_failed = true;
      return false;
    }
    if (!fits) too_long = true;
    return fits;
  }

  // After the transfer: the SHA-256 of the complete file, or the one-line failure.
  std::string conclude(const HttpResponse& r) {
    const std::uint64_t have = file->size();
    if (write_failed) fail_runtime(Reason::io, request->partial.string(), "cannot write (disk full?)");
    const std::string sha256 = file->finish();
    if (too_long) {
      fail_rejected(
          Reason::hash, subject,
          "the server sent more than the " + std::to_string(request->size) + " bytes the manifest declares");
    }
    if (bad_range)
      fail_runtime(Reason::network, subject, "the server answered a different byte range than asked for");
    if (r.status == 416) {
      std::error_code ec;
      std::filesystem::remove(request->partial, ec);  // the server's file is shorter than our partial one
      fail_runtime(Reason::network, subject,
                   "the server has fewer bytes than already fetched; starting over next time");
    }
    if (r.status != 200 && r.status != 206)
      fail_runtime(status_reason(r.status), subject, status_problem(r.status));
    if (have < request->size) {
      fail_runtime(Reason::network, subject,
                   "the transfer ended after " + std::to_string(have) + " of " +
                       std::to_string(request->size) + " bytes (kept; the next attempt resumes)");
    }
    return sha256;
  }
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
  // The manifest is there and its signature is not: the package is unsigned, as a stick without
  // one is (folder_source), not a channel that has nothing published.
  if (status_reason(signature.status) == Reason::not_found) {
    fail_rejected(Reason::signature, signature_url,
                  "is missing (HTTP " + std::to_string(signature.status) + "): the manifest is not signed");
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
  create_folders_durably(state_dir_);
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
  fetch_blobs({BlobRequest{sha256, size, partial, {}}}, [](std::size_t, const std::string&) {});
}

void HttpSource::fetch_blobs(const std::vector<BlobRequest>& requests, const BlobReceived& received,
                             const BlobMoved& moved) {
  for (const BlobRequest& r : requests) {
    if (!is_sha256_hex(r.sha256))
      fail_rejected(Reason::schema, r.sha256, "not a blob name (64 lowercase hex digits)");
  }
  std::vector<BlobDownload> downloads(requests.size());
  const GetStarter start = [&](std::size_t i) -> std::optional<StreamedGet> {
    const BlobRequest& request = requests[i];
    BlobDownload& d = downloads[i];
    d.request = &request;
    d.url = base_ + "/" + blob_relpath(request.sha256);
    d.subject = request.asset.empty() ? d.url : d.url + " (asset " + request.asset + ")";
    std::error_code ec;
    const std::uint64_t have =
        std::filesystem::exists(request.partial, ec) ? std::filesystem::file_size(request.partial, ec) : 0;
    if (ec)
      fail_runtime(Reason::io, request.partial.string(), "cannot read the partial blob: " + ec.message());
    if (have > request.size) std::filesystem::remove(request.partial, ec);  // more than the manifest allows
    d.file = std::make_unique<PartialBlob>(request.partial);
    d.resumed_from = d.file->size();
    if (d.resumed_from == request.size) {  // complete already (the caller checks the hash)
      received(i, d.file->finish());
      d.file.reset();
      return std::nullopt;
    }
    StreamedGet get;
    get.url = d.url;
    get.subject = d.subject;
    if (d.resumed_from > 0) get.headers.push_back("Range: bytes=" + std::to_string(d.resumed_from) + "-");
    get.consumer = [&d, &moved, i](const HttpResponse& head, std::string_view piece) {
      const bool more = d.consume(head, piece);
      if (more && moved) moved(i, d.file->size());
      return more;
    };
    return get;
  };
  const GetFinisher finished = [&](std::size_t i, const HttpResponse& r) {
    bytes_received_ += r.body_bytes;
    const std::string sha256 = downloads[i].conclude(r);
    downloads[i].file.reset();
    received(i, sha256);
  };
  // A bandwidth cap is libcurl's per transfer: with a cap, one transfer at a time keeps the
  // whole sync under it (and on such a link parallel transfers would gain nothing).
  const std::size_t parallel = client_.options().max_bytes_per_second > 0 ? 1 : kParallelBlobs;
  client_.get_many(requests.size(), parallel, start, finished);
}

}  // namespace gatecast::content
