#pragma once
// systemd's notify protocol, written by hand (a datagram to $NOTIFY_SOCKET) so that the player
// needs no libsystemd: READY=1 once the first frame is on screen, WATCHDOG=1 from the loop
// (a loop that stops turning stops petting the dog, and systemd restarts it), STATUS= for
// `systemctl status`. Without $NOTIFY_SOCKET every call is a no-op.
#include <optional>
#include <string>

#include "scheduler/time.hpp"

namespace gatecast::player {

class ServiceNotifier {
 public:
  // Reads $NOTIFY_SOCKET and $WATCHDOG_USEC (and $WATCHDOG_PID, which must be ours when set).
  ServiceNotifier();
  // For tests: an explicit socket path ("" = disabled; a leading '@' = abstract namespace).
  ServiceNotifier(std::string socket_path, std::optional<Duration> watchdog_interval);

  [[nodiscard]] bool enabled() const { return !socket_path_.empty(); }

  // How often the loop must call watchdog(): half of WatchdogSec, as systemd recommends;
  // nullopt when the service has no watchdog.
  [[nodiscard]] std::optional<Duration> watchdog_period() const;

  // Loop thread. Each sends one datagram; failures are ignored (systemd may be restarting), a
  // lost ping only matters if every ping is lost, and then a restart is the right outcome.
  void ready();
  void watchdog();
  void status(const std::string& line);
  void stopping();

 private:
  void send(const std::string& message) const;

  std::string socket_path_;
  std::optional<Duration> watchdog_interval_;
};

}  // namespace gatecast::player
