// Reading back the files `parse --ship` writes (docs/record-schema.md, "Shipped files"): the lines
// of each message gathered into one message with its records, for `report` to store exactly as it
// stores a message it decoded (nightly/job.cpp).
//
// Every file is hostile. A line is at most ShippedReaderOptions::max_line_bytes long, a message
// keeps at most max_records records (the rest are counted, as decode does), and the first line
// that is not a valid shipped line (not JSON, a field missing or of the wrong type, a message cut
// short) ends the reading of its file: the file is an input error naming the file and the line,
// the messages complete before it are kept, the message in progress is dropped whole. A message
// is never stored with only some of its records: each line says how many its message has. A file
// must end with the closing line `parse --ship` writes last (counting its messages): without it
// the file was cut short, perhaps between two messages, and is an input error too (its complete
// messages are kept).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bouncekit/decode.hpp"
#include "bouncekit/record.hpp"
#include "bouncekit/source.hpp"

namespace bouncekit::nightly::detail {

/// One message as a shipped file describes it.
struct ShippedMessage {
  std::string fingerprint, origin, host;
  decode::Kind kind = decode::Kind::not_bounce;
  std::vector<Record> records;  ///< each with `fingerprint` and `origin` of the message
  std::uint64_t left_out = 0;   ///< records past ShippedReaderOptions::max_records, not kept
  std::uint64_t bytes = 0;      ///< bytes of its lines (for the progress display)
};

struct ShippedReaderOptions {
  /// A longer line is an error. A record's fields are at most 8 KB each (docs/limits.md): even
  /// every field full, escaped, stays far below this.
  std::size_t max_line_bytes = 1u << 20;
  /// Records kept per message (decode::DecodeOptions::max_records).
  std::size_t max_records = 10000;
};

/// Pulls shipped messages one at a time from files ("-" = standard input; gzip read through
/// the bounded line reader of the mbox source), in the order given.
class ShippedReader {
 public:
  explicit ShippedReader(std::vector<std::string> paths, ShippedReaderOptions options = {});
  ~ShippedReader();
  ShippedReader(const ShippedReader&) = delete;
  ShippedReader& operator=(const ShippedReader&) = delete;

  /// Fills `out` with the next complete message; false once every file is read.
  bool next(ShippedMessage& out);

  /// Files that could not be read, or whose reading stopped at a malformed line ("line N: why").
  const std::vector<source::InputError>& errors() const;
  /// Files without a message, and messages whose records were capped.
  const std::vector<source::InputWarning>& warnings() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bouncekit::nightly::detail
