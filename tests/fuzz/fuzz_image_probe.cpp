// Fuzz target for the image header reader (player/images/image_probe.cpp), which reads the
// dimensions of untrusted PNG, JPEG and WebP files before any decoder runs. A refusal is a
// nullopt with a problem in words; a crash, a hang, or an accepted header with a zero or
// negative side is a finding.
//
// The fuzz targets link only gatecast_content and gatecast_scheduler; the probe needs nothing
// of SDL, so its one source file is compiled into this target directly.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "player/images/image_probe.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string problem;
  const auto header = gatecast::player::probe_image(bytes, problem);
  if (header) {
    if (header->width <= 0 || header->height <= 0) std::abort();
    (void)gatecast::player::check_image_limits(*header, {});
  } else if (problem.empty()) {
    std::abort();  // every refusal says why
  }
  return 0;
}
