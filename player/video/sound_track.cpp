#include "player/video/sound_track.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswresample/swresample.h>
}

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "content/media/video_file.hpp"

namespace gatecast::player {

namespace {

// Further from what is queued than this, the worker seeks instead of decoding its way there.
constexpr std::int64_t seek_beyond_us = 1'000'000;

// FFmpeg's objects of one decoding pass, freed together.
struct Decoding {
  AVFormatContext* format = nullptr;
  AVCodecContext* codec = nullptr;
  SwrContext* swr = nullptr;
  AVPacket* packet = nullptr;
  AVFrame* frame = nullptr;
  ~Decoding() {
    av_frame_free(&frame);
    av_packet_free(&packet);
    swr_free(&swr);
    avcodec_free_context(&codec);
    if (format) avformat_close_input(&format);
  }
};

[[noreturn]] void fail(const std::string& what, int av_error) {
  throw std::runtime_error(what + ": " + content::av_error_text(av_error));
}

}  // namespace

SoundTrack::SoundTrack(VideoKey key, SoundFormat format) : key_(std::move(key)), format_(format) {
  thread_ = std::thread([this] { worker(); });
}

SoundTrack::~SoundTrack() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

std::string SoundTrack::problem() {
  std::lock_guard lock(mutex_);
  return problem_;
}

void SoundTrack::worker() {
  try {
    decode();
  } catch (const std::exception& e) {
    std::lock_guard lock(mutex_);
    problem_ = e.what();
    ended_ = true;
  }
}

void SoundTrack::decode() {
  Decoding d;
  if (int e =
          avformat_open_input(&d.format, key_.file.c_str(), content::demuxer_for(key_.container), nullptr);
      e < 0) {
    d.format = nullptr;
    fail("the container cannot be read", e);
  }
  if (int e = avformat_find_stream_info(d.format, nullptr); e < 0) fail("the streams cannot be read", e);
  const AVCodec* decoder = nullptr;
  const int audio = av_find_best_stream(d.format, AVMEDIA_TYPE_AUDIO, -1, -1, &decoder, 0);
  if (audio < 0) throw std::runtime_error("the clip has no sound");
  if (!decoder) throw std::runtime_error("no decoder for the clip's sound on this machine");
  AVStream* stream = d.format->streams[audio];
  // The picture's timeline starts at the video stream's first frame; the sound keeps its
  // distance from it (a clip whose sound starts later starts it later).
  std::int64_t origin_us = 0;
  const int video = av_find_best_stream(d.format, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (video >= 0 && d.format->streams[video]->start_time != AV_NOPTS_VALUE)
    origin_us = av_rescale_q(d.format->streams[video]->start_time, d.format->streams[video]->time_base,
                             AV_TIME_BASE_Q);
  for (unsigned i = 0; i < d.format->nb_streams; ++i) {
    if (static_cast<int>(i) != audio) d.format->streams[i]->discard = AVDISCARD_ALL;
  }
  d.codec = avcodec_alloc_context3(decoder);
  d.packet = av_packet_alloc();
  d.frame = av_frame_alloc();
  if (!d.codec || !d.packet || !d.frame) throw std::runtime_error("out of memory");
  if (int e = avcodec_parameters_to_context(d.codec, stream->codecpar); e < 0)
    fail("the sound is unusable", e);
  d.codec->pkt_timebase = stream->time_base;
  if (int e = avcodec_open2(d.codec, decoder, nullptr); e < 0) fail("the sound decoder does not open", e);
  AVChannelLayout out_layout;
  av_channel_layout_default(&out_layout, format_.channels);
  if (int e = swr_alloc_set_opts2(&d.swr, &out_layout, AV_SAMPLE_FMT_S16, format_.rate, &d.codec->ch_layout,
                                  d.codec->sample_fmt, d.codec->sample_rate, 0, nullptr);
      e < 0 || swr_init(d.swr) < 0)
    throw std::runtime_error("the sound cannot be resampled for the device");

  const std::int64_t period = key_.loop_period.count() * 1000;
  std::int64_t pass_start = 0;  // where in the slide the current pass through the clip began
  bool pass_had_sound = false;
  const auto restart_at = [&](std::int64_t slide_us) {
    pass_start = period > 0 ? slide_us / period * period : 0;
    const std::int64_t in_clip = std::max<std::int64_t>(0, slide_us - pass_start) + origin_us;
    const std::int64_t target = av_rescale_q(in_clip, AV_TIME_BASE_Q, stream->time_base);
    if (int e = av_seek_frame(d.format, audio, target, AVSEEK_FLAG_BACKWARD); e < 0)
      fail("the sound cannot be sought", e);
    avcodec_flush_buffers(d.codec);
    swr_init(d.swr);  // forgets what it held of the other place
    pass_had_sound = false;
  };

  bool draining = false;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      changed_.wait(
          lock, [&] { return stopping_ || seek_us_ || (!ended_ && queued_end_us_ < wanted_us_ + ahead_us); });
      if (stopping_) return;
      if (seek_us_) {
        const std::int64_t target = *seek_us_;
        seek_us_.reset();
        blocks_.clear();
        queued_end_us_ = target;
        ended_ = false;
        lock.unlock();
        restart_at(target);
        draining = false;
        continue;
      }
    }
    int got = avcodec_receive_frame(d.codec, d.frame);
    if (got == AVERROR(EAGAIN) && !draining) {
      const int read = av_read_frame(d.format, d.packet);
      if (read == AVERROR_EOF) {
        draining = true;
        avcodec_send_packet(d.codec, nullptr);
      } else if (read < 0) {
        fail("the file cannot be read further", read);
      } else {
        if (d.packet->stream_index == audio)
          avcodec_send_packet(d.codec, d.packet);  // a bad packet is skipped
        av_packet_unref(d.packet);
      }
      continue;
    }
    if (got < 0 && got != AVERROR(EAGAIN) && got != AVERROR_EOF) continue;  // a broken frame: skipped
    std::int64_t in_clip = -1;
    if (got == 0) {
      std::int64_t pts = d.frame->best_effort_timestamp;
      if (pts == AV_NOPTS_VALUE) pts = d.frame->pts;
      in_clip = pts == AV_NOPTS_VALUE ? 0 : av_rescale_q(pts, stream->time_base, AV_TIME_BASE_Q) - origin_us;
    }
    const bool pass_over = got != 0 || (period > 0 && in_clip >= period);
    if (pass_over) {
      av_frame_unref(d.frame);
      if (period > 0 && pass_had_sound) {
        restart_at(pass_start + period);
        draining = false;
        continue;
      }
      std::lock_guard lock(mutex_);
      ended_ = true;
      continue;
    }
    pass_had_sound = true;
    // What the resampler still holds from earlier input comes out first.
    const std::int64_t held_us = swr_get_delay(d.swr, 1'000'000);
    const int room = swr_get_out_samples(d.swr, d.frame->nb_samples);
    Block block;
    block.start_us = pass_start + in_clip - held_us;
    block.samples.resize(static_cast<std::size_t>(std::max(room, 0)) * format_.channels);
    auto* out = reinterpret_cast<std::uint8_t*>(block.samples.data());
    const int made = swr_convert(d.swr, &out, room, const_cast<const std::uint8_t**>(d.frame->extended_data),
                                 d.frame->nb_samples);
    av_frame_unref(d.frame);
    if (made <= 0) continue;
    block.samples.resize(static_cast<std::size_t>(made) * format_.channels);
    std::lock_guard lock(mutex_);
    if (seek_us_) continue;
    queued_end_us_ = block.start_us + std::int64_t{made} * 1'000'000 / format_.rate;
    blocks_.push_back(std::move(block));
  }
}

