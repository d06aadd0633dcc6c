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

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

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

namespace detail {

inline int loopback_listener(int backlog, int& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("scripted http: socket failed");
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd, backlog) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("scripted http: cannot listen on loopback");
  }
  port = ntohs(a.sin_port);
  return fd;
}

}  // namespace detail

class ScriptedHttp {
 public:
  explicit ScriptedHttp(ScriptedHandler handler) : handler_(std::move(handler)) {
    listener_ = detail::loopback_listener(16, port_);
    thread_ = std::thread([this] { serve(); });
  }
  ~ScriptedHttp() { stop(); }
  ScriptedHttp(const ScriptedHttp&) = delete;
  ScriptedHttp& operator=(const ScriptedHttp&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<std::string> requests() const {
    const std::lock_guard lock(mutex_);
    return requests_;
  }
  // Body bytes sent over all connections so far.
  std::uint64_t body_bytes_sent() const { return sent_; }

  void stop() {
    if (stopping_.exchange(true)) return;
    ::shutdown(listener_, SHUT_RDWR);
    if (thread_.joinable()) thread_.join();
    ::close(listener_);
  }

 private:
  void serve() {
    while (!stopping_) {
      pollfd p{listener_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      answer(fd);
      ::close(fd);
    }
  }

  void answer(int fd) {
    std::string request;
    char buffer[4096];
    while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 2000) <= 0) return;
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) return;
      request.append(buffer, static_cast<std::size_t>(n));
    }
    {
      const std::lock_guard lock(mutex_);
      requests_.push_back(request);
    }
    const ScriptedReply reply = handler_(request);
    if (!send_all(fd, reply.head + "Connection: close\r\n\r\n")) return;
    const std::size_t n = std::min(reply.stop_after, reply.body.size());
    if (!send_all(fd, reply.body.substr(0, n))) return;
    sent_ += n;
    if (reply.stall) {  // hold the connection open, silent, until the client gives up
      for (int i = 0; i < 300 && !stopping_; ++i) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) > 0 && ::recv(fd, buffer, sizeof buffer, 0) <= 0) return;
      }
    }
  }

  bool send_all(int fd, const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      pollfd p{fd, POLLOUT, 0};
      if (::poll(&p, 1, 5000) <= 0) return false;
      const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }

  ScriptedHandler handler_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> sent_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
};

class SilentListener {
 public:
  SilentListener() {
    listener_ = detail::loopback_listener(0, port_);
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
