#pragma once
// A small HTTP server on 127.0.0.1 that answers each request with whatever the test scripts,
// for the edge paths of a blob transfer that nginx never shows: a server that ignores Range,
// a 206 from the wrong byte, a 416, redirects to other protocols, a body cut in the middle, a
// transfer that stalls. One request per connection (it answers "Connection: close"); it keeps
// every request head it saw, so a test can check what the client asked for.
//
// SilentListener is the other end of a connect timeout: a socket whose accept queue is full
// and never drained, so the kernel drops further SYNs and a connect never completes.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/loopback_http.hpp"

namespace gatecast::test {

struct ScriptedReply {
  std::string head;  // status line and headers, each ending "\r\n", without the blank line
  std::string body;  // sent after the blank line
  // Body bytes sent before the connection is closed (a cut) or held open without sending
  // more (a stall, when `stall` is set): std::string::npos sends it all.
  std::size_t stop_after = std::string::npos;
  bool stall = false;
};

using ScriptedHandler = std::function<ScriptedReply(const std::string& request_head)>;

class ScriptedHttp {
 public:
  explicit ScriptedHttp(ScriptedHandler handler) : handler_(std::move(handler)) {}
  ScriptedHttp(const ScriptedHttp&) = delete;
  ScriptedHttp& operator=(const ScriptedHttp&) = delete;

  std::string url() const { return server_.url(); }
  std::vector<std::string> requests() const {
    const std::lock_guard lock(mutex_);
    return requests_;
  }
  // Body bytes sent over all connections so far; a body is counted once all of it is sent,
  // which may be after the client has it (stop() first for the final count).
  std::uint64_t body_bytes_sent() const { return sent_; }

  void stop() { server_.stop(); }

 private:
  void answer(int fd) {
    const std::optional<std::string> request = read_request_head(fd);
    if (!request) return;
    {
      const std::lock_guard lock(mutex_);
      requests_.push_back(*request);
    }
    const ScriptedReply reply = handler_(*request);
    if (!send_all(fd, reply.head + "Connection: close\r\n\r\n", 5000)) return;
    const std::size_t n = std::min(reply.stop_after, reply.body.size());
    if (!send_all(fd, reply.body.substr(0, n), 5000)) return;
    sent_ += n;
    if (reply.stall) {  // hold the connection open, silent, until the client gives up
      char buffer[4096];
      for (int i = 0; i < 300 && !server_.stopping(); ++i) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) > 0 && ::recv(fd, buffer, sizeof buffer, 0) <= 0) return;
      }
    }
  }

  ScriptedHandler handler_;
  std::atomic<std::uint64_t> sent_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
  LoopbackServer server_{"scripted http", 16, [this](int fd) { answer(fd); }};  // last: stops first
};

class SilentListener {
 public:
  SilentListener() {
    listener_ = loopback_listener(0, port_, "silent listener");
    // Fill the accept queue (backlog 0 still holds one connection) so that the kernel drops
    // the next SYN: the client's connect then waits for its timeout.
    for (int i = 0; i < 4; ++i) {
      const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      a.sin_port = htons(static_cast<std::uint16_t>(port_));
      (void)::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
      fillers_.push_back(fd);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let the handshakes land
  }
  ~SilentListener() {
    for (int fd : fillers_) ::close(fd);
    ::close(listener_);
  }
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int listener_ = -1;
  int port_ = 0;
  std::vector<int> fillers_;
};

}  // namespace gatecast::test
