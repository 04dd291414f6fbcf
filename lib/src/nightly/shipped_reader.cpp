// ShippedReader: the lines of `parse --ship` (docs/record-schema.md, "Shipped files") back into
// messages. The line format is this project's own (report/shipped_lines.cpp writes it).
#include "nightly/shipped_reader.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "bouncekit/nightly.hpp"
#include "bouncekit/vocabulary.hpp"
#include "report/record_fields.hpp"
#include "source/line_reader.hpp"

namespace bouncekit::nightly::detail {
namespace {

using Json = nlohmann::json;

// A line that is not a valid shipped line: what() says why.
class BadLine : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

constexpr std::array kKinds = {decode::Kind::bounce,    decode::Kind::feedback,   decode::Kind::vacation,
                               decode::Kind::delivered, decode::Kind::not_bounce, decode::Kind::undecodable};

constexpr std::array<std::string_view, 3> kBounceValues = {"hard", "soft", "none"};

// A shipped line is one object of strings, nulls and one number; `headers` (parse --header) is
// an object of strings. Anything nested deeper is refused while parsing, before it is built.
constexpr int kMaxDepth = 2;

// One line, read: the message it belongs to, and its record when it is a record line; or the
// closing line of a shipment.
struct Line {
  bool closing = false;            ///< {"end_of_shipment":true,"messages":N,"host":...}
  std::uint64_t closes = 0;        ///< its N: the messages of the shipment it closes
  std::string fingerprint, origin, host;
  decode::Kind kind = decode::Kind::not_bounce;
  std::uint64_t records = 0;  ///< records of the message (0: a message line)
  Record record;
};

// The value of `name`: nullopt when absent or null; a BadLine when not a string or when it holds
// a NUL (no record field that leaves the library does; docs/limits.md).
std::optional<std::string> string_field(const Json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) throw BadLine(std::string("\"") + name + "\" is not a string");
  std::string value = it->get<std::string>();
  if (value.find('\0') != std::string::npos) throw BadLine(std::string("\"") + name + "\" holds a NUL character");
  return value;
}

std::string required(const Json& j, const char* name) {
  std::optional<std::string> value = string_field(j, name);
  if (!value || value->empty())
    throw BadLine(std::string("no \"") + name + "\" (a file of `bouncekit parse --ship` has it on every line)");
  return *value;
}

// A value from the file quoted in an error: its first 64 bytes (the log escapes what they hold).
std::string quote_start(std::string_view value) {
  constexpr std::size_t kQuoted = 64;
  return "'" + std::string(value.substr(0, kQuoted)) + (value.size() > kQuoted ? "...'" : "'");
}

bool is_fingerprint(std::string_view s) {
  if (s.size() != 32) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

Line read_line(std::string_view text) {
  bool too_deep = false;
  Json j;
  try {
    j = Json::parse(text.begin(), text.end(), [&too_deep](int depth, Json::parse_event_t event, Json&) {
      if ((event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) &&
          depth >= kMaxDepth)
        too_deep = true;
      return !too_deep;
    });
  } catch (const Json::parse_error& e) {
    // Its message quotes the text read: the byte is enough (and carries nothing from the file).
    throw BadLine("not JSON (at byte " + std::to_string(e.byte) + ")");
  }
  if (too_deep) throw BadLine("nested deeper than a record");
  if (!j.is_object()) throw BadLine("not a JSON object");

  Line line;
  if (auto end = j.find("end_of_shipment"); end != j.end()) {
    if (!end->is_boolean() || !end->get<bool>()) throw BadLine("\"end_of_shipment\" is not true");
    auto count = j.find("messages");
    if (count == j.end() || !count->is_number_unsigned()) throw BadLine("a closing line without \"messages\"");
    line.closing = true;
    line.closes = count->get<std::uint64_t>();
    line.host = required(j, "host");
    return line;
  }
  line.fingerprint = required(j, "fingerprint");
  if (!is_fingerprint(line.fingerprint)) throw BadLine("\"fingerprint\" is not 32 lower-case hex digits");
  // The tag first: a line of plain `parse` (no tag) is told apart by its first missing field.
  const std::string kind = required(j, "message_kind");
  line.origin = required(j, "origin");
  line.host = required(j, "host");
  bool known = false;
  for (decode::Kind k : kKinds)
    if (kind == decode::to_string(k)) line.kind = k, known = true;
  if (!known) throw BadLine("unknown \"message_kind\": " + quote_start(kind));
  auto count = j.find("message_records");
  if (count == j.end() || !count->is_number_unsigned())
    throw BadLine("no \"message_records\" (a file of `bouncekit parse --ship` has it on every line)");
  line.records = count->get<std::uint64_t>();
  if (line.records == 0) return line;  // a message without records

  // Lines repeat most shared texts (the origin within a message, the verdict's words throughout):
  // one equal to the last line's is that one's copy (SharedText), not a string of its own.
  thread_local std::array<TextReuse, report::kRecordFields.size()> last;
  for (std::size_t i = 0; i < report::kRecordFields.size(); ++i) {
    const report::RecordField& f = report::kRecordFields[i];
    if (std::optional<std::string> value = string_field(j, std::string(f.name).c_str())) {
      if (f.shared)
        line.record.*f.shared = last[i](*value);
      else
        f.set(line.record, std::move(*value));
    }
  }
  if (!vocabulary::reason_named(line.record.reason)) throw BadLine("unknown \"reason\": " + quote_start(line.record.reason));
  bool bounce_known = false;
  for (std::string_view b : kBounceValues) bounce_known = bounce_known || line.record.bounce == b;
  if (!bounce_known) throw BadLine("\"bounce\" is not hard, soft or none");
  if (std::optional<std::string> hint = string_field(j, "hint")) {
    line.record.hint = vocabulary::reason_named(*hint);
    if (!line.record.hint) throw BadLine("unknown \"hint\": " + quote_start(*hint));
  }
  return line;
}

}  // namespace

struct ShippedReader::Impl {
  Impl(std::vector<std::string> p, ShippedReaderOptions o) : paths(std::move(p)), options(o) {}

