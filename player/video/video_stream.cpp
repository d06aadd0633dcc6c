#include "player/video/video_stream.hpp"

extern "C" {
#include <libavutil/frame.h>
}

#include <memory>

#include "content/base/error.hpp"
#include "content/media/video_file.hpp"
#include "player/video/picture_scaler.hpp"

namespace gatecast::player {

namespace {

// Two decoder threads: a 1080p H.264 stream at 30 frames/s is more than a small core's worth of
// work on the boards the screens use, and a second thread keeps it in real time (mpv uses one per
// core); more would hold more frames in memory for little gain on two cores.
constexpr int decoder_threads = 2;

// Ahead of what is queued by more than this, the worker seeks instead of decoding its way there.
constexpr std::int64_t seek_ahead_us = 1'000'000;
// A live seek aims this far past the instant asked for: decoding from the keyframe before the
// target takes about this long, so the first picture is on time and held until its instant,
// instead of late and followed by frames hurried past (dropped) until the stream catches up.
constexpr std::int64_t live_seek_lead_us = 500'000;

struct FrameDeleter {
  void operator()(AVFrame* f) const { av_frame_free(&f); }
};
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;

// The problem alone: the painter names the asset, not the blob's path.
std::string problem_of(const std::exception& e) {
  if (const auto* error = dynamic_cast<const Error*>(&e)) return error->problem();
  return e.what();
}

}  // namespace

VideoStream::VideoStream(VideoKey key, content::HardwareDecoding decoding,
                         std::shared_ptr<PictureScaler> scaler)
    : key_(std::move(key)),
      hardware_(std::move(decoding)),
      scaler_(scaler ? std::move(scaler)
                     : std::make_shared<PictureScaler>(key_.width, key_.height, key_.fit)) {
  thread_ = std::thread([this] { worker(); });
}

VideoStream::~VideoStream() {
  stop();
  thread_.join();
}

void VideoStream::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
}

std::uint64_t VideoStream::dropped() {
  std::lock_guard lock(mutex_);
  if (!last_shown_us_ || wanted_us_ <= *last_shown_us_) return dropped_;
  // Frames due since the last picture taken: the ones the queue holds when the clip has ended
  // (no frame after them), else every period up to the latest instant asked for.
  std::uint64_t due = 0;
  if (ended_ || !problem_.empty()) {
    for (const VideoPicture& p : queue_) due += p.start_us > *last_shown_us_ && p.start_us <= wanted_us_;
  } else {
    due = frames_between_locked(*last_shown_us_, wanted_us_ + 1);
  }
  return dropped_ + due;
}

bool VideoStream::keeping_up() {
  std::lock_guard lock(mutex_);
  if (!taken_ || ended_ || !problem_.empty()) return true;
  if (seek_us_ || !last_shown_us_) return false;
  return frame_period_us_ <= 0 || wanted_us_ - *last_shown_us_ <= 2 * frame_period_us_;
}

std::uint64_t VideoStream::frames_between_locked(std::int64_t from, std::int64_t to) const {
  if (frame_period_us_ <= 0 || to <= from) return 0;
  // Rounded to the nearest period: timestamps in the container's time base are off by a few us.
  const std::int64_t periods = (to - from + frame_period_us_ / 2) / frame_period_us_;
  return periods > 1 ? static_cast<std::uint64_t>(periods - 1) : 0;
}

std::string VideoStream::decoding() {
  std::lock_guard lock(mutex_);
  return decoding_;
}

void VideoStream::advance_locked(std::int64_t t) {
  bool moved = false;
  while (!queue_.empty() && queue_.front().start_us <= t) {
    shown_ = std::move(queue_.front());
    queue_.pop_front();
    moved = true;
  }
  if (moved) changed_.notify_all();
}

bool VideoStream::known_locked(std::int64_t t) const {
  (void)t;
  return !queue_.empty() || ended_ || !problem_.empty();
}

