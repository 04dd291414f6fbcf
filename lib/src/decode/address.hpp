// Email addresses as they appear in reports and headers.
#pragma once

#include <string>
#include <string_view>

namespace bouncekit::decode {

/// Cleans an address field value: drops a "rfc822;" type prefix, display name,
/// angle brackets, quotes around the whole address, comments and trailing dots.
/// Lower-cases the domain (the local part keeps its case). "" if nothing is left, or if what
/// is left is not of an address's shape (RFC 5321/6531; control characters refused).
std::string clean_address(std::string_view value);

/// The first addr-spec in a header value such as `"Neko" <neko@example.jp>, b@c`.
std::string first_address(std::string_view header_value);

/// Lower-cased domain of an address ("" if it has none).
std::string domain_of(std::string_view address);

/// True if `value` looks like local@domain (the shape clean_address keeps, with a domain).
bool looks_like_address(std::string_view value);

}  // namespace bouncekit::decode
