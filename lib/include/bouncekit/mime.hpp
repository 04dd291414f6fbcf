// bouncekit/mime.hpp — a message as a tree of parts, with text made safe.
//
// A thin adapter over mimetic (which never appears in a public header): the
// part tree with lower-cased content types, decoded parameters (RFC 2231),
// transfer-decoded bodies, and helpers that turn any header or body text into
// valid UTF-8 (RFC 2047 encoded words, declared charsets, stray 8-bit bytes).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bouncekit::mime {

/// One header field; `value` is unfolded but otherwise raw (not RFC 2047 decoded).
struct Field {
  std::string name;
  std::string value;
};

/// Parsed Content-Type: type/subtype lower-cased, parameter names lower-cased,
/// parameter values unquoted and RFC 2231 decoded (continuations joined, charset applied).
struct ContentType {
  std::string type = "text";
  std::string subtype = "plain";
  std::map<std::string, std::string> params;

  std::string mime_type() const { return type + "/" + subtype; }
  /// `mime_type() == mime_type` without building the string: the decoders ask this of every
  /// part of every message.
  bool is(std::string_view mime_type) const {
    return mime_type.size() == type.size() + 1 + subtype.size() && mime_type.starts_with(type) &&
           mime_type[type.size()] == '/' && mime_type.ends_with(subtype);
  }
  /// The parameter's value, or "" if absent.
  std::string param(const std::string& name) const;
};

/// One MIME entity.
///
/// The body is kept as it stands in the message and transfer-decoded on first use
/// (`body()`): most parts (the attachments of a returned message) are never read.
/// A Part belongs to one thread: the first `body()` call fills a cache.
struct Part {
  std::vector<Field> fields;
  ContentType content_type;
  std::string transfer_encoding;  ///< lower-cased Content-Transfer-Encoding, "" if none
  std::string raw_body;           ///< the body as in the message (still transfer-encoded)
  std::vector<Part> children;     ///< sub-parts of a multipart, or the message of a message/rfc822

  /// First field with this name (case-insensitive), or nullptr.
  const Field* field(std::string_view name) const;
  /// Value of the first field with this name, or "".
  std::string value(std::string_view name) const;
  /// The same as `value` without a copy: a view into the field, valid while the part is
  /// unchanged; "" if there is no such field.
  std::string_view value_view(std::string_view name) const;
  /// The transfer-decoded body (bytes in the part's own charset), decoded on the first call.
  const std::string& body() const;
  /// The body converted to UTF-8 from the declared charset (invalid bytes replaced),
  /// converted on the first call (several decoders read the same text part).
  const std::string& text() const;

  /// Caches of body() (base64 and quoted-printable bodies) and text(); not for callers.
  mutable std::string decoded_body_cache;
  mutable bool decoded_body_ready = false;
  mutable std::string text_cache;
  mutable bool text_ready = false;
  mutable bool text_is_body = false;  ///< text() is body() itself (nothing to convert); text_cache unused
};

/// Limits that keep hostile input from costing unbounded time or stack.
struct Limits {
  std::size_t max_depth = 32;           ///< deeper multiparts are kept as opaque bodies
  std::size_t max_line_bytes = 256u << 10;  ///< longer lines are cut before mimetic sees them
  /// More multipart/* or message/* parts than this: only the top level is parsed
  /// (the decoders then scan the raw text for report parts).
  std::size_t max_containers = 64;
};

/// The parsed message. `damaged` says the MIME structure was broken (a
/// fallback was used, or parts may be missing); `problem` says how.
struct Message {
  Part root;
  bool damaged = false;
  std::string problem;
};

/// Parses a raw message (LF line ends, no mbox postmark). Never throws.
Message parse(std::string_view raw, const Limits& limits = {});

/// The body of one part with its lines whole (see uncut_body).
struct UncutBody {
  std::string_view in_message;  ///< the bytes, when they needed no decoding: a view into the message
  std::string decoded;          ///< the bytes, when they were transfer-decoded
  bool is_decoded = false;
  bool truncated = false;  ///< the body was longer than the budget: only its first bytes are here
  /// The transfer-decoded bytes (in the part's own charset), at most the budget.
  std::string_view bytes() const { return is_decoded ? std::string_view(decoded) : in_message; }
};

/// The transfer-decoded body of `part` (a leaf of `message`) with its lines whole, read from
/// `raw`, the text `message` was parsed from with `limits`. Part::body() holds lines longer than
/// Limits::max_line_bytes cut, and every reader relies on that (some are superlinear in the length
/// of a line); a reader that needs one long line whole (the Amazon SES decoder: a notification is
/// one JSON line) asks for it here, for the one part that holds it. At most `max_bytes` bytes are decoded, into one buffer no larger than that or the
/// part (none when the body needs no decoding: a view into `raw`, which must outlive the result).
/// nullopt when the body was not cut (Part::body() is whole), or cannot be found in `raw` where
/// the tree has it (a broken structure): read Part::body() then. Linear in the message's size.
std::optional<UncutBody> uncut_body(std::string_view raw, const Message& message, const Part& part,
                                    std::size_t max_bytes, const Limits& limits = {});

/// Fallback for broken MIME (an unclosed inner multipart swallows the parts
/// after it): finds parts whose Content-Type is `mime_type` by scanning the raw
/// text for their header, and returns them with their bodies transfer-decoded.
std::vector<Part> scan_for_parts(std::string_view raw, std::string_view mime_type);

/// Parses a header block ("Name: value" lines, folded lines joined) such as a
/// text/rfc822-headers body or a delivery-status field group. Stops at the
/// first blank line. Lines that are not fields and not continuations are skipped.
std::vector<Field> parse_fields(std::string_view block);

/// Parses a Content-Type value (RFC 2045 with RFC 2231 parameters).
ContentType parse_content_type(std::string_view value);

/// Decodes RFC 2047 encoded words and returns valid UTF-8 (other bytes are
/// treated as UTF-8, then Latin-1 where invalid).
std::string decode_header(std::string_view value);

/// Converts bytes in `charset` to UTF-8. An unknown or empty charset, or bytes
/// invalid in it, are handled by `sanitize_utf8`. Always returns valid UTF-8.
std::string to_utf8(std::string_view bytes, std::string_view charset);

/// Returns `bytes` unchanged if it is valid UTF-8; otherwise every invalid
/// byte is taken as Latin-1 (so 8-bit headers stay readable). No NUL bytes survive.
std::string sanitize_utf8(std::string_view bytes);

/// Parses an RFC 5322 date ("Thu, 18 Sep 2008 17:54:04 +0900 (JST)", and the
/// usual sloppy variants) into UTC ISO 8601 ("2008-09-18T08:54:04Z"); "" if unparseable.
std::string to_iso8601_utc(std::string_view date);

}  // namespace bouncekit::mime
