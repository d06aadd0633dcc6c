#pragma once
// `gatecast pack`'s progress on long files (hashing an 8 GiB video, decoding it whole to check
// it): one line on stderr, rewritten in place ("gatecast: clips/film.mp4: decoding 42 %"), for
// a file larger than 64 MiB or a step that has run for a second. Only when stderr is a
// terminal: in a log or a pipe nothing is printed, so that stderr keeps exactly one line per
// problem. The line is wiped before anything else is printed and when the object goes away.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

namespace gatecast::cli {

class ProgressLine {
 public:
  // Writes to `out` only when `terminal` (pass isatty(fileno(out))).
  ProgressLine(std::FILE* out, bool terminal) : out_(out), terminal_(terminal) {}
  ~ProgressLine() { clear(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // `step` of `file` is at `done` of `total` (0: unknown); the signature of PackProgress.
  void update(const std::filesystem::path& file, const char* step, std::uint64_t done, std::uint64_t total);

  // Wipes the line when one is showing (before an error line, at the end).
  void clear();

 private:
  using Clock = std::chrono::steady_clock;
  std::FILE* out_;
  bool terminal_;
  std::string current_;  // "<file>: <step>" of the step under way
  Clock::time_point started_{}, drawn_{};
  bool showing_ = false;
};

}  // namespace gatecast::cli
