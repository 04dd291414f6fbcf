// The writes of a PostgreSQL history, a batch at a time: the messages a run added since the
// last write and their records go to the server in two statements (an INSERT of the messages,
// a COPY of their records) instead of one INSERT per row. Used by Store (store.cpp) on
// PostgreSQL only; SQLite, in the same process as its file, keeps one prepared insert per row.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bouncekit/history.hpp"
#include "history/connection.hpp"

namespace bouncekit::history::db {

/// A message given to Store::add and not written yet, with what became of it once written.
struct PendingMessage {
  StoredMessage message;
  std::vector<analysis::StoredRecord> records;
  Store::Added done;  ///< may be empty
  bool stored = false;
  std::string kind;   ///< as stored: this message's when `stored`, else the copy stored before
};

/// An array literal of text (or bigint) values, one array parameter of a statement that
/// unnest()s it back into rows (https://www.postgresql.org/docs/15/arrays.html#ARRAYS-IO): every
/// text element double-quoted, with `"` and `\` escaped by a backslash. A NUL byte, which
/// PostgreSQL's text cannot hold, ends the value (as it ended a value sent on its own).
class TextArray {
 public:
  void add(std::string_view value);
  void add(std::int64_t value);
  bool empty() const { return text_.size() == 1; }
  std::size_t size() const { return text_.size(); }
  /// The literal; the array is empty again after.
  std::string done();

 private:
  std::string text_ = "{";
};

/// Writes `batch` inside the open transaction of `connection` and sets each entry's `stored`
/// and `kind` (callbacks are the caller's to call). A fingerprint already in the history, or
/// earlier in the batch, adds nothing, and its records are not written. The messages are
/// inserted in fingerprint order, whatever order they came in: every host takes the unique
/// key's row locks in the same order, so two hosts inserting copies of the same messages in
/// different orders wait for each other at most, never in a cycle. Their ids are still given in
/// the order they came in (taken from the tables' sequences first), so the records read back in
/// the order they were added, as on SQLite. Throws DatabaseError (ConnectionLost).
void write_batch(Connection& connection, std::vector<PendingMessage>& batch);

}  // namespace bouncekit::history::db
