#include "content/sources/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

#include "content/base/error.hpp"
#include "content/sources/response_header.hpp"

namespace gatecast::content {
namespace {

constexpr std::size_t kErrorBodyBytes = 4096;
constexpr long kMaxRedirects = 5;
constexpr long kReceiveBufferBytes = 256 * 1024;  // fewer, larger reads on a fast link

// curl_global_init is not thread-safe in older libcurl: do it once, before any handle.
void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

// libcurl's cap (CURLOPT_MAX_RECV_SPEED_LARGE) acts on the speed it measures about once a
// second, so a transfer shorter than that arrives uncapped: blob after blob of a few MiB on a
// fast link, the cap never held. The pacer holds the body bytes of all of a client's transfers
// to the cap by making the receiving thread wait (libcurl then reads no more from the socket,
// and TCP slows the server down). After a pause it starts afresh instead of allowing a burst.
struct HttpClient::Pacer {
  std::uint64_t bytes_per_second = 0;
  const std::atomic<bool>* cancel = nullptr;
  std::chrono::steady_clock::time_point start{};
  std::uint64_t since_start = 0;

  void took(std::size_t n) {
    if (bytes_per_second == 0) return;
    const auto now = std::chrono::steady_clock::now();
    const auto due = [&] {
      return start +
             std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(
                 static_cast<double>(since_start) / static_cast<double>(bytes_per_second)));
    };
    if (since_start == 0 || due() + std::chrono::seconds(1) < now) {  // first bytes, or after a pause
      start = now;
      since_start = 0;
    }
    since_start += n;
    const auto until = due();
    while (std::chrono::steady_clock::now() < until && !(cancel && cancel->load())) {
      std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
          until - std::chrono::steady_clock::now(), std::chrono::milliseconds(100)));
    }
  }
};

namespace {

// What one transfer's callbacks share. Headers of intermediate responses (redirects, 100
// Continue) are dropped when the next status line arrives.
struct TransferState {
  const BodyConsumer* consumer = nullptr;
  HttpClient::Pacer* pacer = nullptr;
  HttpResponse response;
  long header_status = 0;
  bool aborted = false;
  std::string_view upload;
};

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* state = static_cast<TransferState*>(user);
  const std::size_t n = size * count;
  read_response_header_line(std::string_view(data, n), state->response, state->header_status);
  return n;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* state = static_cast<TransferState*>(user);
  const std::size_t n = size * count;
  state->response.status = state->header_status;
  if (!(*state->consumer)(state->response, std::string_view(data, n))) {
    state->aborted = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  state->response.body_bytes += n;
  if (state->pacer) state->pacer->took(n);
  return n;
}

std::size_t on_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* state = static_cast<TransferState*>(user);
  const std::size_t n = std::min(size * count, state->upload.size());
  std::copy_n(state->upload.data(), n, buffer);
  state->upload.remove_prefix(n);
  return n;
}

// Aborts the transfer (CURLE_ABORTED_BY_CALLBACK) once the owner asks to cancel.
int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* cancel = static_cast<const std::atomic<bool>*>(user);
  return cancel->load() ? 1 : 0;
}

// Keeps the start of an error body (an nginx "404 Not Found" page), for messages only, and
// stops the transfer once that is full: a server that answers an error with an endless body
// must not keep the sync thread reading for ever.
bool keep_error_body(std::string& into, std::string_view piece) {
  if (into.size() < kErrorBodyBytes) into.append(piece.substr(0, kErrorBodyBytes - into.size()));
  return into.size() < kErrorBodyBytes;
}

bool is_success(long status) {
  return status >= 200 && status <= 299;
}

}  // namespace

std::string normalized_http_base(const std::string& url) {
  if (!starts_with_ignoring_case(url, "http://") && !starts_with_ignoring_case(url, "https://")) {
    fail_usage(url, "not an http:// or https:// address");
  }
  std::string base = url;
  while (base.size() > 8 && base.back() == '/') base.pop_back();
  if (base.find_first_of(" \t\r\n") != std::string::npos) fail_usage(url, "the address contains white space");
  return base;
}