VideoFrameResult VideoStream::frame_at(Duration offset, bool exact, Duration first_wait) {
  const std::int64_t t = std::max<std::int64_t>(0, offset.count()) * 1000;
  std::unique_lock lock(mutex_);
  wanted_us_ = t;
  taken_ = true;
  // A jump the queue does not cover: back before what shows, or well past what is decoded.
  const std::int64_t newest = !queue_.empty() ? queue_.back().start_us : shown_ ? shown_->start_us : 0;
  const bool back = shown_ && t < shown_->start_us;
  const bool far = t > newest + seek_ahead_us && !ended_;
  if (problem_.empty() && !seek_us_ && (back || far)) {
    seek_us_ = exact ? t : t + live_seek_lead_us;
    ++generation_;
    queue_.clear();
    shown_.reset();
    ended_ = false;
  }
  changed_.notify_all();
  advance_locked(t);
  if (exact) {
    changed_.wait(lock, [&] {
      advance_locked(t);
      return (!seek_us_ && known_locked(t)) || stopping_;
    });
  } else if (!shown_ && queue_.empty()) {
    changed_.wait_for(lock, first_wait, [&] { return !queue_.empty() || ended_ || !problem_.empty(); });
    advance_locked(t);
  }
  VideoFrameResult result;
  if (shown_ && shown_->start_us != last_shown_us_) {
    ++shown_count_;
    // Forward from the last picture taken: the frames between were dropped (replaced in the
    // queue unseen, converted too late, or passed over by a seek ahead). Back (a seek back, a
    // new pass is forward) starts counting afresh.
    if (last_shown_us_ && shown_->start_us > *last_shown_us_)
      dropped_ += frames_between_locked(*last_shown_us_, shown_->start_us);
    last_shown_us_ = shown_->start_us;
  }
  if (shown_) {
    result.picture = shown_;
  } else if (!queue_.empty()) {
    result.picture = queue_.front();  // before the first frame starts: the first frame
  }
  result.problem = problem_;
  if (!queue_.empty() && queue_.front().start_us > t) result.next_start_us = queue_.front().start_us;
  result.ended = (ended_ || !problem_.empty()) && queue_.empty();
  return result;
}

