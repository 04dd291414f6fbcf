// The original message returned inside a report, and the headers we keep of it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bouncekit/mime.hpp"

namespace bouncekit::decode {

struct OriginalMessage {
  bool found = false;
  std::string message_id;
  std::string from;     ///< address only
  std::string to;       ///< address only (first)
  std::string subject;  ///< RFC 2047 decoded, UTF-8
  std::string date;     ///< UTC ISO 8601
  std::string list_id;
  std::vector<std::pair<std::string, std::string>> extra;  ///< the headers the user asked for
};

/// The list identifier of a List-Id value (RFC 2919 section 3: an optional phrase, then the id
/// between '<' and '>'), lower-cased; the trimmed value itself when it has no brackets. "" when
/// empty or over 255 bytes (RFC 2919 limits the id to 255 octets).
std::string list_identifier(std::string_view list_id);

/// Finds the returned message (message/rfc822, message/global, text/rfc822-headers,
/// message/global-headers) in the tree and reads its headers.
OriginalMessage find_original_message(const mime::Part& root, const std::vector<std::string>& extra_headers);

/// Reads the headers of an original message given as a field list.
OriginalMessage read_original_headers(const std::vector<mime::Field>& fields,
                                      const std::vector<std::string>& extra_headers);

/// Offset of the first line of `text` (at or after `from`) that announces the
/// returned message in a plain-text notice ("----- Original message -----",
/// "--- Below this line is a copy of the message.", "Message headers follow."...),
/// npos if none.
std::size_t find_returned_message_marker(std::string_view text, std::size_t from = 0);

/// The header block of a returned message written inline in plain text: a run
/// of unindented "Name: value" lines (folded lines allowed) naming at least
/// two of From, To, Subject, Date, Message-ID, and either at least three
/// fields or right after a returned-message marker. Echoed lines that are
/// indented ("  Subject: Hello" in a notice) do not count.
struct InlineHeaders {
  std::size_t begin = 0;  ///< offset of the first header line in the text
  std::size_t end = 0;    ///< offset just past the block
  std::vector<mime::Field> fields;
};
std::optional<InlineHeaders> find_inline_headers(std::string_view text, std::size_t from = 0);

/// For bounces that append the returned message as plain text after the
/// notice rather than as a message/rfc822 part: the inline header block
/// (find_inline_headers) of the first plain-text part outside enclosed
/// messages that has one, read as find_original_message reads a part. A
/// multipart without parts (its boundary never occurs) is read from `raw`,
/// the whole message. `found` is false if there is no such block.
OriginalMessage find_inline_original_message(const mime::Part& root, std::string_view raw,
                                             const std::vector<std::string>& extra_headers);

}  // namespace bouncekit::decode