HttpClient::HttpClient(HttpOptions options)
    : options_(std::move(options)), pacer_(std::make_unique<Pacer>()) {
  pacer_->bytes_per_second = options_.max_bytes_per_second;
  pacer_->cancel = options_.cancel;
  init_curl_once();
  curl_ = curl_easy_init();
  if (!curl_) fail_runtime(Reason::network, "libcurl", "cannot create a transfer handle");
}

HttpClient::~HttpClient() {
  curl_easy_cleanup(static_cast<CURL*>(curl_));
}

HttpResponse HttpClient::get(const std::string& url, const std::vector<std::string>& headers,
                             std::uint64_t max_body_bytes) {
  std::string body;
  BodyConsumer keep = [&](const HttpResponse& head, std::string_view piece) {
    if (!is_success(head.status)) return keep_error_body(body, piece);
    if (body.size() + piece.size() > max_body_bytes) {
      body.append(piece.substr(0, max_body_bytes - body.size()));
      return false;
    }
    body.append(piece);
    return true;
  };
  HttpResponse r = perform(url, headers, keep, nullptr);
  r.body = std::move(body);
  return r;
}

HttpResponse HttpClient::get_streamed(const std::string& url, const std::vector<std::string>& headers,
                                      const BodyConsumer& consumer) {
  return perform(url, headers, consumer, nullptr);
}

HttpResponse HttpClient::put(const std::string& url, std::string_view body) {
  std::string answer;
  BodyConsumer keep = [&](const HttpResponse&, std::string_view piece) {
    return keep_error_body(answer, piece);
  };
  HttpResponse r = perform(url, {}, keep, &body);
  r.body = std::move(answer);
  return r;
}

namespace {

// Everything a request needs set on its handle, the same for a lone GET and for each of many.
void configure(CURL* curl, const HttpOptions& options, const std::string& url, curl_slist* header_list,
               TransferState& state, char* error_text) {
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: safe in threads
  curl_easy_setopt(curl, CURLOPT_BUFFERSIZE, kReceiveBufferBytes);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, kMaxRedirects);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "gatecast");
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, options.connect_timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, options.stall_bytes_per_second);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, options.stall_seconds);
  if (options.max_bytes_per_second > 0) {
    const auto cap = static_cast<curl_off_t>(options.max_bytes_per_second);
    curl_easy_setopt(curl, CURLOPT_MAX_RECV_SPEED_LARGE, cap);
    curl_easy_setopt(curl, CURLOPT_MAX_SEND_SPEED_LARGE, cap);
  }
  if (!options.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options.ca_file.c_str());
  if (options.cancel) {
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, options.cancel);
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &state);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &state);
}

