#pragma once
// Decoded, region-sized pictures, kept in a cache bounded by bytes (least recently used goes
// first) and decoded ahead of need on a worker thread, so that the render thread only blits.
// A failed decode is remembered too (with its problem), so that a broken image is decoded and
// logged once, not on every frame. The play loop only ever asks with want()/find(): a picture
// that is slow to decode never holds up a frame, and the loop is woken when it is ready. Pictures are decoded
// into pixels a picture nobody shows any more left behind (PicturePool: one surface beyond the budget).
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <functional>
#include <list>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "content/manifest/manifest.hpp"
#include "player/images/image_decode.hpp"
#include "player/images/picture_pool.hpp"

namespace gatecast::player {

// One picture at the size it is shown.
struct ImageKey {
  std::filesystem::path file;
  int width = 0;
  int height = 0;
  content::Fit fit = content::Fit::contain;
  auto operator<=>(const ImageKey&) const = default;
};

class ImageCache {
 public:
  // How a picture is decoded: `reuse` as for decode_image_fitted; `abandon` becomes true when
  // the cache is destroyed (a decoder that watches it stops early). Tests give a slow one.
  using Decoder =
      std::function<ImageResult(const ImageKey& key, SharedSurface reuse, const std::atomic<bool>& abandon)>;

  // `budget_bytes` bounds the pixels held (a surface larger than the budget is still returned
  // to its caller, just not kept). Starts the decode worker. `decoder`: empty for the real one
  // (decode_image_fitted within `limits`).
  explicit ImageCache(std::size_t budget_bytes = std::size_t{192} << 20, ImageLimits limits = {},
                      Decoder decoder = {});
  // Stops and joins the worker, abandoning a JPEG decode under way (so a player told to stop
  // does not wait for a slow picture); surfaces handed out stay valid.
  ~ImageCache();
  ImageCache(const ImageCache&) = delete;
  ImageCache& operator=(const ImageCache&) = delete;

  // Queues a decode on the worker unless the picture is cached, failed or already queued.
  // Never blocks on decoding. Any thread.
  void prefetch(const ImageKey& key);

  // The picture when it is ready (or its problem when it failed); nullopt while it is not
  // decoded yet. Never blocks on decoding. Any thread.
  [[nodiscard]] std::optional<ImageResult> find(const ImageKey& key);

  // find(), and when the picture is not ready yet: queued (if it is not) and remembered as
  // waited for, so that the worker calls the ready callback once it is done. Any thread.
  [[nodiscard]] std::optional<ImageResult> want(const ImageKey& key);

  // Called on the worker thread each time a picture someone want()ed is stored (decoded or
  // failed): the loop wakes and draws it. Set before the first want().
  void on_wanted_ready(std::function<void()> callback);

  // The picture, decoding it on the calling thread when no one has yet: for `render`, `preview`
  // and `status`, which must show the finished picture; never the play loop. Any thread.
  [[nodiscard]] ImageResult get(const ImageKey& key);

  // Forgets everything cached and every remembered failure (a package switch).
  void clear();

  [[nodiscard]] std::size_t bytes_held() const;
  // Lowers (or restores) the byte budget, at most the one given at construction; evicts what no
  // longer fits. For a playlist whose pictures cannot all stay decoded: LRU over a loop longer
  // than the cache never hits, so holding more than the pictures about to be shown only costs
  // memory. Any thread.
  void set_budget(std::size_t bytes);
  [[nodiscard]] std::size_t budget() const;
  [[nodiscard]] std::size_t max_budget() const { return max_budget_; }

 private:
  struct Entry {
    ImageResult result;
    std::size_t bytes = 0;
    std::list<ImageKey>::iterator lru;  // position in lru_ (front = most recent)
  };

  void worker_loop();
  // Decodes `key` into pooled pixels when there are some of its size; unlocked.
  ImageResult decode(const ImageKey& key);
  void store_locked(const ImageKey& key, ImageResult result);
  std::optional<ImageResult> find_locked(const ImageKey& key);

  void evict_locked(std::size_t room);

  const std::size_t max_budget_;
  const ImageLimits limits_;
  const Decoder decoder_;
  std::atomic<bool> abandon_{false};
  std::function<void()> on_wanted_ready_;
  std::set<ImageKey> wanted_;  // want()ed and not stored yet
  const std::shared_ptr<PicturePool> pool_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::map<ImageKey, Entry> entries_;
  std::list<ImageKey> lru_;
  std::size_t budget_;
  std::size_t bytes_ = 0;
  std::deque<ImageKey> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace gatecast::player
