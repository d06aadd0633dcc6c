#include "content/media/video_file.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/hwcontext.h>
#include <libavutil/log.h>
#include <libavutil/pixdesc.h>
}

#include <cstdint>
#include <cstdio>
#include <mutex>

#include "content/base/error.hpp"

namespace gatecast::content {

namespace {

// FFmpeg writes its own complaints to stderr; ours are one line per problem, so its log is off.
void quiet_ffmpeg_log() {
  static std::once_flag once;
  std::call_once(once, [] { av_log_set_level(AV_LOG_QUIET); });
}

// Takes the hardware's pixel format when the decoder offers it for this stream, else the
// decoder's first software format (a profile the hardware does not do decodes in software).
AVPixelFormat hardware_format(AVCodecContext* codec, const AVPixelFormat* offered) {
  const auto wanted = static_cast<AVPixelFormat>(reinterpret_cast<std::intptr_t>(codec->opaque));
  for (const AVPixelFormat* f = offered; *f != AV_PIX_FMT_NONE; ++f) {
    if (*f == wanted) return *f;
  }
  return avcodec_default_get_format(codec, offered);
}

std::string seconds_text(std::int64_t us) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f s", static_cast<double>(us) / 1e6);
  return text;
}

}  // namespace

const AVInputFormat* demuxer_for(AssetType container) {
  switch (container) {
    case AssetType::mp4:
      return av_find_input_format("mp4");
    case AssetType::matroska:
    case AssetType::webm:
      return av_find_input_format("matroska");
    default:
      return nullptr;
  }
}

bool is_playable_codec(const std::string& name) {
  return name == "h264" || name == "hevc" || name == "vp9" || name == "av1";
}

std::string av_error_text(int av_error) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(av_error, text, sizeof text);
  return text;
}

VideoFile::VideoFile(const std::filesystem::path& file, AssetType container, const std::string& subject,
                     bool strict, int decoder_threads, const HardwareDecoding* hardware)
    : subject_(subject) {
  try {
    open(file, container, strict, decoder_threads, hardware);
  } catch (...) {
    release();
    throw;
  }
}

int VideoFile::open_decoder(const AVCodec* decoder, bool strict, int decoder_threads, HardwarePath* path) {
  codec_ = avcodec_alloc_context3(path && path->decoder ? path->decoder : decoder);
  if (!codec_) fail_runtime(Reason::io, subject_, "out of memory opening the video");
  AVStream* stream = format_->streams[stream_];
  int e = avcodec_parameters_to_context(codec_, stream->codecpar);
  if (e < 0) fail("the codec parameters are unusable: " + av_error_text(e));
  codec_->thread_count = decoder_threads;
  codec_->pkt_timebase = stream->time_base;
  if (strict) codec_->err_recognition |= AV_EF_EXPLODE | AV_EF_BITSTREAM | AV_EF_BUFFER;
  if (path && path->device) {
    codec_->hw_device_ctx = av_buffer_ref(path->device);
    codec_->opaque = reinterpret_cast<void*>(static_cast<std::intptr_t>(AV_PIX_FMT_VAAPI));
    codec_->get_format = hardware_format;
  }
  e = avcodec_open2(codec_, path && path->decoder ? path->decoder : decoder, nullptr);
  if (e < 0) avcodec_free_context(&codec_);
  return e;
}

