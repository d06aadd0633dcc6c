#pragma once
// The journal's guard against floods: a problem met on every frame (a picture that will not
// decode, fonts that will not load, a store that cannot be read) is written once, not sixty
// times a second. Every part of the player that logs a repeatable problem holds one LogOnce.
#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "scheduler/time.hpp"

namespace gatecast::player {

class LogOnce {
 public:
  // `repeat_after`: a line is written again once this much time has passed since it was last
  // written (the loop reminds the journal of a problem that lasts); none = once per process
  // lifetime of this LogOnce.
  explicit LogOnce(std::optional<Duration> repeat_after = std::nullopt) : repeat_after_(repeat_after) {}

  // Writes "gatecast: <line>" to stderr unless it was written already (within repeat_after of
  // `now`). Returns whether it was written. Memory stays bounded: past `max_lines` distinct
  // lines the memory is cleared (a flood of distinct lines may then repeat, never grow).
  // One thread per LogOnce.
  bool operator()(const std::string& line, Instant now = Instant{});

 private:
  static constexpr std::size_t max_lines = 1000;
  std::optional<Duration> repeat_after_;
  std::map<std::string, Instant> written_;  // line -> when last written
};

}  // namespace gatecast::player
