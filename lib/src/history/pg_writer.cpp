// The PostgreSQL writer thread (history/pg_writer.hpp).
#include "history/pg_writer.hpp"

#include <utility>

namespace bouncekit::history::db {

BatchWriter::BatchWriter(Connection& connection) : connection_(connection), thread_([this] { loop(); }) {}

BatchWriter::~BatchWriter() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void BatchWriter::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stop_ || todo_.has_value(); });
    if (!todo_) return;  // stop_, nothing handed over
    WriteJob job = std::move(*todo_);
    todo_.reset();
    lock.unlock();
    std::exception_ptr error;
    try {
      if (job.begin) connection_.begin();
      write_batch(connection_, job.batch);
      if (job.commit) connection_.commit();
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    busy_ = false;
    if (error) {
      error_ = error;
    } else {
      done_ = std::move(job);
    }
    changed_.notify_all();
  }
}

void BatchWriter::wait() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return !busy_; });
  if (error_) std::rethrow_exception(error_);
}

std::optional<WriteJob> BatchWriter::finished() {
  wait();
  std::lock_guard lock(mutex_);
  std::optional<WriteJob> job = std::move(done_);
  done_.reset();
  return job;
}

std::optional<WriteJob> BatchWriter::start(WriteJob job) {
  std::optional<WriteJob> before = finished();
  {
    std::lock_guard lock(mutex_);
    todo_ = std::move(job);
    busy_ = true;
  }
  changed_.notify_all();
  return before;
}

}  // namespace bouncekit::history::db
