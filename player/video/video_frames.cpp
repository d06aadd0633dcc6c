#include "player/video/video_frames.hpp"

#include <algorithm>

namespace gatecast::player {

VideoStream& VideoFrames::stream_for(const VideoKey& key) {
  auto found = streams_.find(key);
  if (found == streams_.end()) {
    if (streams_.size() >= max_streams) {
      auto oldest = std::min_element(streams_.begin(), streams_.end(), [](const auto& a, const auto& b) {
        return a.second.last_used < b.second.last_used;
      });
      streams_.erase(oldest);
    }
    found = streams_.emplace(key, Entry{std::make_unique<VideoStream>(key), 0}).first;
  }
  found->second.last_used = ++use_counter_;
  return *found->second.stream;
}

VideoFrameResult VideoFrames::frame_at(const VideoKey& key, Duration offset) {
  return stream_for(key).frame_at(offset, timing_ == VideoTiming::exact);
}

void VideoFrames::prefetch(const VideoKey& key) {
  (void)stream_for(key);
}

void VideoFrames::forget() {
  streams_.clear();
}

}  // namespace gatecast::player
