#pragma once
// A small HTTP server on 127.0.0.1 that misbehaves on purpose, for the edge paths a real nginx
// will not show: every request gets the same scripted head and then a body that never ends
// (a huge Content-Length, or chunks for ever). It counts what it managed to send, so a test
// can tell that the client hung up early. Bounded: it stops sending after `max_bytes` or
// `max_seconds` per connection, whichever comes first, and stop() ends it at once.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <thread>

namespace gatecast::test {

struct HostileResponse {
  std::string head = "HTTP/1.1 404 Not Found\r\nContent-Length: 100000000000\r\n";  // without the blank line
  bool chunked = false;  // send the body as endless "Transfer-Encoding: chunked" pieces
  std::uint64_t max_bytes = 256ull << 20;
  int max_seconds = 20;
};

class HostileHttp {
 public:
  explicit HostileHttp(HostileResponse response) : response_(std::move(response)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener_ < 0) throw std::runtime_error("hostile http: socket failed");
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(listener_, 8) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
      ::close(listener_);
      throw std::runtime_error("hostile http: cannot listen on loopback");
    }
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~HostileHttp() { stop(); }
  HostileHttp(const HostileHttp&) = delete;
  HostileHttp& operator=(const HostileHttp&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Body bytes sent over all connections so far.
  std::uint64_t body_bytes_sent() const { return sent_; }
  // True when some connection ran into max_bytes or max_seconds (the client never hung up).
  bool hit_its_bound() const { return hit_bound_; }

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
    std::string head = response_.head;
    if (response_.chunked) head += "Transfer-Encoding: chunked\r\n";
    head += "\r\n";
    if (!send_all(fd, head)) return;
    const std::string piece(16384, 'x');
    char size_line[32];
    std::snprintf(size_line, sizeof size_line, "%zx\r\n", piece.size());
    const std::string chunk = std::string(size_line) + piece + "\r\n";
    const std::string& unit = response_.chunked ? chunk : piece;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(response_.max_seconds);
    std::uint64_t here = 0;
    while (!stopping_) {
      if (here >= response_.max_bytes || std::chrono::steady_clock::now() >= until) {
        hit_bound_ = true;
        return;
      }
      if (!send_all(fd, unit)) return;  // the client hung up: what we want to see
      here += piece.size();
      sent_ += piece.size();
    }
  }

  bool send_all(int fd, const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      pollfd p{fd, POLLOUT, 0};
      if (::poll(&p, 1, 2000) <= 0) return false;  // a client that stopped reading counts as gone
      const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }

  HostileResponse response_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> sent_{0};
  std::atomic<bool> hit_bound_{false};
};

}  // namespace gatecast::test
