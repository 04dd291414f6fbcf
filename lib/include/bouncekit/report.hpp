// bouncekit/report.hpp — writing records out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "bouncekit/record.hpp"

namespace bouncekit::report {

/// Names of the record columns, in output order (docs/record-schema.md).
const std::vector<std::string>& record_columns();

/// Writes one record as one line of JSON (JSON Lines); empty fields become null.
void write_jsonl(std::ostream& out, const Record& record);

/// Appends the JSON object write_jsonl writes for `record`, without the line's newline (for
/// callers that place records inside a larger JSON text, e.g. `parse --format json`'s array).
void append_json(std::string& out, const Record& record);

/// What `parse --ship` adds to the lines of one message, so that a central `report` can count the
/// message as if it had read it (docs/record-schema.md, "Shipped files").
struct MessageTag {
  std::string_view fingerprint;  ///< history::fingerprint of the message's bytes
  std::string_view origin;       ///< source::Origin::to_string()
  std::string_view kind;         ///< decode::to_string(Kind)
  std::string_view host;         ///< the host that read it (--host-name)
  std::size_t records = 0;       ///< lines of the message that are records (0: one message line)
};

/// Appends one record line of `parse --ship`, without the newline: append_json's object with
/// `hint`, `message_kind`, `message_records` and `host` added after the record's fields.
void append_shipped_record(std::string& out, const Record& record, const MessageTag& message);

/// Appends the one line of `parse --ship` for a message without records, without the newline:
/// {"fingerprint":...,"origin":...,"message_kind":...,"message_records":0,"host":...}.
void append_shipped_message(std::string& out, const MessageTag& message);

/// Appends the closing line of `parse --ship`, without the newline:
/// {"end_of_shipment":true,"messages":N,"host":...}, N the messages written since the previous
/// closing line. A reader that finds the lines of a shipment not followed by it knows the file was
/// cut short (a killed `parse`, a copy that stopped), even between two messages.
void append_shipment_end(std::string& out, std::uint64_t messages, std::string_view host);

/// `s` with control characters (C0, DEL, C1), bidirectional controls and bytes that are not
/// UTF-8 escaped as \xNN or \u{NNNN}: for log lines, which name files and carry text from mail.
std::string escape_control_characters(std::string_view s);

/// Writes records as CSV (RFC 4180): a header line once, then one line per record. Control
/// characters are replaced and, unless `raw`, formula cells guarded (docs/security.md).
class CsvWriter {
 public:
  explicit CsvWriter(std::ostream& out, std::vector<std::string> extra_header_names = {}, bool raw = false);
  /// Writes the header line now (once; write() does it too if not yet done).
  void write_header();
  void write(const Record& record);

 private:
  std::ostream& out_;
  std::vector<std::string> extra_;
  bool header_written_ = false;
  bool raw_ = false;
};

}  // namespace bouncekit::report
