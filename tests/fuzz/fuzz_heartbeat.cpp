// Fuzz target for the heartbeat reader of `gatecast report` and the fleet page
// (content/reports/report_inputs.cpp): heartbeat files come back from every screen, on sticks
// or over the network, and are read at the office. Anything that is not a heartbeat is a
// nullopt; a crash, a hang or an exception is a finding.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "content/reports/report_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto heartbeat = gatecast::content::parse_heartbeat(text, 1 << 16);
  if (heartbeat && heartbeat->screen.empty()) std::abort();  // "no screen" is not a heartbeat
  return 0;
}