void VideoFile::open(const std::filesystem::path& file, AssetType container, bool strict, int decoder_threads,
                     const HardwareDecoding* hardware) {
  quiet_ffmpeg_log();
  const AVInputFormat* demuxer = demuxer_for(container);
  if (!demuxer) fail("is not a video container (MP4, Matroska or WebM)");
  if (int e = avformat_open_input(&format_, file.c_str(), demuxer, nullptr); e < 0) {
    format_ = nullptr;  // freed by avformat_open_input on failure
    fail("the " + std::string(container == AssetType::mp4 ? "MP4" : "Matroska") +
         " container cannot be read: " + av_error_text(e));
  }
  if (int e = avformat_find_stream_info(format_, nullptr); e < 0)
    fail("the streams cannot be read: " + av_error_text(e));
  const AVCodec* decoder = nullptr;
  stream_ = av_find_best_stream(format_, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
  if (stream_ < 0) fail("holds no video stream");
  AVStream* stream = format_->streams[stream_];
  const char* name = avcodec_get_name(stream->codecpar->codec_id);
  if (!is_playable_codec(name))
    fail("the codec '" + std::string(name) + "' is not one the screens play (" + playable_codecs_text + ")");
  if (!decoder) fail("no decoder for the codec '" + std::string(name) + "' on this machine");
  packet_ = av_packet_alloc();
  frame_ = av_frame_alloc();
  memory_frame_ = av_frame_alloc();
  if (!packet_ || !frame_ || !memory_frame_)
    fail_runtime(Reason::io, subject_, "out of memory opening the video");
  if (hardware) {
    HardwarePath path;
    std::string why;
    if (open_hardware(*hardware, name, path, why)) {
      const int e = open_decoder(decoder, strict, decoder_threads, &path);
      av_buffer_unref(&path.device);
      hardware_ = e >= 0;
      decoding_ = hardware_ ? path.description
                            : "software (" + path.description +
                                  " does not decode this video: " + av_error_text(e) + ")";
    } else {
      decoding_ = "software (" + why + ")";
    }
  }
  if (!codec_) {
    if (int e = open_decoder(decoder, strict, decoder_threads, nullptr); e < 0)
      fail("the decoder does not open: " + av_error_text(e));
  }
  if (codec_->width <= 0 || codec_->height <= 0) fail("the video has no picture size");
  stream_start_ = stream->start_time != AV_NOPTS_VALUE ? stream->start_time : 0;
  // Only the video stream is read; audio and subtitles are left in the file.
  for (unsigned i = 0; i < format_->nb_streams; ++i) {
    if (static_cast<int>(i) != stream_) format_->streams[i]->discard = AVDISCARD_ALL;
  }
}

VideoFile::~VideoFile() {
  release();
}

void VideoFile::release() noexcept {
  av_frame_free(&frame_);
  av_frame_free(&memory_frame_);
  av_packet_free(&packet_);
  avcodec_free_context(&codec_);
  if (format_) avformat_close_input(&format_);
}

void VideoFile::fail(const std::string& problem) const {
  fail_rejected(Reason::unplayable, subject_, problem);
}

void VideoFile::fail_at(std::int64_t us, const std::string& what, int av_error) const {
  fail("the video breaks at " + seconds_text(us) + ": " + what + ": " + av_error_text(av_error));
}

const AVFrame* VideoFile::next_frame() {
  for (;;) {
    if (finished_) return nullptr;
    const int got = avcodec_receive_frame(codec_, frame_);
    if (got == 0) {
      last_us_ = start_us(frame_);
      const AVPixFmtDescriptor* format = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(frame_->format));
      if (!format || !(format->flags & AV_PIX_FMT_FLAG_HWACCEL)) return frame_;
      // The hardware's picture, copied back to memory with the frame's times and colours.
      av_frame_unref(memory_frame_);
      if (int e = av_hwframe_transfer_data(memory_frame_, frame_, 0); e < 0)
        fail_at(last_us_, "the hardware picture cannot be read back", e);
      av_frame_copy_props(memory_frame_, frame_);
      return memory_frame_;
    }
    if (got == AVERROR_EOF) {
      finished_ = true;
      return nullptr;
    }
    if (got != AVERROR(EAGAIN)) fail_at(last_us_, "the picture does not decode", got);
    if (draining_) {
      finished_ = true;  // a decoder that asks for input after the flush has nothing more
      return nullptr;
    }
    const int read = av_read_frame(format_, packet_);
    if (read == AVERROR_EOF) {
      draining_ = true;
      if (int e = avcodec_send_packet(codec_, nullptr); e < 0 && e != AVERROR_EOF)
        fail_at(last_us_, "the last pictures do not decode", e);
      continue;
    }
    if (read < 0) fail_at(last_us_, "the file cannot be read further", read);
    if (packet_->stream_index == stream_) {
      const int sent = avcodec_send_packet(codec_, packet_);
      av_packet_unref(packet_);
      if (sent < 0 && sent != AVERROR(EAGAIN)) fail_at(last_us_, "the stream does not decode", sent);
    } else {
      av_packet_unref(packet_);
    }
  }
}

void VideoFile::seek(std::int64_t us) {
  AVStream* stream = format_->streams[stream_];
  const std::int64_t target = stream_start_ + av_rescale_q(us, AV_TIME_BASE_Q, stream->time_base);
  if (int e = av_seek_frame(format_, stream_, target, AVSEEK_FLAG_BACKWARD); e < 0) {
    // Some files seek only by bytes or not at all: from the start, decoding forward, is exact too.
    if (int again = av_seek_frame(format_, stream_, stream_start_, AVSEEK_FLAG_BACKWARD); again < 0)
      fail_at(us, "the video cannot be sought", e);
  }
  avcodec_flush_buffers(codec_);
  draining_ = finished_ = false;
}

std::int64_t VideoFile::start_us(const AVFrame* frame) const {
  std::int64_t pts = frame->best_effort_timestamp;
  if (pts == AV_NOPTS_VALUE) pts = frame->pts;
  if (pts == AV_NOPTS_VALUE) return last_us_;
  return av_rescale_q(pts - stream_start_, format_->streams[stream_]->time_base, AV_TIME_BASE_Q);
}

std::int64_t VideoFile::duration_us(const AVFrame* frame) const {
  const AVStream* stream = format_->streams[stream_];
  std::int64_t d = av_rescale_q(frame->pkt_duration, stream->time_base, AV_TIME_BASE_Q);
  if (d > 0) return d;
  const AVRational rate = stream->avg_frame_rate.num > 0 ? stream->avg_frame_rate : stream->r_frame_rate;
  if (rate.num > 0 && rate.den > 0) return av_rescale(AV_TIME_BASE, rate.den, rate.num);
  return 40'000;  // 25 frames/s, when nothing says otherwise
}

std::string VideoFile::codec() const {
  return avcodec_get_name(codec_->codec_id);
}

std::string VideoFile::profile() const {
  const char* name = avcodec_profile_name(codec_->codec_id, codec_->profile);
  return name ? name : "";
}

int VideoFile::width() const {
  return codec_->width;
}

int VideoFile::height() const {
  return codec_->height;
}

double VideoFile::declared_frame_rate() const {
  const AVRational rate = format_->streams[stream_]->avg_frame_rate;
  return rate.num > 0 && rate.den > 0 ? av_q2d(rate) : 0.0;
}

std::int64_t VideoFile::declared_duration_us() const {
  const AVStream* stream = format_->streams[stream_];
  if (stream->duration != AV_NOPTS_VALUE && stream->duration > 0)
    return av_rescale_q(stream->duration, stream->time_base, AV_TIME_BASE_Q);
  if (format_->duration != AV_NOPTS_VALUE && format_->duration > 0) return format_->duration;
  return 0;
}

}  // namespace gatecast::content
