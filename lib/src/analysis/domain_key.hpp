// domain_key.hpp — one form for a recipient domain, so that every aggregate counts a domain once.
//
// A domain can be written as Unicode (例え.jp, U-labels) or as its ASCII form (xn--r8jz45g.jp,
// A-labels: RFC 5890 section 2.3.2.1, Punycode of RFC 3492), in any letter case. Both are the
// same domain. The key is the Unicode form: IDNA2008 (RFC 5891) with the UTS #46 mapping
// (lower case, NFC), computed by GNU libidn2 (docs/dependencies.md). A domain libidn2 refuses
// (not a valid IDN, a literal such as [192.0.2.1], over 253 bytes) keeps its written form with
// ASCII letters lowered. Local parts are never touched: they are the receiving host's business.
#pragma once

#include <string>
#include <string_view>

namespace bouncekit::analysis {

/// The form every aggregate groups and shows a recipient domain in: Unicode, lower case,
/// without a trailing dot. Plain ASCII domains without an "xn--" label skip libidn2.
std::string domain_key(std::string_view domain);

}  // namespace bouncekit::analysis
