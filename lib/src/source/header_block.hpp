// header_block.hpp — does a message open with a header block at all?
//
// RFC 5322 section 2.2 and 3.6.8: a message is header fields, then an empty line, then the body;
// a header field is a field name (printable US-ASCII, 33 to 126, except ':') followed by ':'.
// The obsolete syntax (RFC 5322 section 4.5) allows white space before the colon. A file whose
// first line is not a header field holds no header block: it is not mail (a text file, a log,
// a binary saved in the wrong folder). This is all the source stage asks; the MIME stage reads
// the fields themselves.
#pragma once

#include <string_view>

namespace bouncekit::source::detail {

/// True when `message` (LF line ends, no mbox postmark) opens with a header field line.
/// Looks at the first line only, and stops at the first byte that cannot be part of it.
bool opens_with_header_field(std::string_view message);

}  // namespace bouncekit::source::detail