std::optional<std::int64_t> SoundTrack::next_us_locked() const {
  if (blocks_.empty()) return std::nullopt;
  const Block& b = blocks_.front();
  return b.start_us + static_cast<std::int64_t>(b.used) * 1'000'000 / format_.rate;
}

void SoundTrack::drop_locked(std::int64_t frames) {
  while (frames > 0 && !blocks_.empty()) {
    Block& b = blocks_.front();
    const std::int64_t left = static_cast<std::int64_t>(b.samples.size()) / format_.channels - b.used;
    const std::int64_t n = std::min(left, frames);
    b.used += static_cast<std::size_t>(n);
    frames -= n;
    if (n == left) blocks_.pop_front();
  }
}

void SoundTrack::read(std::int16_t* out, int frames, std::int64_t at_us) {
  const int channels = format_.channels;
  std::memset(out, 0, static_cast<std::size_t>(frames) * channels * sizeof(std::int16_t));
  std::lock_guard lock(mutex_);
  wanted_us_ = at_us;
  changed_.notify_all();
  if (seek_us_) return;
  const std::optional<std::int64_t> next = next_us_locked();
  // A time the queue cannot reach by dropping or padding: back before it, or well past it.
  const bool back = next && at_us < *next - seek_beyond_us;
  const bool far = !ended_ && at_us > queued_end_us_ + seek_beyond_us;
  if (back || far) {
    seek_us_ = at_us;
    changed_.notify_all();
    return;
  }
  if (!next) return;
  int written = 0;
  const std::int64_t gap = *next - at_us;  // > 0: the sound is early (pad); < 0: late (drop)
  if (gap < -resync_us) {
    drop_locked(-gap * format_.rate / 1'000'000);
  } else if (gap > resync_us) {
    written = static_cast<int>(std::min<std::int64_t>(frames, gap * format_.rate / 1'000'000));
  }
  const auto gain = static_cast<float>(key_.volume);
  while (written < frames && !blocks_.empty()) {
    Block& b = blocks_.front();
    const int left = static_cast<int>(b.samples.size() / channels - b.used);
    const int n = std::min(left, frames - written);
    const std::int16_t* from = b.samples.data() + b.used * channels;
    std::int16_t* to = out + static_cast<std::ptrdiff_t>(written) * channels;
    for (int i = 0; i < n * channels; ++i)
      to[i] = static_cast<std::int16_t>(static_cast<float>(from[i]) * gain);
    b.used += static_cast<std::size_t>(n);
    written += n;
    if (n == left) blocks_.pop_front();
  }
}

}  // namespace gatecast::player
