#include "player/surface/log_once.hpp"

#include <cstdio>

namespace gatecast::player {

bool LogOnce::operator()(const std::string& line, Instant now) {
  auto found = written_.find(line);
  if (found != written_.end() && (!repeat_after_ || now - found->second < *repeat_after_)) return false;
  if (written_.size() >= max_lines) written_.clear();
  written_[line] = now;
  std::fprintf(stderr, "gatecast: %s\n", line.c_str());
  return true;
}

}  // namespace gatecast::player
