#pragma once
// A decoded video frame (any of FFmpeg's pixel formats, any colour matrix) to an SDL surface
// of the size it shows in its region: `contain` scales the whole frame into the region
// (letterboxed, the bars left to the region's background), `cover` fills the region and crops
// the frame's middle — the same placement as pictures (player/images/image_decode.hpp,
// place_fit). One libswscale context, kept while the frame's format and size stay the same.
#include <SDL2/SDL.h>

#include <cstdint>

#include "content/manifest/manifest.hpp"
#include "player/surface/sdl_ptr.hpp"

struct AVFrame;
struct SwsContext;

namespace gatecast::player {

class PictureScaler {
 public:
  // A region of width x height output px (each > 0) showing the video with `fit`.
  PictureScaler(int width, int height, content::Fit fit) : width_(width), height_(height), fit_(fit) {}
  ~PictureScaler();
  PictureScaler(const PictureScaler&) = delete;
  PictureScaler& operator=(const PictureScaler&) = delete;

  // Scales `frame` into `reuse` when it is a surface of the right size (else a new one);
  // returns it, or null when the frame's format cannot be converted or memory runs out.
  // `placed` is where the surface lies in the region. One thread at a time.
  [[nodiscard]] SharedSurface scale(const AVFrame* frame, SharedSurface reuse, SDL_Rect& placed);

 private:
  int width_, height_;
  content::Fit fit_;
  SwsContext* sws_ = nullptr;
  // What sws_ was made for.
  int from_w_ = 0, from_h_ = 0, from_format_ = -1, to_w_ = 0, to_h_ = 0, colorspace_ = -1, range_ = -1;
};

}  // namespace gatecast::player
