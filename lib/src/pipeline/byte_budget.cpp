#include "pipeline/byte_budget.hpp"

namespace bouncekit::pipeline {

bool ByteBudget::wait_until_fits(std::size_t need, std::size_t add) {
  {
    std::lock_guard lock(mutex_);
    if (cancelled_) return false;
    if (fits(need)) {
      in_flight_ += add;
      return true;
    }
    waiting_need_ = need;
    waiting_add_ = add;
  }
  // release() may run between the unlock above and the callback: the callback looks again
  // under the lock, and resumes at once when the wait is over by then.
  tbb::task::suspend([this](tbb::task::suspend_point tag) {
    std::unique_lock lock(mutex_);
    waiting_ = tag;
    std::optional<tbb::task::suspend_point> wake = wake_locked();
    lock.unlock();
    if (wake) tbb::task::resume(*wake);
  });
  // Resumed: wake_locked() has counted the bytes in, or the run was cancelled.
  std::lock_guard lock(mutex_);
  return !cancelled_;
}

std::optional<tbb::task::suspend_point> ByteBudget::wake_locked() {
  if (!waiting_ || !(cancelled_ || fits(waiting_need_))) return std::nullopt;
  if (!cancelled_) in_flight_ += waiting_add_;
  std::optional<tbb::task::suspend_point> wake = waiting_;
  waiting_.reset();
  return wake;
}

void ByteBudget::release(std::size_t bytes) {
  std::unique_lock lock(mutex_);
  in_flight_ -= bytes;
  std::optional<tbb::task::suspend_point> wake = wake_locked();
  lock.unlock();
  if (wake) tbb::task::resume(*wake);
}

void ByteBudget::cancel() {
  std::unique_lock lock(mutex_);
  cancelled_ = true;
  std::optional<tbb::task::suspend_point> wake = wake_locked();
  lock.unlock();
  if (wake) tbb::task::resume(*wake);
}

std::size_t ByteBudget::in_flight() const {
  std::lock_guard lock(mutex_);
  return in_flight_;
}

}  // namespace bouncekit::pipeline
