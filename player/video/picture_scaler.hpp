#pragma once
// A decoded video frame (any of FFmpeg's pixel formats, any colour matrix) converted and scaled
// straight into the surface it shows on (the canvas), where it lies in its region: `contain` scales the whole
// frame into the region (letterboxed, the bars left to the region's background), `cover` fills the region and
// crops the frame's middle — the same placement as pictures (player/images/image_decode.hpp, place_fit). One
// libswscale context, kept while the frame's format and size stay the same.
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

  // Where a frame of frame_w x frame_h lies in the region (both > 0).
  [[nodiscard]] SDL_Rect placement(int frame_w, int frame_h) const;

  // Whether frames of `format` (an AVPixelFormat) can be converted: not a hardware surface.
  [[nodiscard]] static bool convertible(int format);

  // Converts and scales `frame` into `dst` (ARGB8888), the region's top left corner at (x, y):
  // straight into dst's pixels, or through a scratch picture for a region that dst clips.
  // False when the frame cannot be converted or memory runs out. One thread at a time.
  bool scale_into(const AVFrame* frame, SDL_Surface* dst, int x, int y);

 private:
  // The conversion contexts for `frame`, made again when its format or size changed; false
  // when swscale cannot convert it. `from` is the part of the frame shown, `to` its size.
  bool contexts_for(const AVFrame* frame, const SDL_Rect& from, const SDL_Rect& to);

  int width_, height_;
  content::Fit fit_;
  // A picture shown at another size is scaled in YUV first (`resize_`, into `small_`), then
  // converted to ARGB at its own size (`sws_`): swscale's scaling into RGB runs in plain C and
  // cost 7x the conversion alone (2880x960 LED wall: more than decoding), while both of these
  // steps have its SIMD code. Frames shown at their own size are only converted.
  SwsContext* resize_ = nullptr;
  AVFrame* small_ = nullptr;
  SwsContext* sws_ = nullptr;
  // What the contexts were made for.
  int from_w_ = 0, from_h_ = 0, from_format_ = -1, to_w_ = 0, to_h_ = 0, colorspace_ = -1, range_ = -1;
};

}  // namespace gatecast::player
