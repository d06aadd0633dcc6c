#include "player/video/sound_out.hpp"

#include <cstdio>
#include <cstring>
#include <string>
#include <utility>

namespace gatecast::player {

SoundOut::~SoundOut() {
  if (device_) {
    SDL_CloseAudioDevice(device_);  // the audio thread is gone after this
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
  }
}

bool SoundOut::open_device() {
  if (device_) return true;
  if (device_failed_) return false;
  device_failed_ = true;  // one try, one log line
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    std::fprintf(stderr, "gatecast: sound: no audio (%s); videos play silent\n", SDL_GetError());
    return false;
  }
  SDL_AudioSpec want{};
  want.freq = 48000;
  want.format = AUDIO_S16SYS;
  want.channels = 2;
  want.samples = 1024;  // 21 ms: small enough to resync finely, large enough not to starve
  want.callback = &SoundOut::fill;
  want.userdata = this;
  SDL_AudioSpec got{};
  device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &got,
                                SDL_AUDIO_ALLOW_FREQUENCY_CHANGE | SDL_AUDIO_ALLOW_CHANNELS_CHANGE);
  if (!device_) {
    std::fprintf(stderr, "gatecast: sound: the audio device does not open (%s); videos play silent\n",
                 SDL_GetError());
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    return false;
  }
  format_ = SoundFormat{got.freq, got.channels};
  // A callback's samples are heard after the buffer playing now; the disk and dummy drivers
  // write them at once. (SDL 2 does not report a device's latency.)
  const std::string driver = SDL_GetCurrentAudioDriver();
  if (driver != "disk" && driver != "dummy")
    latency_ = std::chrono::microseconds(std::int64_t{got.samples} * 1'000'000 / got.freq);
  device_failed_ = false;
  std::fprintf(stderr, "gatecast: sound: playing through %s at %d Hz, %d channels\n", driver.c_str(),
               got.freq, got.channels);
  SDL_PauseAudioDevice(device_, 0);
  return true;
}

std::shared_ptr<SoundTrack> SoundOut::track_for(const VideoKey& key) {
  std::lock_guard lock(mutex_);
  if (playing_ && playing_->key() == key) return playing_;
  if (ahead_ && ahead_->key() == key) return ahead_;
  return nullptr;
}

void SoundOut::prepare(const VideoKey& key) {
  if (key.volume <= 0 || track_for(key) || !open_device()) return;
  auto track = std::make_shared<SoundTrack>(key, format_);
  std::shared_ptr<SoundTrack> old;
  {
    std::lock_guard lock(mutex_);
    old = std::exchange(ahead_, std::move(track));
  }
  // `old` joins its worker here, outside the lock the audio thread takes.
}

void SoundOut::heard(const VideoKey& key, Duration offset) {
  if (key.volume <= 0) return;
  if (!heard_ || heard_->first.slide_start <= key.slide_start) heard_ = {key, offset};
}

void SoundOut::frame_done() {
  std::optional<std::pair<VideoKey, Duration>> heard = std::exchange(heard_, std::nullopt);
  std::shared_ptr<SoundTrack> gone;
  if (!heard) {
    std::lock_guard lock(mutex_);
    gone = std::exchange(playing_, nullptr);
    return;
  }
  if (!open_device()) return;
  std::shared_ptr<SoundTrack> track = track_for(heard->first);
  if (!track) track = std::make_shared<SoundTrack>(heard->first, format_);
  std::lock_guard lock(mutex_);
  if (playing_ != track) {
    gone = std::exchange(playing_, track);
    if (ahead_ == track) ahead_.reset();
  }
  anchor_us_ = std::chrono::duration_cast<std::chrono::microseconds>(heard->second).count();
  anchor_at_ = std::chrono::steady_clock::now();
}

void SoundOut::stop() {
  std::shared_ptr<SoundTrack> a, b;
  std::lock_guard lock(mutex_);
  a = std::exchange(playing_, nullptr);
  b = std::exchange(ahead_, nullptr);
}

void SoundOut::fill(void* self_pointer, Uint8* stream, int bytes) {
  auto& self = *static_cast<SoundOut*>(self_pointer);
  const int frames = bytes / (self.format_.channels * static_cast<int>(sizeof(std::int16_t)));
  auto* out = reinterpret_cast<std::int16_t*>(stream);
  std::shared_ptr<SoundTrack> track;
  std::int64_t at_us = 0;
  {
    std::lock_guard lock(self.mutex_);
    track = self.playing_;
    const auto since = std::chrono::steady_clock::now() - self.anchor_at_ + self.latency_;
    at_us = self.anchor_us_ + std::chrono::duration_cast<std::chrono::microseconds>(since).count();
  }
  if (!track) {
    std::memset(stream, 0, static_cast<std::size_t>(bytes));
    return;
  }
  track->read(out, frames, at_us);
  // `track` may be the last owner: the render thread let it go meanwhile. Its destructor joins
  // a worker that never waits on this thread, so that is safe here too.
}

}  // namespace gatecast::player
