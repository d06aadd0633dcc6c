#pragma once
// One video playing in one region for one showing of a slide: a worker thread decodes it
// ahead into a small queue of decoded frames (libavcodec), and the render thread takes the
// picture for an instant and converts it straight into the canvas as it draws (libswscale):
// no region-sized copy of each frame is ever made or kept. Which picture shows is a pure function of the time
// since the slide began: the last frame that starts at or before it (before the first frame,
// the first; after the last, the last, or for a looping clip the same time modulo the loop's
// length). A jump the queue does not hold (`render --at` an hour in, time going back) seeks to
// the keyframe before and decodes forward, converting only the frame that shows.
//
// A stream that breaks (a read or decode error) keeps its last good picture; its problem says
// where it broke. Memory: at most `queue_frames` pictures ahead plus the one on show; a stream
// opened ahead of its slide (prefetch) holds only its first picture until that is taken.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "content/manifest/manifest.hpp"
#include "content/media/hw_decoding.hpp"
#include "player/surface/sdl_ptr.hpp"
#include "player/video/picture_scaler.hpp"
#include "scheduler/time.hpp"

namespace gatecast::player {

// One video in one region for one showing of a slide.
struct VideoKey {
  std::filesystem::path file;
  content::AssetType container = content::AssetType::mp4;
  int width = 0, height = 0;  // the region in output px
  content::Fit fit = content::Fit::contain;
  Duration loop_period{0};  // the clip's length when it loops (the manifest's); 0 = it does not
  Instant slide_start;      // which showing: a slide that comes round again gets a new stream
  double volume = 0.0;      // the item's sound (sound_out.hpp); 0 = muted
  auto operator<=>(const VideoKey&) const = default;
};

// A decoded picture and where it lies in its region; `start_us` is its frame's start in the slide.
struct VideoPicture {
  std::shared_ptr<const AVFrame> frame;   // a reference to the decoder's frame: no copy
  std::shared_ptr<PictureScaler> scaler;  // the stream's; render thread only
  SDL_Rect placed{0, 0, 0, 0};
  std::int64_t start_us = 0;

  // Converts and scales the picture into `dst` (ARGB8888) with its region's top left corner at
  // (x, y). False when it cannot be converted or memory runs out.
  bool draw_onto(SDL_Surface* dst, int x, int y) const { return scaler->scale_into(frame.get(), dst, x, y); }
};

struct VideoFrameResult {
  std::optional<VideoPicture> picture;        // none: nothing decoded (yet, or ever)
  std::string problem;                        // why the stream stopped or never started; empty = fine
  std::optional<std::int64_t> next_start_us;  // the next frame's start, when known
  bool ended = false;  // no frame comes after `picture` (the clip's end, or where it broke)
};

class VideoStream {
 public:
  static constexpr std::size_t queue_frames = 3;

  // Starts the worker, which opens the file and decodes the first pictures at once. `scaler`:
  // one to share with other streams of the same clip in the same region (VideoFrames); null
  // makes the stream its own.
  explicit VideoStream(VideoKey key, content::HardwareDecoding decoding = {},
                       std::shared_ptr<PictureScaler> scaler = nullptr);
  ~VideoStream();  // stops and joins the worker

  // Tells the worker to stop without waiting for it (it frees the decoder on its way out), so
  // that the destructor later only joins. Render thread.
  void stop();
  VideoStream(const VideoStream&) = delete;
  VideoStream& operator=(const VideoStream&) = delete;

  // The picture at `offset` into the slide. `exact`: waits until that very picture is decoded
  // (render, preview, simulated clocks). Otherwise never waits longer than `first_wait`, and
  // only while no picture at all is there yet; a late decoder shows its newest picture.
  // Render thread.
  [[nodiscard]] VideoFrameResult frame_at(Duration offset, bool exact, Duration first_wait = Duration{150});

  [[nodiscard]] const VideoKey& key() const { return key_; }
  // Frames whose instant came and went without their picture being taken (a decoder or a loop
  // too late, or passed over by a seek ahead), and pictures taken; the benchmark's
  // dropped-frame count. Counted from the timestamps: between two pictures shown one after the
  // other, every frame period but the first is a frame dropped, so shown + dropped is the
  // number of frames the clip had in the time played, whichever way frames were missed. The
  // frames due after the last picture taken count too. Render thread.
  [[nodiscard]] std::uint64_t dropped();
  [[nodiscard]] std::uint64_t shown() const { return shown_count_; }
  // False while a stream on screen is behind the instants asked for (it is catching up after
  // a seek, or its decoder is late): no picture yet, or the one shown more than two frame
  // periods old. Render thread.
  [[nodiscard]] bool keeping_up();

  // The decoding path in words (content/media/hw_decoding.hpp); empty until the file opened.
  [[nodiscard]] std::string decoding();

 private:
  void worker();
  // Moves the queue on to `t` (us): pictures at or before it leave it, the last one shows.
  void advance_locked(std::int64_t t);
  [[nodiscard]] bool known_locked(std::int64_t t) const;
  // Frames starting in (from, to), exclusive both ends, at the clip's frame period.
  [[nodiscard]] std::uint64_t frames_between_locked(std::int64_t from, std::int64_t to) const;

  const VideoKey key_;
  const content::HardwareDecoding hardware_;
  std::string decoding_;
  std::mutex mutex_;
  std::condition_variable changed_;  // both ways: pictures in, room or a new target out
  std::deque<VideoPicture> queue_;
  std::optional<VideoPicture> shown_;
  std::shared_ptr<PictureScaler> scaler_;  // made before the worker starts, used when drawn
  std::int64_t wanted_us_ = 0;             // the render thread's latest instant
  std::optional<std::int64_t> seek_us_;    // a jump the worker must make
  std::uint64_t generation_ = 0;           // bumped at each seek: older pictures are dropped
  bool ended_ = false;                     // no picture after the queue's last (until a seek)
  std::string problem_;
  bool stopping_ = false;
  bool taken_ = false;  // frame_at() was called: the slide is on, the queue may fill
  std::uint64_t dropped_ = 0;
  std::uint64_t shown_count_ = 0;
  std::optional<std::int64_t> last_shown_us_;
  std::int64_t frame_period_us_ = 0;  // the clip's, from its declared rate; 0 until open
  std::thread thread_;
};

}  // namespace gatecast::player
