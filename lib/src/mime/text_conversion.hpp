// Internal to lib/src/mime: what Part::text() needs to skip a copy when converting a body to
// UTF-8 would change nothing (most bounce text is ASCII or UTF-8 already).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bouncekit::mime {

/// Length of the longest prefix of `bytes` that sanitize_utf8 keeps unchanged: valid UTF-8
/// without NUL. bytes.size() if sanitize_utf8(bytes) == bytes.
std::size_t clean_utf8_prefix(std::string_view bytes);

/// to_utf8 without the copy where it would return `bytes` unchanged: returns true and leaves
/// `out` alone if to_utf8(bytes, charset) == bytes (an ASCII-based or UTF-8 charset and
/// bytes that are already clean UTF-8); otherwise stores to_utf8(bytes, charset) in `out` and
/// returns false. May return false for a conversion that happens to change nothing.
bool to_utf8_unless_unchanged(std::string_view bytes, std::string_view charset, std::string& out);

}  // namespace bouncekit::mime
