// Quoted-printable decoding (RFC 2045 6.7), byte for byte as mimetic's QP::Decoder decodes,
// without its cost of one virtual-free but iterator-heavy call per byte.
#pragma once

#include <string>
#include <string_view>

namespace bouncekit::mime {

/// Decodes a quoted-printable body. The output is exactly what mimetic::QP::Decoder gives,
/// quirks included (control bytes dropped, blanks before a line break dropped together with
/// the break, a malformed "=" kept), so results do not change with the decoder.
std::string decode_quoted_printable(std::string_view body);

}  // namespace bouncekit::mime
