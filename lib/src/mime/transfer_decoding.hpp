// Content-Transfer-Encoding decoding (base64, quoted-printable) through mimetic's codecs.
#pragma once

#include <string>
#include <string_view>

namespace bouncekit::mime {

/// Decodes `body` according to a lower-cased Content-Transfer-Encoding
/// ("base64", "quoted-printable"); any other encoding returns it unchanged.
std::string transfer_decode(std::string_view body, std::string_view encoding);

}  // namespace bouncekit::mime