void VideoStream::worker() {
  std::unique_ptr<content::VideoFile> file;
  try {
    // The screen conceals what it can; the first error it cannot is where the video stops.
    file = std::make_unique<content::VideoFile>(key_.file, key_.container, key_.file.string(), false,
                                                decoder_threads, &hardware_);
    std::lock_guard lock(mutex_);
    decoding_ = file->decoding();
    const double rate = file->declared_frame_rate();
    frame_period_us_ = rate > 0 ? static_cast<std::int64_t>(1e6 / rate + 0.5) : 0;
  } catch (const std::exception& e) {
    std::lock_guard lock(mutex_);
    problem_ = problem_of(e);
    changed_.notify_all();
    return;
  }
  const std::int64_t period = key_.loop_period.count() * 1000;
  FramePtr held(av_frame_alloc());  // decoded, not queued: it shows only if the next starts later
  std::int64_t held_start = -1;
  std::int64_t pass_start = 0;  // where in the slide the current pass through the clip began
  std::uint64_t generation = 0;
  std::int64_t sought = -1;  // the target of the last seek, until its first frame; -1 = none
  bool waiting_at_end = false;
  bool pass_had_frames = false;    // a looping clip whose pass shows nothing must not spin
  bool retried_from_start = true;  // false after a seek, until it decoded or retried (see below)
  std::int64_t last_start = -1;    // the newest frame taken, in the slide
  std::int64_t skip_through = -1;  // after a switch to software: frames already taken
  std::int64_t sought_to = 0;      // frames before a seek's target are decoded past, never shown

  // Queues the frame `held` refers to (its reference moves into the queue: the decoder's buffer
  // is shared, not copied); false when a seek or a stop made it pointless.
  const auto queue_picture = [&](AVFrame* frame, std::int64_t start) {
    std::unique_lock lock(mutex_);
    // Ahead of its slide, the first picture is all the cut needs; the rest would only hold
    // the decoder's frames while another video plays.
    changed_.wait(lock, [&] { return stopping_ || seek_us_ || queue_.size() < (taken_ ? queue_frames : 1); });
    if (stopping_ || seek_us_ || generation != generation_) return false;
    if (frame->width <= 0 || frame->height <= 0 || !PictureScaler::convertible(frame->format)) {
      problem_ = "a picture cannot be converted for the screen";
      changed_.notify_all();
      return false;
    }
    std::shared_ptr<AVFrame> owned(av_frame_alloc(), FrameDeleter{});
    if (!owned) {
      problem_ = "out of memory for a picture";
      changed_.notify_all();
      return false;
    }
    av_frame_move_ref(owned.get(), frame);
    const SDL_Rect placed = scaler_->placement(owned->width, owned->height);
    queue_.push_back(VideoPicture{std::move(owned), scaler_, placed, start});
    changed_.notify_all();
    return true;
  };

  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (waiting_at_end || !problem_.empty()) {
        changed_.wait(lock, [&] { return stopping_ || seek_us_; });
        waiting_at_end = false;
      }
      if (stopping_) return;
      if (seek_us_) {
        const std::int64_t target = *seek_us_;
        seek_us_.reset();
        generation = generation_;
        problem_.clear();
        lock.unlock();
        pass_start = period > 0 ? target / period * period : 0;
        held_start = -1;
        av_frame_unref(held.get());
        pass_had_frames = false;
        retried_from_start = target == 0;
        skip_through = -1;
        sought_to = target;
        try {
          file->seek(target - pass_start);
          sought = target;
        } catch (const std::exception& e) {
          std::lock_guard again(mutex_);
          problem_ = problem_of(e);
          changed_.notify_all();
          continue;
        }
      }
    }
    const AVFrame* frame = nullptr;
    std::string broke;
    try {
      frame = file->next_frame();
    } catch (const std::exception& e) {
      broke = problem_of(e);
    }
    if (!broke.empty() && file->hardware()) {
      // The hardware failed: software takes over where it stopped, never a black picture. The
      // frame held meanwhile is a copy in memory, which outlives the hardware decoder.
      try {
        auto software = std::make_unique<content::VideoFile>(key_.file, key_.container, key_.file.string(),
                                                             false, decoder_threads);
        const std::int64_t at = std::max<std::int64_t>(0, last_start - pass_start);
        software->seek(at);
        file = std::move(software);
        skip_through = last_start;
        std::lock_guard lock(mutex_);
        decoding_ = "software (the hardware decoder failed: " + broke + ")";
        continue;
      } catch (const std::exception& e) {
        broke = problem_of(e);
      }
    }
    if (!frame && broke.empty() && period > 0 && pass_had_frames) {
      // The end of a pass of a looping clip: the next pass starts at pass_start + period.
      try {
        file->seek(0);
        pass_start += period;
        pass_had_frames = false;
        continue;
      } catch (const std::exception& e) {
        broke = problem_of(e);
      }
    }
    if (!frame && held_start < 0 && !retried_from_start) {
      // Broken or ended before the first picture after a seek (a jump past the damage or the
      // cut): decoding from the start finds the last good picture before it, which is what a
      // screen playing through holds.
      retried_from_start = true;
      try {
        file->seek(0);
        pass_start = 0;
        pass_had_frames = false;
        sought = -1;
        continue;
      } catch (const std::exception& e) {
        broke = problem_of(e);
      }
    }
    if (!frame) {
      // The last good picture is queued before the stream is marked as ended or broken.
      if (held_start >= 0) queue_picture(held.get(), held_start);
      held_start = -1;
      std::lock_guard lock(mutex_);
      if (generation != generation_) continue;
      if (!broke.empty()) problem_ = broke;
      ended_ = true;
      waiting_at_end = true;
      changed_.notify_all();
      continue;
    }
    const std::int64_t in_clip = file->start_us(frame);
    if (period > 0 && in_clip >= period) continue;  // past the loop's length: never shown
    pass_had_frames = true;
    const std::int64_t start = pass_start + in_clip;
    if (start <= skip_through) continue;
    if (sought >= 0) {
      // A seek lands on the keyframe at or before its target; one that lands after it (a file
      // with a poor index) starts again from the beginning, which is slower but exact.
      if (start > sought && in_clip > 0) {
        const std::int64_t target = sought;
        sought = -1;
        try {
          file->seek(0);
          pass_start = period > 0 ? target / period * period : 0;
          pass_had_frames = false;
        } catch (const std::exception& e) {
          std::lock_guard lock(mutex_);
          problem_ = problem_of(e);
        }
        continue;
      }
      sought = -1;
    }
    std::int64_t wanted = 0;
    bool idle = false;
    {
      std::lock_guard lock(mutex_);
      wanted = wanted_us_;
      idle = queue_.empty();
    }
    // The held picture is queued when the next one starts after the instant shown, and also
    // when it is late but the render thread has nothing newer: a decoder slower than real time
    // then shows late pictures, as mpv does, instead of none (the pictures before a seek's
    // target never show, so `render --at` converts only its own).
    // A live seek's target lies ahead of the instant shown (live_seek_lead_us): the pictures
    // between are decoded past too, so that the first one queued is the target's, on time.
    // A held picture not queued is dropped; the render thread counts it from the timestamps.
    if (held_start >= 0 && (start > std::max(wanted, sought_to) || (idle && held_start >= sought_to))) {
      if (!queue_picture(held.get(), held_start)) {
        held_start = -1;  // a seek came: the loop's top takes it
        continue;
      }
    }
    av_frame_unref(held.get());
    if (av_frame_ref(held.get(), frame) < 0) {
      held_start = -1;
      continue;
    }
    held_start = start;
    last_start = start;
  }
}

}  // namespace gatecast::player
