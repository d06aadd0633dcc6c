#pragma once
// Time as the whole project passes it around: UTC instants in milliseconds. Nothing in
// scheduler/ reads a clock; callers hand the current instant in.
#include <chrono>
#include <cstdint>

namespace gatecast {

using Duration = std::chrono::milliseconds;
using Instant = std::chrono::sys_time<Duration>;

}  // namespace gatecast
