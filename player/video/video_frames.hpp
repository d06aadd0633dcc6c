#pragma once
// The videos playing now, for the renderer: one VideoStream per video per showing of a slide
// (the slide on screen, the one fading out, the next one opened ahead so that its first
// picture is decoded before the cut), at most `max_streams`, the least recently used closed
// first. Render thread only.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <tuple>
#include <vector>

#include "player/video/sound_out.hpp"
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

  // Live timing also plays the videos' sound (sound_out.hpp); exact timing is silent.
  explicit VideoFrames(VideoTiming timing = VideoTiming::exact, content::HardwareDecoding decoding = {});
  // With live timing, logs the frames shown and dropped over the player's life (one line).
  ~VideoFrames();
  VideoFrames(const VideoFrames&) = delete;
  VideoFrames& operator=(const VideoFrames&) = delete;

  // The picture of `key` at `offset` into its slide (video_stream.hpp). With live timing, a
  // key with a volume is heard in the frame being drawn.
  [[nodiscard]] VideoFrameResult frame_at(const VideoKey& key, Duration offset);

  // Opens `key`'s stream, so that its worker decodes its first pictures (and its sound) ahead
  // of the cut. With live timing, not while a stream on screen is catching up (a player that
  // starts mid-slide seeks, and a second decoder beside it would make it drop frames): then at
  // the first frame_done() after it has, or `max_ahead_delay` after the call at the latest.
  void prefetch(const VideoKey& key);
  static constexpr std::chrono::milliseconds max_ahead_delay{2000};

  // A frame is drawn: the sound follows what it showed (silence when it showed no sound), and
  // the streams it did not show are closed, but those opened ahead (prefetch) and not shown yet:
  // a slide that ended or a transition that is over holds no decoder, and a slide that comes
  // round again gets a fresh stream anyway. Closing does not wait for the worker (it is joined
  // at the next frame), so the frame after a cut is not late.
  void frame_done();

  // Closes every stream (a package was swapped out).
  void forget();

  [[nodiscard]] std::size_t open_streams() const { return streams_.size(); }
  [[nodiscard]] VideoTiming timing() const { return timing_; }
  // Over every stream so far, open or closed (video_stream.hpp, dropped()).
  [[nodiscard]] std::uint64_t frames_shown() const;
  [[nodiscard]] std::uint64_t frames_dropped() const;

 private:
  VideoStream& stream_for(const VideoKey& key);

  struct Entry {
    std::unique_ptr<VideoStream> stream;
    std::uint64_t last_used = 0;
    bool ahead = true;      // opened by prefetch() and not in a frame yet
    bool in_frame = false;  // asked for since the last frame_done()
  };
  // Closes a stream, keeping its counts.
  void close(std::map<VideoKey, Entry>::iterator it);
  void open_ahead(const VideoKey& key);
  // True while a stream on screen (not one opened ahead) is behind its instants.
  [[nodiscard]] bool catching_up();
  // Opens the streams prefetch() put off, once the streams on screen keep up (or waited long).
  void open_put_off();

  VideoTiming timing_;
  content::HardwareDecoding decoding_;
  std::string said_decoding_;        // the decoding path last logged (live timing)
  std::unique_ptr<SoundOut> sound_;  // live timing only
  std::map<VideoKey, Entry> streams_;
  std::vector<std::unique_ptr<VideoStream>> stopped_;  // closed by frame_done(), to be joined
  // One scaler per clip and region, shared by the streams of its showings: at a cut the next
  // showing's stream would otherwise hold a second scaled picture (2.4 MiB on a 2880x960 wall)
  // beside the one the last picture of the ended showing keeps alive. Different clips get their
  // own, so a transition between them does not remake the conversion contexts every frame.
  using ScalerKey = std::tuple<std::filesystem::path, int, int, content::Fit>;
  std::map<ScalerKey, std::weak_ptr<PictureScaler>> scalers_;
  std::shared_ptr<PictureScaler> scaler_for(const VideoKey& key);
  // prefetch() calls not acted on yet, with when they came (live timing).
  std::vector<std::pair<VideoKey, std::chrono::steady_clock::time_point>> put_off_;
  std::uint64_t use_counter_ = 0;
  std::uint64_t closed_shown_ = 0, closed_dropped_ = 0;  // of streams closed
};

}  // namespace gatecast::player
