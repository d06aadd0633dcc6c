#pragma once
// Finishes fetched blobs beside the transfers that bring the next ones: a small pool of
// threads runs verify_staged_blob (size and SHA-256 checked, the file fsynced, renamed to its
// verified name) on each blob handed over, so the sync does not wait for the disk between
// downloads. Bounded: add() waits while `max_waiting` blobs are queued, so a disk slower than
// the link holds the transfers back instead of piling up unsynced files. Nothing changes in
// what counts: a blob is verified only once its bytes were checked and synced, and the
// installer admits the staging folder only after wait() returned without a failure. The
// threads start with the first blobs handed over, not before.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "content/store/blobs.hpp"

namespace gatecast::content {

class BlobFinisher {
 public:
  explicit BlobFinisher(std::size_t threads = 2, std::size_t max_waiting = 8);
  // Stops taking blobs and waits for the threads (failures not yet seen are dropped).
  ~BlobFinisher();
  BlobFinisher(const BlobFinisher&) = delete;
  BlobFinisher& operator=(const BlobFinisher&) = delete;

  // Queues `partial` for verify_staged_blob(partial, blob, subject, received_sha256). Throws
  // the first failure of an earlier blob, so that a batch stops at the first bad blob.
  void add(std::filesystem::path partial, BlobRef blob, std::string subject, std::string received_sha256);

  // Waits until every queued blob is finished; throws the first failure (a rejected blob
  // before a runtime one, since a refused package must leave nothing behind).
  void wait();

 private:
  struct Job {
    std::filesystem::path partial;
    BlobRef blob;
    std::string subject, received_sha256;
  };
  void work();
  void rethrow_failure_locked();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> queue_;
  std::size_t busy_ = 0;
  std::size_t max_waiting_;
  std::size_t max_threads_;
  bool stopping_ = false;
  std::exception_ptr failure_;
  bool failure_rejected_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace gatecast::content
