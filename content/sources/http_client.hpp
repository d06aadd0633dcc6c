#pragma once
// One libcurl easy handle, wrapped for the few requests gatecast makes: a bounded GET into
// memory (manifests), a GET appended to a file with Range resume (blobs) and a PUT (reports).
// Transfer settings come from HttpOptions (content/sources/source.hpp): connect and stall timeouts,
// bandwidth cap, CA file. Only http and https are spoken, also across redirects. The body
// callback refuses a byte past the caller's limit, so a server that sends endless data costs
// at most the limit (plus what sits in the socket buffers). Not thread-safe: one client per
// thread; the handle keeps its connection alive between requests.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/sources/source.hpp"

namespace gatecast::content {

struct HttpResponse {
  long status = 0;                           // the final response's status (after redirects)
  std::string etag;                          // ETag header of the final response, as sent
  std::string last_modified;                 // Last-Modified header of the final response, as sent
  std::optional<std::uint64_t> range_start;  // first byte of a 206's Content-Range
  std::string body;                          // GET into memory: the body (bounded)
  std::uint64_t body_bytes = 0;              // body bytes of the final response received
  bool over_limit = false;                   // the body was cut off at the caller's limit
};

// Receives the final response's body in pieces; returns false to abort the transfer (which
// the client then reports as over_limit when the status is 2xx). `head` holds the response's
// status and headers.
using BodyConsumer = std::function<bool(const HttpResponse& head, std::string_view piece)>;

// One GET of a batch: its request, where its body goes, and what its failures are called.
struct StreamedGet {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  BodyConsumer consumer;
  std::string subject;  // names the transfer in errors; empty: the URL
};
// The GET for item `index` of a batch, or nullopt when that item needs none.
using GetStarter = std::function<std::optional<StreamedGet>(std::size_t index)>;
// Told when item `index`'s GET ended with a response (any status, as get_streamed returns it).
using GetFinisher = std::function<void(std::size_t index, const HttpResponse& response)>;

class HttpClient {
 public:
  explicit HttpClient(HttpOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // GET `url` with extra request `headers` ("Name: value"); a 2xx body longer than
  // `max_body_bytes` aborts the transfer with over_limit set. The body of an error status is
  // kept up to 4 KiB, for messages, and the transfer ends there (over_limit stays false). Transport failures
  // (refused, timeout, stall, cut) throw Error(runtime, url, ...); an HTTP error status is returned, not
  // thrown.
  [[nodiscard]] HttpResponse get(const std::string& url, const std::vector<std::string>& headers,
                                 std::uint64_t max_body_bytes);

  // GET with the body handed to `consumer` (never stored). Same errors as get().
  [[nodiscard]] HttpResponse get_streamed(const std::string& url, const std::vector<std::string>& headers,
                                          const BodyConsumer& consumer);

  // GETs for items 0..count-1, up to `parallel` at once on this thread (libcurl's multi
  // interface: several HTTP/1.1 connections, or HTTP/2 streams where the server offers them).
  // `start` is called as a transfer can begin, `finished` as each ends; both on this thread.
  // A transport failure throws Error(runtime, subject, ...) as get() does and abandons the
  // transfers in flight; so does an exception from a callback.
  void get_many(std::size_t count, std::size_t parallel, const GetStarter& start,
                const GetFinisher& finished);

  // PUT `body` to `url`. Same errors as get(); the response body is kept up to 4 KiB.
  [[nodiscard]] HttpResponse put(const std::string& url, std::string_view body);

  const HttpOptions& options() const { return options_; }

  struct Pacer;  // holds received body bytes to options.max_bytes_per_second (http_client.cpp)

 private:
  HttpResponse perform(const std::string& url, const std::vector<std::string>& headers,
                       const BodyConsumer& consumer, const std::string_view* upload);

  HttpOptions options_;
  std::unique_ptr<Pacer> pacer_;
  void* curl_;  // CURL*, kept out of this header (libcurl is private to the module)
};

// The base URL without trailing slashes, checked to be http:// or https:// (case-insensitive
// scheme). Throws Error(usage, url, ...) otherwise.
[[nodiscard]] std::string normalized_http_base(const std::string& url);

}  // namespace gatecast::content
