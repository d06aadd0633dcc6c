#pragma once
// A datagram socket standing in for systemd's $NOTIFY_SOCKET, for the loop tests that watch
// READY=1 and the watchdog pings.
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace gatecast::test {

class NotifySocket {
 public:
  explicit NotifySocket(const std::filesystem::path& path) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  }
  ~NotifySocket() { ::close(fd_); }
  std::vector<std::string> messages() {
    std::vector<std::string> out;
    char buffer[512];
    ssize_t n;
    while ((n = ::recv(fd_, buffer, sizeof buffer, 0)) > 0)
      out.emplace_back(buffer, static_cast<std::size_t>(n));
    return out;
  }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace gatecast::test