  std::vector<std::string> paths;
  ShippedReaderOptions options;
  std::size_t next_path = 0;
  source::detail::LineReader lines;
  bool open = false;
  std::string path;
  std::uint64_t line_number = 0, messages_in_file = 0;
  // Messages since the last closing line, and whether the last line read was one: a file must end
  // with the closing line `parse --ship` writes last, or it was cut short.
  std::uint64_t messages_in_shipment = 0;
  bool closed = false;
  std::string buffer;  // a line that came in several pieces
  std::vector<source::InputError> errors;
  std::vector<source::InputWarning> warnings;

  // The message in progress.
  bool in_message = false;
  std::uint64_t expected = 0, seen = 0;
  ShippedMessage message;

  // Stops reading the current file at the current line; the message in progress is dropped.
  // `where` says where: "line N: " by default.
  void fail(const std::string& why, std::string where = {}) {
    if (where.empty()) where = "line " + std::to_string(line_number) + ": ";
    errors.push_back({path, where + why + "; reading of this file stopped there (the messages before it are kept)"});
    in_message = false;
    close();
  }
  void close() {
    lines.close();
    open = false;
  }
  // The next line of the current file into `text` (false at its end); a line over the limit is
  // read to its end without being kept, and reported as `too_long`.
  bool read(std::string_view& text, bool& too_long);
  // Takes one line; true when it completed a message.
  bool take(std::string_view text);
};

bool ShippedReader::Impl::read(std::string_view& text, bool& too_long) {
  source::detail::LinePiece piece;
  too_long = false;
  buffer.clear();
  bool started = false;
  while (lines.next(piece)) {
    if (piece.first && piece.eol && !started) {
      text = piece.text;
      too_long = text.size() > options.max_line_bytes;
      return true;
    }
    started = true;
    if (!too_long && buffer.size() + piece.text.size() <= options.max_line_bytes)
      buffer.append(piece.text);
    else
      too_long = true;
    if (piece.eol) {
      text = buffer;
      return true;
    }
  }
  if (started) {  // the input ended inside the line
    text = buffer;
    return true;
  }
  return false;
}

bool ShippedReader::Impl::take(std::string_view text) {
  Line line;
  try {
    line = read_line(text);
  } catch (const BadLine& e) {
    fail(e.what());
    return false;
  } catch (const Json::exception&) {  // a value of an unexpected type read as another
    fail("a field of the wrong type");
    return false;
  }
  if (line.closing) {
    if (in_message) {
      fail("message " + message.fingerprint + " ends after " + std::to_string(seen) + " of its " +
           std::to_string(expected) + " records");
    } else if (line.closes != messages_in_shipment) {
      fail("the closing line counts " + std::to_string(line.closes) + " messages, the lines before it hold " +
           std::to_string(messages_in_shipment));
    } else {
      messages_in_shipment = 0;
      closed = true;
    }
    return false;
  }
  closed = false;
  if (in_message) {
    if (line.fingerprint != message.fingerprint || line.origin != message.origin || line.host != message.host ||
        line.records != expected) {
      fail("message " + message.fingerprint + " ends after " + std::to_string(seen) + " of its " +
           std::to_string(expected) + " records");
      return false;
    }
    if (line.kind != message.kind) {
      fail("\"message_kind\" differs from the earlier lines of message " + message.fingerprint);
      return false;
    }
  } else {
    in_message = true;
    expected = line.records;
    seen = 0;
    message = ShippedMessage{};
    message.fingerprint = line.fingerprint;
    message.origin = line.origin;
    message.host = line.host;
    message.kind = line.kind;
  }
  message.bytes += text.size() + 1;
  if (expected != 0) {
    ++seen;
    if (message.records.size() < options.max_records) {
      // (one copy, shared by the message's records)
      line.record.fingerprint =
          message.records.empty() ? SharedText(message.fingerprint) : message.records.back().fingerprint;
      message.records.push_back(std::move(line.record));
    } else {
      ++message.left_out;
    }
    if (seen < expected) return false;
  }
  in_message = false;
  ++messages_in_file;
  ++messages_in_shipment;
  if (message.left_out)
    warnings.push_back({path, "line " + std::to_string(line_number) + ": message " + message.fingerprint + ": " +
                                  std::to_string(message.left_out) + " records past the limit of " +
                                  std::to_string(options.max_records) + " per message left out (docs/limits.md)"});
  return true;
}

ShippedReader::ShippedReader(std::vector<std::string> paths, ShippedReaderOptions options)
    : impl_(std::make_unique<Impl>(std::move(paths), options)) {}

ShippedReader::~ShippedReader() = default;

bool ShippedReader::next(ShippedMessage& out) {
  Impl& d = *impl_;
  for (;;) {
    if (!d.open) {
      if (d.next_path == d.paths.size()) return false;
      d.path = d.paths[d.next_path++];
      std::string error;
      if (!d.lines.open(d.path, error)) {
        d.errors.push_back({d.path, error});
        continue;
      }
      d.open = true;
      d.line_number = d.messages_in_file = d.messages_in_shipment = 0;
      d.in_message = d.closed = false;
    }
    std::string_view text;
    bool too_long = false;
    if (!d.read(text, too_long)) {
      if (!d.lines.error().empty()) {  // an I/O error, a corrupt gzip stream, a decompression bomb
        d.fail(d.lines.error(), d.line_number ? "after line " + std::to_string(d.line_number) + ": " : "at its start: ");
      } else if (d.in_message) {
        d.fail("the file ends inside message " + d.message.fingerprint + ", after " + std::to_string(d.seen) +
               " of its " + std::to_string(d.expected) + " records");
      } else if (!d.closed) {
        // Cut short (a killed `parse`, a copy that stopped), perhaps between two messages: the
        // complete messages were returned and are kept; shipping the whole file again counts the
        // rest once.
        d.errors.push_back({d.path, "the file ends without the closing line `parse --ship` writes last (cut short?); " +
                                        std::to_string(d.messages_in_shipment) +
                                        " complete messages after the last closing line are kept"});
        d.close();
      } else {
        if (d.messages_in_file == 0) d.warnings.push_back({d.path, "no messages in this input"});
        d.close();
      }
      continue;
    }
    ++d.line_number;
    if (too_long) {
      d.fail("longer than " + std::to_string(d.options.max_line_bytes) + " bytes");
      continue;
    }
    if (text.empty()) continue;
    if (d.take(text)) {
      out = std::move(d.message);
      return true;
    }
  }
}

const std::vector<source::InputError>& ShippedReader::errors() const { return impl_->errors; }
const std::vector<source::InputWarning>& ShippedReader::warnings() const { return impl_->warnings; }

}  // namespace bouncekit::nightly::detail

namespace bouncekit::nightly {

bool is_record_file(std::string_view path) { return path.ends_with(".jsonl") || path.ends_with(".jsonl.gz"); }

}  // namespace bouncekit::nightly
