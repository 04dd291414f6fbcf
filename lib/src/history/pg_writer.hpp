// The writes of a PostgreSQL history on a thread of their own, so that the run decodes the next
// messages while the server writes the last ones (history/pg_batch.hpp writes one part). Used by
// Store (store.cpp) on PostgreSQL only.
//
// One job at a time: a part of a batch (with BEGIN before it when it is the batch's first), or
// a batch's COMMIT. The caller hands a job over with start(), which first waits for the one
// before and gives it back, with each message's outcome (PendingMessage::stored and kind): the
// caller calls the callbacks, on its own thread, in the order of its add() calls. Between two
// start() calls the caller owns nothing of the connection; wait() gives it back (for a read).
#pragma once

#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "history/connection.hpp"
#include "history/pg_batch.hpp"

namespace bouncekit::history::db {

struct WriteJob {
  bool begin = false;                  ///< BEGIN before the batch
  std::vector<PendingMessage> batch;   ///< may be empty (a COMMIT alone)
  bool commit = false;                 ///< COMMIT after it
};

class BatchWriter {
 public:
  explicit BatchWriter(Connection& connection);
  /// Waits for the job in flight (a COMMIT handed over is carried out), then ends the thread.
  ~BatchWriter();
  BatchWriter(const BatchWriter&) = delete;
  BatchWriter& operator=(const BatchWriter&) = delete;

  /// Waits for the job before (see finished()), then hands `job` to the thread.
  /// Returns the job before, done, if it was not taken yet.
  std::optional<WriteJob> start(WriteJob job);
  /// Waits until no job is in flight: the connection is the caller's until the next start().
  /// Rethrows what the last job threw (DatabaseError, ConnectionLost), then and on every later call.
  void wait();
  /// wait(), then the job done (once), if any.
  std::optional<WriteJob> finished();

 private:
  void loop();

  Connection& connection_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<WriteJob> todo_, done_;
  bool busy_ = false, stop_ = false;
  std::exception_ptr error_;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace bouncekit::history::db
