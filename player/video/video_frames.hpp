#pragma once
// The videos playing now, for the renderer: one VideoStream per video per showing of a slide
// (the slide on screen, the one fading out, the next one opened ahead so that its first
// picture is decoded before the cut), at most `max_streams`, the least recently used closed
// first. Render thread only.
#include <cstdint>
#include <map>
#include <memory>

#include "player/video/video_stream.hpp"

namespace gatecast::player {

// How pictures are taken from the decoders. `exact`: every frame is the one its instant
// shows, waiting for the decoder when needed (`render`, `preview`, a loop on a simulated
// clock). `live`: the screen's loop never waits on a decoder; a late one shows its newest
// picture.
enum class VideoTiming { exact, live };

class VideoFrames {
 public:
  static constexpr std::size_t max_streams = 4;

  explicit VideoFrames(VideoTiming timing = VideoTiming::exact) : timing_(timing) {}

  // The picture of `key` at `offset` into its slide (video_stream.hpp).
  [[nodiscard]] VideoFrameResult frame_at(const VideoKey& key, Duration offset);

  // Opens `key`'s stream now, so that its worker decodes its first pictures ahead of the cut.
  void prefetch(const VideoKey& key);

  // Closes every stream (a package was swapped out).
  void forget();

  [[nodiscard]] std::size_t open_streams() const { return streams_.size(); }
  [[nodiscard]] VideoTiming timing() const { return timing_; }

 private:
  VideoStream& stream_for(const VideoKey& key);

  struct Entry {
    std::unique_ptr<VideoStream> stream;
    std::uint64_t last_used = 0;
  };
  VideoTiming timing_;
  std::map<VideoKey, Entry> streams_;
  std::uint64_t use_counter_ = 0;
};

}  // namespace gatecast::player
