// The top-level header block read without mimetic, when it is clean.
//
// mimetic's header reader (IteratorParser::loadHeader) goes character by character and grows
// its buffers 128 bytes at a time; for a bounce most of its work is the top-level block
// (Received, DKIM-Signature, ARC-* fields). read_root_header reads that block itself when the
// block is "clean" (below), giving exactly the fields loadHeader would give; the adapter then
// lets mimetic parse only from the empty line on, with the root's Content-Type handed to it.
// Any block that is not clean goes through mimetic as before.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "bouncekit/mime.hpp"

namespace bouncekit::mime {

struct RootHeader {
  std::vector<Field> fields;  ///< in order, as mimetic's loadHeader would add them
  std::size_t end = 0;        ///< offset of the empty line that ends the block
};

/// Reads the header block at the start of `input` into `out` if it is clean, and says whether
/// it was. Clean means, narrowly (anything else returns false and the caller uses mimetic):
/// - every line ends the same way, all LF or all CRLF, the empty line that ends the block
///   included; there is no other CR and no NUL byte in the block;
/// - the first line is a field line, and every other line before the empty line is a field
///   line or a continuation line (starting with space or tab);
/// - a field line is a name of bytes 0x21-0x7E other than ':', then optional spaces/tabs,
///   then ':';
/// - the block ends with an empty line (not with the end of the input).
/// Values are then what loadHeader makes of them: the blanks after ':' dropped, trailing
/// blanks kept, each continuation line adds one space and the line without its leading blanks.
/// Linear in the block's length; reads nothing past the empty line.
bool read_root_header(std::string_view input, RootHeader& out);

/// The whole of `raw` through mimetic, the top-level block included (the path taken before
/// read_root_header existed, and still taken when the block is not clean). For tests that
/// compare the two paths.
Message parse_with_mimetic_header(std::string_view raw, const Limits& limits = {});

}  // namespace bouncekit::mime
