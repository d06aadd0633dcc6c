// Fuzz target for the play-log line reader (content/reports/playlog.hpp), which reads lines from
// screens' logs and from shipped batches in a report folder: both untrusted. Every input is
// tried as one line; an accepted line must round-trip: written again by play_record_line and
// read back, it gives the same record. A crash, an exception or a broken round trip is a finding.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "content/reports/playlog.hpp"

using namespace gatecast::content;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string line(reinterpret_cast<const char*>(data), size);
  LoggedPlay first;
  if (!parse_play_record_line(line, first)) return 0;
  LoggedPlay again;
  if (!parse_play_record_line(play_record_line(first.id, first.sequence, first.play, first.prev), again))
    std::abort();
  if (again.id != first.id || again.sequence != first.sequence || again.play.start != first.play.start ||
      again.play.end != first.play.end || again.play.assets != first.play.assets ||
      again.play.playlist != first.play.playlist || again.play.version != first.play.version ||
      again.prev != first.prev || again.play.kind != first.play.kind ||
      again.play.source != first.play.source || again.play.key_id != first.play.key_id ||
      again.play.titles != first.play.titles || again.play.slide_title != first.play.slide_title) {
    std::abort();
  }
  return 0;
}
