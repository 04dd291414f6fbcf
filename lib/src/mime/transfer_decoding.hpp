// Content-Transfer-Encoding decoding: base64 through mimetic's codec, quoted-printable by our
// port of it (quoted_printable.hpp).
#pragma once

#include <string>
#include <string_view>

namespace bouncekit::mime {

/// Decodes `body` according to a lower-cased Content-Transfer-Encoding
/// ("base64", "quoted-printable"); any other encoding returns it unchanged.
std::string transfer_decode(std::string_view body, std::string_view encoding);

/// Whether transfer_decode would change a body in this encoding (false: it returns the body as is).
bool transfer_decoding_changes(std::string_view encoding);

namespace detail {
/// mimetic's own quoted-printable decoder: the reference decode_quoted_printable is tested against.
std::string mimetic_decode_quoted_printable(std::string_view body);
}  // namespace detail

}  // namespace bouncekit::mime
