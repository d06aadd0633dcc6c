#pragma once
// A small HTTP server on 127.0.0.1 that misbehaves on purpose, for the edge paths a real nginx
// will not show: every request gets the same scripted head and then a body that never ends
// (a huge Content-Length, or chunks for ever). It counts what it managed to send, so a test
// can tell that the client hung up early. Bounded: it stops sending after `max_bytes` or
// `max_seconds` per connection, whichever comes first, and stop() ends it at once.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "support/loopback_http.hpp"

namespace gatecast::test {

struct HostileResponse {
  std::string head = "HTTP/1.1 404 Not Found\r\nContent-Length: 100000000000\r\n";  // without the blank line
  bool chunked = false;  // send the body as endless "Transfer-Encoding: chunked" pieces
  std::uint64_t max_bytes = 256ull << 20;
  int max_seconds = 20;
};

class HostileHttp {
 public:
  explicit HostileHttp(HostileResponse response) : response_(std::move(response)) {}
  HostileHttp(const HostileHttp&) = delete;
  HostileHttp& operator=(const HostileHttp&) = delete;

  std::string url() const { return server_.url(); }
  // Body bytes sent over all connections so far.
  std::uint64_t body_bytes_sent() const { return sent_; }
  // True when some connection ran into max_bytes or max_seconds (the client never hung up).
  bool hit_its_bound() const { return hit_bound_; }

  void stop() { server_.stop(); }

 private:
  void answer(int fd) {
    if (!read_request_head(fd)) return;
    std::string head = response_.head;
    if (response_.chunked) head += "Transfer-Encoding: chunked\r\n";
    head += "\r\n";
    if (!send_all(fd, head, 2000)) return;
    const std::string piece(16384, 'x');
    char size_line[32];
    std::snprintf(size_line, sizeof size_line, "%zx\r\n", piece.size());
    const std::string chunk = std::string(size_line) + piece + "\r\n";
    const std::string& unit = response_.chunked ? chunk : piece;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(response_.max_seconds);
    std::uint64_t here = 0;
    while (!server_.stopping()) {
      if (here >= response_.max_bytes || std::chrono::steady_clock::now() >= until) {
        hit_bound_ = true;
        return;
      }
      // A client that stopped reading for 2 s counts as gone, as one that hung up: what we want to see.
      if (!send_all(fd, unit, 2000)) return;
      here += piece.size();
      sent_ += piece.size();
    }
  }

  HostileResponse response_;
  std::atomic<std::uint64_t> sent_{0};
  std::atomic<bool> hit_bound_{false};
  LoopbackServer server_{"hostile http", 8, [this](int fd) { answer(fd); }};  // last: stops first
};

}  // namespace gatecast::test
