#include "player/render/geometry.hpp"

#include <algorithm>
#include <cmath>

namespace gatecast::player {

SDL_Rect CanvasMapping::map(const content::Rect& r) const {
  auto edge = [this](int v) { return static_cast<int>(std::lround(v * scale)); };
  const int x0 = edge(r.x), y0 = edge(r.y);
  const int x1 = edge(r.x + r.w), y1 = edge(r.y + r.h);
  return SDL_Rect{content.x + x0, content.y + y0, std::max(0, x1 - x0), std::max(0, y1 - y0)};
}

CanvasMapping map_canvas(int canvas_w, int canvas_h, int viewport_w, int viewport_h) {
  canvas_w = std::max(1, canvas_w);
  canvas_h = std::max(1, canvas_h);
  viewport_w = std::max(1, viewport_w);
  viewport_h = std::max(1, viewport_h);
  CanvasMapping m;
  m.scale = std::min(double(viewport_w) / canvas_w, double(viewport_h) / canvas_h);
  m.content.w = std::clamp(static_cast<int>(std::lround(canvas_w * m.scale)), 1, viewport_w);
  m.content.h = std::clamp(static_cast<int>(std::lround(canvas_h * m.scale)), 1, viewport_h);
  m.content.x = (viewport_w - m.content.w) / 2;
  m.content.y = (viewport_h - m.content.h) / 2;
  return m;
}

SDL_Rect viewport_in_output(const std::optional<content::Rect>& configured, int output_w, int output_h) {
  const SDL_Rect whole{0, 0, output_w, output_h};
  if (!configured) return whole;
  const SDL_Rect want{configured->x, configured->y, configured->w, configured->h};
  SDL_Rect clipped;
  if (!SDL_IntersectRect(&want, &whole, &clipped)) return whole;  // nothing of it on the output
  return clipped;
}

}  // namespace gatecast::player
