#include "player/images/image_cache.hpp"

#include <algorithm>

namespace gatecast::player {
namespace {

std::size_t bytes_of(const ImageResult& r) {
  return r.surface ? std::size_t(r.surface->pitch) * std::size_t(r.surface->h) : 0;
}

}  // namespace

ImageCache::ImageCache(std::size_t budget_bytes, ImageLimits limits, Decoder decoder)
    : max_budget_(budget_bytes),
      limits_(limits),
      decoder_(std::move(decoder)),
      pool_(PicturePool::make()),
      budget_(budget_bytes),
      worker_([this] { worker_loop(); }) {}

ImageCache::~ImageCache() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  abandon_ = true;
  wake_.notify_all();
  worker_.join();
}

void ImageCache::prefetch(const ImageKey& key) {
  {
    std::lock_guard lock(mutex_);
    if (entries_.count(key) || std::find(queue_.begin(), queue_.end(), key) != queue_.end()) return;
    queue_.push_back(key);
  }
  wake_.notify_one();
}

std::optional<ImageResult> ImageCache::find_locked(const ImageKey& key) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  lru_.splice(lru_.begin(), lru_, it->second.lru);
  return it->second.result;
}

std::optional<ImageResult> ImageCache::find(const ImageKey& key) {
  std::lock_guard lock(mutex_);
  return find_locked(key);
}

std::optional<ImageResult> ImageCache::want(const ImageKey& key) {
  {
    std::lock_guard lock(mutex_);
    if (auto found = find_locked(key)) return found;
    wanted_.insert(key);
    if (std::find(queue_.begin(), queue_.end(), key) == queue_.end()) queue_.push_back(key);
  }
  wake_.notify_one();
  return std::nullopt;
}

void ImageCache::on_wanted_ready(std::function<void()> callback) {
  std::lock_guard lock(mutex_);
  on_wanted_ready_ = std::move(callback);
}

ImageResult ImageCache::get(const ImageKey& key) {
  if (auto found = find(key)) return *found;
  // Decoding here, unlocked: the worker may decode the same picture at the same time, which
  // costs time but not correctness (the first result stored wins).
  ImageResult result = decode(key);
  std::lock_guard lock(mutex_);
  if (auto found = find_locked(key)) return *found;
  store_locked(key, result);
  return result;
}

void ImageCache::store_locked(const ImageKey& key, ImageResult result) {
  const std::size_t bytes = bytes_of(result);
  // Handed to the caller, never kept; unless someone waits for it, who would otherwise find
  // nothing and want it again forever (it then stays, alone, until the next eviction).
  if (bytes > budget_ && !wanted_.count(key)) return;
  evict_locked(bytes);
  lru_.push_front(key);
  entries_.emplace(key, Entry{std::move(result), bytes, lru_.begin()});
  bytes_ += bytes;
}

void ImageCache::evict_locked(std::size_t room) {
  while (bytes_ + room > budget_ && !lru_.empty()) {
    auto victim = entries_.find(lru_.back());
    bytes_ -= victim->second.bytes;
    entries_.erase(victim);
    lru_.pop_back();
  }
}

void ImageCache::set_budget(std::size_t bytes) {
  std::lock_guard lock(mutex_);
  budget_ = std::min(bytes, max_budget_);
  evict_locked(0);
}

std::size_t ImageCache::budget() const {
  std::lock_guard lock(mutex_);
  return budget_;
}

ImageResult ImageCache::decode(const ImageKey& key) {
  SharedSurface reuse = pool_->take(key.width, key.height);
  ImageResult result;
  if (decoder_) {
    result = decoder_(key, std::move(reuse), abandon_);
  } else {
    ImageLimits limits = limits_;
    limits.abandon = &abandon_;
    result = decode_image_fitted(key.file, key.width, key.height, key.fit, limits, std::move(reuse));
  }
  result.surface = pool_->track(std::move(result.surface));
  return result;
}

void ImageCache::clear() {
  pool_->clear();
  std::lock_guard lock(mutex_);
  entries_.clear();
  lru_.clear();
  queue_.clear();
  wanted_.clear();
  bytes_ = 0;
}

std::size_t ImageCache::bytes_held() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

void ImageCache::worker_loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) {
      SDL_TLSCleanup();  // frees SDL's error buffer of this std::thread (a failed decode sets it)
      return;
    }
    const ImageKey key = queue_.front();
    queue_.pop_front();
    if (entries_.count(key)) continue;
    lock.unlock();
    ImageResult result = decode(key);
    lock.lock();
    if (stopping_) continue;
    if (!entries_.count(key)) store_locked(key, std::move(result));
    if (wanted_.erase(key) && on_wanted_ready_) {
      std::function<void()> callback = on_wanted_ready_;
      lock.unlock();
      callback();
      lock.lock();
    }
  }
}

}  // namespace gatecast::player
