// The one place that reads the machine's clocks for trusted time; everything else takes a
// ClockReading as a value, so tests inject any clock they like.
#include <time.h>

#include <chrono>
#include <fstream>

#include "content/signing/trusted_time.hpp"

namespace gatecast::content {

ClockReading read_system_clocks() {
  ClockReading reading;
  reading.wall = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  timespec ts{};
  // CLOCK_BOOTTIME counts suspended time too: the bound must not fall behind across a suspend.
  if (::clock_gettime(CLOCK_BOOTTIME, &ts) == 0) {
    reading.since_boot = std::chrono::duration_cast<Duration>(std::chrono::seconds(ts.tv_sec) +
                                                              std::chrono::nanoseconds(ts.tv_nsec));
  }
  // The boot id cannot change while this process lives: read it once (the loop asks often).
  static const std::string boot_id = [] {
    std::ifstream in("/proc/sys/kernel/random/boot_id");
    std::string id;
    if (!in || !std::getline(in, id) || id.size() > 64) return std::string();
    return id;
  }();
  reading.boot_id = boot_id;
  return reading;
}

}  // namespace gatecast::content
