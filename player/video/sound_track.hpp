#pragma once
// The sound of one video item for one showing of its slide: a worker thread decodes the clip's
// best audio stream (libavcodec) and resamples it to the audio device's format (libswresample,
// signed 16-bit interleaved) into a queue of samples about half a second ahead, each block
// stamped with its time in the slide on the picture's timeline (the video stream's start is 0,
// a looping clip's passes follow each other every loop period, as in video_stream.hpp).
//
// The picture's clock leads: the audio thread asks for the samples that play from a slide
// time on, and the track drops or pads samples whenever what it would play next is more than
// `resync_us` away from that time, so the sound follows the picture, never the reverse.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "player/video/video_stream.hpp"

namespace gatecast::player {

// What the device plays: signed 16-bit samples, `channels` interleaved, `rate` frames/s.
struct SoundFormat {
  int rate = 48000;
  int channels = 2;
};

class SoundTrack {
 public:
  // Further apart than this, the next sample and the picture's time are brought together.
  static constexpr std::int64_t resync_us = 15'000;
  // How far ahead of what plays the worker decodes.
  static constexpr std::int64_t ahead_us = 500'000;

  // Starts the worker, which opens the file and decodes from the clip's start.
  SoundTrack(VideoKey key, SoundFormat format);
  ~SoundTrack();  // stops and joins the worker
  SoundTrack(const SoundTrack&) = delete;
  SoundTrack& operator=(const SoundTrack&) = delete;

  // Writes `frames` frames into `out`: the samples that play from slide time `at_us` on,
  // scaled by the key's volume; silence where the clip has none (before it is decoded, after
  // its end, a clip without sound). Never waits for the decoder. Audio thread.
  void read(std::int16_t* out, int frames, std::int64_t at_us);

  [[nodiscard]] const VideoKey& key() const { return key_; }
  // Why the track plays nothing (no sound stream, a decoder error); empty while it is fine.
  [[nodiscard]] std::string problem();

 private:
  struct Block {
    std::int64_t start_us = 0;
    std::vector<std::int16_t> samples;  // interleaved
    std::size_t used = 0;               // frames already played
  };
  void worker();
  void decode();  // the worker's body; throws on errors
  // The slide time of the next sample to play; none when nothing is queued.
  [[nodiscard]] std::optional<std::int64_t> next_us_locked() const;
  void drop_locked(std::int64_t frames);

  const VideoKey key_;
  const SoundFormat format_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Block> blocks_;
  std::int64_t queued_end_us_ = 0;       // the end of the last queued block
  std::int64_t wanted_us_ = 0;           // the audio thread's latest time
  std::optional<std::int64_t> seek_us_;  // a jump the worker must make
  bool ended_ = false;
  bool stopping_ = false;
  std::string problem_;
  std::thread thread_;
};

}  // namespace gatecast::player
