#pragma once
// The small picture of what a screen shows that goes out with a heartbeat, so the office sees
// its screens without driving to the gate: scaled down to at most `max_width` pixels wide and
// compressed until it fits `max_bytes` (60 KB in a heartbeat).
#include <SDL.h>

#include <cstddef>
#include <string>

namespace gatecast::player {

inline constexpr std::size_t screenshot_max_bytes = 60u * 1024u;

// JPEG bytes of `frame`, or empty when even the smallest try does not fit (never throws: a
// heartbeat goes out without a picture rather than not at all).
[[nodiscard]] std::string screenshot_jpeg(SDL_Surface* frame, int max_width = 480,
                                          std::size_t max_bytes = screenshot_max_bytes);

}  // namespace gatecast::player
