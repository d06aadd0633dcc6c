#include "player/video/video_frames.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <utility>

namespace gatecast::player {

VideoFrames::VideoFrames(VideoTiming timing, content::HardwareDecoding decoding)
    : timing_(timing), decoding_(std::move(decoding)) {
  if (timing == VideoTiming::live) sound_ = std::make_unique<SoundOut>();
}

VideoFrames::~VideoFrames() {
  if (timing_ == VideoTiming::live && frames_shown() > 0) {
    std::fprintf(stderr, "gatecast: video: %llu frames shown, %llu dropped\n",
                 static_cast<unsigned long long>(frames_shown()),
                 static_cast<unsigned long long>(frames_dropped()));
  }
}

std::uint64_t VideoFrames::frames_shown() const {
  std::uint64_t n = closed_shown_;
  for (const auto& [key, entry] : streams_) n += entry.stream->shown();
  return n;
}

std::uint64_t VideoFrames::frames_dropped() const {
  std::uint64_t n = closed_dropped_;
  for (const auto& [key, entry] : streams_) n += entry.stream->dropped();
  return n;
}

void VideoFrames::close(std::map<VideoKey, Entry>::iterator it) {
  closed_shown_ += it->second.stream->shown();
  closed_dropped_ += it->second.stream->dropped();
  streams_.erase(it);
}

VideoStream& VideoFrames::stream_for(const VideoKey& key) {
  auto found = streams_.find(key);
  if (found == streams_.end()) {
    if (streams_.size() >= max_streams) {
      auto oldest = std::min_element(streams_.begin(), streams_.end(), [](const auto& a, const auto& b) {
        return a.second.last_used < b.second.last_used;
      });
      close(oldest);
    }
    found =
        streams_.emplace(key, Entry{std::make_unique<VideoStream>(key, decoding_, scaler_for(key))}).first;
  }
  found->second.last_used = ++use_counter_;
  return *found->second.stream;
}

std::shared_ptr<PictureScaler> VideoFrames::scaler_for(const VideoKey& key) {
  std::erase_if(scalers_, [](const auto& s) { return s.second.expired(); });
  std::weak_ptr<PictureScaler>& slot = scalers_[ScalerKey{key.file, key.width, key.height, key.fit}];
  std::shared_ptr<PictureScaler> scaler = slot.lock();
  if (!scaler) {
    scaler = std::make_shared<PictureScaler>(key.width, key.height, key.fit);
    slot = scaler;
  }
  return scaler;
}

VideoFrameResult VideoFrames::frame_at(const VideoKey& key, Duration offset) {
  std::erase_if(put_off_, [&key](const auto& p) { return p.first == key; });
  if (sound_) sound_->heard(key, offset);
  VideoStream& stream = stream_for(key);
  Entry& entry = streams_.find(key)->second;
  entry.ahead = false;
  entry.in_frame = true;
  VideoFrameResult result = stream.frame_at(offset, timing_ == VideoTiming::exact);
  if (timing_ == VideoTiming::live) {
    // The screen says which path its videos take, once, and again when it changes.
    std::string decoding = stream.decoding();
    if (!decoding.empty() && decoding != said_decoding_) {
      std::fprintf(stderr, "gatecast: video decoding: %s\n", decoding.c_str());
      said_decoding_ = std::move(decoding);
    }
  }
  return result;
}

bool VideoFrames::catching_up() {
  return std::any_of(streams_.begin(), streams_.end(),
                     [](const auto& s) { return !s.second.ahead && !s.second.stream->keeping_up(); });
}

void VideoFrames::prefetch(const VideoKey& key) {
  if (timing_ == VideoTiming::live && !streams_.count(key) && catching_up()) {
    if (std::none_of(put_off_.begin(), put_off_.end(), [&key](const auto& p) { return p.first == key; }))
      put_off_.emplace_back(key, std::chrono::steady_clock::now());
    return;
  }
  open_ahead(key);
}

void VideoFrames::open_ahead(const VideoKey& key) {
  (void)stream_for(key);
  if (sound_) sound_->prepare(key);
}

void VideoFrames::open_put_off() {
  if (put_off_.empty()) return;
  const bool waiting = catching_up();
  const auto now = std::chrono::steady_clock::now();
  for (auto it = put_off_.begin(); it != put_off_.end();) {
    if (!waiting || now - it->second >= max_ahead_delay) {
      open_ahead(it->first);
      it = put_off_.erase(it);
    } else {
      ++it;
    }
  }
}

void VideoFrames::frame_done() {
  if (sound_) sound_->frame_done();
  stopped_.clear();  // stopped a frame ago: their workers are gone or nearly
  for (auto it = streams_.begin(); it != streams_.end();) {
    Entry& entry = (it++)->second;
    if (entry.ahead || std::exchange(entry.in_frame, false)) continue;
    closed_shown_ += entry.stream->shown();
    closed_dropped_ += entry.stream->dropped();
    entry.stream->stop();
    stopped_.push_back(std::move(entry.stream));
    streams_.erase(std::prev(it));
  }
  // After the closing: the streams left, but those opened ahead, are the ones this frame showed.
  open_put_off();
}

void VideoFrames::forget() {
  put_off_.clear();
  if (sound_) sound_->stop();
  while (!streams_.empty()) close(streams_.begin());
  stopped_.clear();
}

}  // namespace gatecast::player
