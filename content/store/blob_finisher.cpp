#include "content/store/blob_finisher.hpp"

#include "content/base/error.hpp"

namespace gatecast::content {

BlobFinisher::BlobFinisher(std::size_t threads, std::size_t max_waiting)
    : max_waiting_(max_waiting), max_threads_(threads) {}

BlobFinisher::~BlobFinisher() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();  // a batch that ends by an exception does not wait for more fsyncs
  }
  changed_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void BlobFinisher::add(std::filesystem::path partial, BlobRef blob, std::string subject,
                       std::string received_sha256) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return queue_.size() < max_waiting_ || failure_; });
  rethrow_failure_locked();
  // Threads start with the blobs that need them: most installs bring nothing new (a poll that
  // finds the same package, a stick already copied), and a screen should not pay for two
  // threads each time.
  if (threads_.size() < max_threads_) threads_.emplace_back([this] { work(); });
  queue_.push_back(Job{std::move(partial), std::move(blob), std::move(subject), std::move(received_sha256)});
  changed_.notify_all();
}

void BlobFinisher::wait() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return queue_.empty() && busy_ == 0; });
  rethrow_failure_locked();
}

void BlobFinisher::rethrow_failure_locked() {
  if (failure_) std::rethrow_exception(failure_);
}

void BlobFinisher::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    Job job = std::move(queue_.front());
    queue_.pop_front();
    ++busy_;
    changed_.notify_all();  // room in the queue
    lock.unlock();
    std::exception_ptr failed;
    bool rejected = false;
    try {
      verify_staged_blob(job.partial, job.blob, job.subject, job.received_sha256);
    } catch (const Error& e) {
      failed = std::current_exception();
      rejected = e.kind() == Outcome::rejected;
    } catch (...) {
      failed = std::current_exception();
    }
    lock.lock();
    --busy_;
    if (failed && (!failure_ || (rejected && !failure_rejected_))) {
      failure_ = failed;
      failure_rejected_ = rejected;
    }
    if (failure_) queue_.clear();  // the batch fails anyway: do not sync what will not count
    changed_.notify_all();
  }
}

}  // namespace gatecast::content