// The response of a finished transfer, or Error(runtime, subject, ...) for a transport failure.
HttpResponse conclude(CURL* curl, TransferState& state, CURLcode code, const char* error_text,
                      const std::string& subject) {
  HttpResponse response = std::move(state.response);
  if (state.aborted) {
    // Whatever libcurl says (a write error), the cause is ours: a wanted body passed its
    // limit, or an error body was read as far as it is worth. The connection is closed by
    // libcurl, so the rest is never read. An error status is the caller's to report.
    response.status = state.header_status;
    response.over_limit = is_success(response.status);
    return response;
  }
  if (code != CURLE_OK) {
    std::string problem = error_text[0] ? error_text : curl_easy_strerror(code);
    if (code == CURLE_OPERATION_TIMEDOUT) problem = "transfer stalled or timed out (" + problem + ")";
    if (code == CURLE_ABORTED_BY_CALLBACK) problem = "transfer cancelled";
    fail_runtime(Reason::network, subject, problem);
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

// One request of get_many in flight: its own handle, headers and callback state.
struct Slot {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  TransferState state;
  StreamedGet get;
  std::size_t index = 0;
  bool busy = false;
  char error_text[CURL_ERROR_SIZE] = {0};
};

// Owns the multi handle and the slots; whatever way get_many ends, nothing stays attached.
struct MultiRun {
  CURLM* multi = curl_multi_init();
  std::vector<std::unique_ptr<Slot>> slots;
  ~MultiRun() {
    for (auto& slot : slots) {
      if (slot->busy) curl_multi_remove_handle(multi, slot->easy);
      curl_slist_free_all(slot->headers);
      if (slot->easy) curl_easy_cleanup(slot->easy);
    }
    curl_multi_cleanup(multi);
  }
};

}  // namespace

void HttpClient::get_many(std::size_t count, std::size_t parallel, const GetStarter& start,
                          const GetFinisher& finished) {
  MultiRun run;
  if (!run.multi) fail_runtime(Reason::network, "libcurl", "cannot create a transfer set");
  parallel = std::max<std::size_t>(1, std::min(parallel, count));
  // Several HTTP/1.1 connections to one server, or streams of one HTTP/2 connection when the
  // server offers it (https): either way at most `parallel` transfers at once.
  curl_multi_setopt(run.multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  curl_multi_setopt(run.multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(parallel));
  for (std::size_t i = 0; i < parallel; ++i) {
    auto slot = std::make_unique<Slot>();
    slot->easy = curl_easy_init();
    if (!slot->easy) fail_runtime(Reason::network, "libcurl", "cannot create a transfer handle");
    run.slots.push_back(std::move(slot));
  }

  std::size_t next = 0;
  const auto fill = [&] {
    for (auto& slot : run.slots) {
      while (!slot->busy && next < count) {
        std::optional<StreamedGet> get = start(next);
        const std::size_t index = next++;
        if (!get) continue;
        curl_easy_reset(slot->easy);
        curl_slist_free_all(slot->headers);
        slot->headers = nullptr;
        for (const std::string& h : get->headers) slot->headers = curl_slist_append(slot->headers, h.c_str());
        slot->get = std::move(*get);
        slot->state = TransferState{};
        slot->state.consumer = &slot->get.consumer;
        slot->state.pacer = pacer_.get();
        slot->error_text[0] = 0;
        slot->index = index;
        configure(slot->easy, options_, slot->get.url, slot->headers, slot->state, slot->error_text);
        if (curl_multi_add_handle(run.multi, slot->easy) != CURLM_OK)
          fail_runtime(Reason::network, "libcurl", "cannot start a transfer");
        slot->busy = true;
      }
    }
  };

  fill();
  while (std::any_of(run.slots.begin(), run.slots.end(), [](const auto& s) { return s->busy; })) {
    int running = 0;
    const CURLMcode mc = curl_multi_perform(run.multi, &running);
    if (mc != CURLM_OK) fail_runtime(Reason::network, "libcurl", curl_multi_strerror(mc));
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(run.multi, &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      const auto it = std::find_if(run.slots.begin(), run.slots.end(),
                                   [&](const auto& s) { return s->easy == msg->easy_handle; });
      if (it == run.slots.end()) continue;
      Slot& slot = **it;
      const CURLcode code = msg->data.result;
      curl_multi_remove_handle(run.multi, slot.easy);
      slot.busy = false;
      const std::string& subject = slot.get.subject.empty() ? slot.get.url : slot.get.subject;
      finished(slot.index, conclude(slot.easy, slot.state, code, slot.error_text, subject));
    }
    fill();
    if (running > 0) curl_multi_poll(run.multi, nullptr, 0, 1000, nullptr);
  }
}

HttpResponse HttpClient::perform(const std::string& url, const std::vector<std::string>& headers,
                                 const BodyConsumer& consumer, const std::string_view* upload) {
  CURL* curl = static_cast<CURL*>(curl_);
  curl_easy_reset(curl);  // keeps the live connection, so polls and blob runs reuse it

  TransferState state;
  state.consumer = &consumer;
  state.pacer = pacer_.get();
  char error_text[CURL_ERROR_SIZE] = {0};

  // libcurl's "Accept: */*" says nothing a static server uses: 13 bytes less on every request.
  curl_slist* header_list = curl_slist_append(nullptr, "Accept:");
  for (const std::string& h : headers) header_list = curl_slist_append(header_list, h.c_str());
  if (upload) header_list = curl_slist_append(header_list, "Expect:");  // no 100-continue round trip
  configure(curl, options_, url, header_list, state, error_text);
  if (upload) {
    state.upload = *upload;
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, on_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &state);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(upload->size()));
  }

  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(header_list);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);  // error_text dies with this frame
  return conclude(curl, state, code, error_text, url);
}

}  // namespace gatecast::content
