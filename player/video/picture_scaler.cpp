#include "player/video/picture_scaler.hpp"

extern "C" {
#include <libavutil/frame.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include "player/images/image_decode.hpp"
#include "player/surface/surface_ops.hpp"

namespace gatecast::player {

namespace {

// The frame's planes, moved to start at `from`'s top left corner (rounded down to the chroma
// grid, so every plane moves by whole samples).
void crop_planes(const AVFrame* frame, SDL_Rect& from, const std::uint8_t* planes[4]) {
  const AVPixFmtDescriptor* d = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(frame->format));
  const int align_x = 1 << d->log2_chroma_w, align_y = 1 << d->log2_chroma_h;
  from.x -= from.x % align_x;
  from.y -= from.y % align_y;
  for (int p = 0; p < 4; ++p) {
    planes[p] = frame->data[p];
    if (!planes[p]) continue;
    int step = 1;
    bool chroma = false;
    for (int c = 0; c < d->nb_components; ++c) {
      if (d->comp[c].plane != p) continue;
      step = d->comp[c].step;
      chroma = (c == 1 || c == 2) && !(d->flags & AV_PIX_FMT_FLAG_RGB);
    }
    const int x = chroma ? from.x >> d->log2_chroma_w : from.x;
    const int y = chroma ? from.y >> d->log2_chroma_h : from.y;
    planes[p] += std::ptrdiff_t{y} * frame->linesize[p] + std::ptrdiff_t{x} * step;
  }
}

}  // namespace

PictureScaler::~PictureScaler() {
  sws_freeContext(sws_);
  sws_freeContext(resize_);
  av_frame_free(&small_);
}

SDL_Rect PictureScaler::placement(int frame_w, int frame_h) const {
  return place_fit(frame_w, frame_h, width_, height_, fit_).to;
}

bool PictureScaler::convertible(int format) {
  const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(format));
  return desc && !(desc->flags & AV_PIX_FMT_FLAG_HWACCEL) &&
         sws_isSupportedInput(static_cast<AVPixelFormat>(format)) > 0;
}

bool PictureScaler::contexts_for(const AVFrame* frame, const SDL_Rect& from, const SDL_Rect& to) {
  const bool same = sws_ && from_w_ == from.w && from_h_ == from.h && from_format_ == frame->format &&
                    to_w_ == to.w && to_h_ == to.h && colorspace_ == frame->colorspace &&
                    range_ == frame->color_range;
  if (same) return true;
  sws_freeContext(sws_);
  sws_freeContext(resize_);
  sws_ = resize_ = nullptr;
  av_frame_free(&small_);
  from_format_ = -1;
  const auto format = static_cast<AVPixelFormat>(frame->format);
  const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(format);
  const bool full = frame->color_range == AVCOL_RANGE_JPEG;
  // The intermediate picture keeps the frame's range (no conversion but the size).
  AVPixelFormat convert_from = format;
  if ((from.w != to.w || from.h != to.h) && !(desc->flags & AV_PIX_FMT_FLAG_RGB)) {
    convert_from = AV_PIX_FMT_YUV420P;
    resize_ = sws_getContext(from.w, from.h, format, to.w, to.h, convert_from, SWS_BILINEAR, nullptr, nullptr,
                             nullptr);
    small_ = av_frame_alloc();
    if (!resize_ || !small_) return false;
    const int* table = sws_getCoefficients(SWS_CS_DEFAULT);
    sws_setColorspaceDetails(resize_, table, full ? 1 : 0, table, full ? 1 : 0, 0, 1 << 16, 1 << 16);
    small_->format = convert_from;
    small_->width = to.w;
    small_->height = to.h;
    if (av_frame_get_buffer(small_, 0) < 0) return false;
  }
  const SDL_Rect convert = resize_ ? to : from;
  sws_ = sws_getContext(convert.w, convert.h, convert_from, to.w, to.h, AV_PIX_FMT_BGRA, SWS_BILINEAR,
                        nullptr, nullptr, nullptr);
  if (!sws_) return false;
  // The frame's own matrix (BT.709 for HD, BT.601 for SD when it says nothing) and range.
  int space = frame->colorspace;
  if (space == AVCOL_SPC_UNSPECIFIED) space = frame->height >= 720 ? AVCOL_SPC_BT709 : AVCOL_SPC_SMPTE170M;
  sws_setColorspaceDetails(sws_, sws_getCoefficients(space), full ? 1 : 0,
                           sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
  from_w_ = from.w, from_h_ = from.h, from_format_ = frame->format;
  to_w_ = to.w, to_h_ = to.h, colorspace_ = frame->colorspace, range_ = frame->color_range;
  return true;
}

bool PictureScaler::scale_into(const AVFrame* frame, SDL_Surface* dst, int x, int y) {
  if (frame->width <= 0 || frame->height <= 0 || !convertible(frame->format)) return false;
  const FitPlacement fit = place_fit(frame->width, frame->height, width_, height_, fit_);
  SDL_Rect from = fit.from;
  const std::uint8_t* planes[4] = {};
  crop_planes(frame, from, planes);
  if (!contexts_for(frame, from, fit.to)) return false;
  const std::uint8_t* const* source = planes;
  const int* source_stride = frame->linesize;
  int source_h = from.h;
  if (resize_) {
    sws_scale(resize_, planes, frame->linesize, 0, from.h, small_->data, small_->linesize);
    source = small_->data;
    source_stride = small_->linesize;
    source_h = fit.to.h;
  }
  const SDL_Rect to{x + fit.to.x, y + fit.to.y, fit.to.w, fit.to.h};
  const bool inside = to.x >= 0 && to.y >= 0 && to.x + to.w <= dst->w && to.y + to.h <= dst->h;
  // A region the target clips (never on a canvas, whose regions lie inside it) goes through a
  // picture of its own, copied with the clipping every copy has.
  SurfacePtr scratch = inside ? nullptr : make_argb_surface(to.w, to.h);
  if (!inside && !scratch) return false;
  SDL_Surface* out = inside ? dst : scratch.get();
  const int ox = inside ? to.x : 0, oy = inside ? to.y : 0;
  // ARGB8888 on a little-endian machine is B, G, R, A in memory: FFmpeg's BGRA.
  std::uint8_t* out_planes[4] = {
      static_cast<std::uint8_t*>(out->pixels) + std::ptrdiff_t{oy} * out->pitch + std::ptrdiff_t{ox} * 4,
      nullptr, nullptr, nullptr};
  int out_stride[4] = {out->pitch, 0, 0, 0};
  sws_scale(sws_, source, source_stride, 0, source_h, out_planes, out_stride);
  if (!inside) copy_onto(scratch.get(), dst, to.x, to.y);
  return true;
}

}  // namespace gatecast::player
