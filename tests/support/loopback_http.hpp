#pragma once
// The plumbing the tests' own HTTP servers share (scripted_http.hpp, hostile_http.hpp): a
// listener on 127.0.0.1 at a free port, one thread that takes one connection at a time and
// hands it to the server's answer, a request head read with a deadline, bytes sent with one.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

namespace gatecast::test {

// A listening socket on 127.0.0.1; `port` gets the port the kernel chose.
inline int loopback_listener(int backlog, int& port, const std::string& who) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error(who + ": socket failed");
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd, backlog) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    ::close(fd);
    throw std::runtime_error(who + ": cannot listen on loopback");
  }
  port = ntohs(a.sin_port);
  return fd;
}

// Sends every byte; false when the peer hung up or stopped reading for `timeout_ms`.
inline bool send_all(int fd, const std::string& bytes, int timeout_ms) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    pollfd p{fd, POLLOUT, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// The request up to its blank line (at most 64 KiB); nothing when the client went quiet for
// 2 s or hung up first.
inline std::optional<std::string> read_request_head(int fd) {
  std::string request;
  char buffer[4096];
  while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 2000) <= 0) return std::nullopt;
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return std::nullopt;
    request.append(buffer, static_cast<std::size_t>(n));
  }
  return request;
}

// Accepts connections on its own thread and passes each to `answer`, then closes it. Declare
// it after everything `answer` uses, so that it stops first.
class LoopbackServer {
 public:
  LoopbackServer(const std::string& who, int backlog, std::function<void(int fd)> answer)
      : answer_(std::move(answer)) {
    listener_ = loopback_listener(backlog, port_, who);
    thread_ = std::thread([this] { serve(); });
  }
  ~LoopbackServer() { stop(); }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  bool stopping() const { return stopping_; }

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
      answer_(fd);
      ::close(fd);
    }
  }

  std::function<void(int fd)> answer_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
};

}  // namespace gatecast::test
