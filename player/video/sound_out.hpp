#pragma once
// Video sound through SDL's audio device, following the picture. Only the screen's own loop
// plays sound (VideoTiming::live); `render`, `preview` and simulated clocks are silent.
//
// The clock: the picture shows the frame of its slide time, a pure function of the schedule
// (video_stream.hpp). Each drawn frame that shows a video with sound tells SoundOut that slide
// time and when (the steady clock); the audio thread extrapolates it to the instant its next
// samples will be heard (now plus the device's buffer), and the track drops or pads samples to
// stay within SoundTrack::resync_us of it. One sound plays at a time: of the videos with sound
// in a frame, the one in the newest slide (the incoming side of a transition).
//
// The device opens at the first frame that has sound (never for a muted package) and stays
// open, playing silence between sounds. A device that does not open means silent videos and
// one log line; the picture never waits on the sound.
#include <SDL2/SDL.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>

#include "player/video/sound_track.hpp"

namespace gatecast::player {

class SoundOut {
 public:
  SoundOut() = default;
  ~SoundOut();  // closes the device before the tracks go
  SoundOut(const SoundOut&) = delete;
  SoundOut& operator=(const SoundOut&) = delete;

  // Starts decoding `key`'s sound ahead of its slide (the next slide's prefetch). Render thread.
  void prepare(const VideoKey& key);
  // The frame being drawn shows `key` (volume > 0) at `offset` into its slide. Render thread.
  void heard(const VideoKey& key, Duration offset);
  // The frame is drawn: the sound of the newest slide heard in it plays from now on, or
  // silence when none was. Render thread.
  void frame_done();
  // Silence and no tracks (the package was swapped out). Render thread.
  void stop();

  // The audio driver in use ("pulseaudio", "disk"), or empty when no device is open.
  [[nodiscard]] const char* driver() const { return device_ ? SDL_GetCurrentAudioDriver() : ""; }

 private:
  bool open_device();
  static void fill(void* self, Uint8* stream, int bytes);  // SDL's audio thread
  [[nodiscard]] std::shared_ptr<SoundTrack> track_for(const VideoKey& key);

  SDL_AudioDeviceID device_ = 0;
  bool device_failed_ = false;
  SoundFormat format_;
  std::chrono::microseconds latency_{0};                // from a callback's samples to the ear
  std::optional<std::pair<VideoKey, Duration>> heard_;  // this frame's newest sound

  std::mutex mutex_;  // what the audio thread reads
  std::shared_ptr<SoundTrack> playing_;
  std::int64_t anchor_us_ = 0;                       // the slide time of playing_'s picture ...
  std::chrono::steady_clock::time_point anchor_at_;  // ... at this instant
  std::shared_ptr<SoundTrack> ahead_;                // prepared for the next slide
};

}  // namespace gatecast::player
