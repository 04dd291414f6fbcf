// The pipeline's bound on the raw bytes of the messages in flight (read, not yet through the
// sink). The reader waits twice: before reading a message, while the messages in flight
// already hold the whole budget; and after reading one, until it fits in what is left. A
// wait suspends the reader's task (oneTBB resumable tasks) instead of blocking its thread,
// so that thread goes on decoding and sinking the messages ahead, and the sink's release()
// resumes the reader. A message fits when nothing else is in flight, whatever its size, so
// one huge message cannot deadlock the run.
//
// So the messages being decoded hold at most the budget (or one message alone), and the
// reader holds at most one more message while it waits.
#pragma once

#include <tbb/task.h>

#include <cstddef>
#include <mutex>
#include <optional>

namespace bouncekit::pipeline {

class ByteBudget {
 public:
  explicit ByteBudget(std::size_t limit) : limit_(limit ? limit : 1) {}

  /// Called by the reader inside a TBB task before it reads a message: returns when the
  /// messages in flight leave room. false if the run was cancelled meanwhile.
  bool wait_for_room() { return wait_until_fits(1, 0); }

  /// Called by the reader (one call at a time) inside a TBB task with the size of the message
  /// it read: returns when the message fits, counted in. false if the run was cancelled.
  bool admit(std::size_t bytes) { return wait_until_fits(bytes, bytes); }

  /// Called when a message admitted with `bytes` has left the sink.
  void release(std::size_t bytes);

  /// The run failed: wakes a waiting reader for good (the waits return false from now on).
  void cancel();

  /// Bytes admitted and not released.
  std::size_t in_flight() const;

 private:
  bool fits(std::size_t bytes) const { return in_flight_ == 0 || in_flight_ + bytes <= limit_; }
  // Waits until `need` more bytes fit, then counts `add` bytes in.
  bool wait_until_fits(std::size_t need, std::size_t add);
  // Called with the lock held: takes the waiting reader out if its wait is over.
  std::optional<tbb::task::suspend_point> wake_locked();

  const std::size_t limit_;
  mutable std::mutex mutex_;
  std::size_t in_flight_ = 0;
  std::size_t waiting_need_ = 0, waiting_add_ = 0;  // the waiting reader's wait_until_fits()
  std::optional<tbb::task::suspend_point> waiting_;
  bool cancelled_ = false;
};

}  // namespace bouncekit::pipeline
