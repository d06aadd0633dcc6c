// Fuzz target for the TZif reader (content/base/timezone.cpp): a screen reads its zone file
// from the system, which a bad image or a hand-copied file can make anything. A refusal is an
// Error; a crash, a hang, another exception or an offset beyond ±26 hours is a finding.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "content/base/error.hpp"
#include "content/base/timezone.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const gatecast::scheduler::TimeZone zone = gatecast::content::parse_tzif(bytes, "Fuzz/Zone", "fuzz");
    for (const std::int64_t t : {std::int64_t{-4'000'000'000}, std::int64_t{0}, std::int64_t{1'795'000'000},
                                 std::int64_t{5'000'000'000}}) {
      const int offset = zone.offset_at_seconds(t);
      if (offset < -26 * 3600 || offset > 26 * 3600) std::abort();
      if (const auto next = zone.next_transition_after(t); next && *next <= t) std::abort();
    }
  } catch (const gatecast::Error&) {
  }
  return 0;
}
