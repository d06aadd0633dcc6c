#include "player/loop/service_notify.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace gatecast::player {

namespace {

std::optional<Duration> watchdog_from_environment() {
  const char* usec = std::getenv("WATCHDOG_USEC");
  if (!usec || !*usec) return std::nullopt;
  char* end = nullptr;
  unsigned long long value = std::strtoull(usec, &end, 10);
  if (*end != '\0' || value == 0) return std::nullopt;
  // WATCHDOG_PID names the process that must ping; a child of ours must not take it over.
  if (const char* pid = std::getenv("WATCHDOG_PID"); pid && *pid) {
    if (std::strtoll(pid, nullptr, 10) != static_cast<long long>(::getpid())) return std::nullopt;
  }
  return std::chrono::duration_cast<Duration>(std::chrono::microseconds(value));
}

}  // namespace

ServiceNotifier::ServiceNotifier() {
  if (const char* path = std::getenv("NOTIFY_SOCKET"); path && *path) socket_path_ = path;
  watchdog_interval_ = watchdog_from_environment();
}

ServiceNotifier::ServiceNotifier(std::string socket_path, std::optional<Duration> watchdog_interval)
    : socket_path_(std::move(socket_path)), watchdog_interval_(watchdog_interval) {}

std::optional<Duration> ServiceNotifier::watchdog_period() const {
  if (!enabled() || !watchdog_interval_) return std::nullopt;
  return *watchdog_interval_ / 2;
}

void ServiceNotifier::ready() {
  send("READY=1");
}
void ServiceNotifier::watchdog() {
  if (watchdog_interval_) send("WATCHDOG=1");
}
void ServiceNotifier::status(const std::string& line) {
  send("STATUS=" + line);
}
void ServiceNotifier::stopping() {
  send("STOPPING=1");
}

void ServiceNotifier::send(const std::string& message) const {
  if (socket_path_.empty()) return;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (socket_path_.size() >= sizeof(address.sun_path)) return;
  std::memcpy(address.sun_path, socket_path_.data(), socket_path_.size());
  if (address.sun_path[0] == '@') address.sun_path[0] = '\0';  // abstract socket
  auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + socket_path_.size());
  int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  ::sendto(fd, message.data(), message.size(), MSG_NOSIGNAL, reinterpret_cast<const sockaddr*>(&address),
           length);
  ::close(fd);
}

}  // namespace gatecast::player
