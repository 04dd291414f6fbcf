// Small ASCII string helpers used by every stage (no locale, no allocation unless returning a string).
#pragma once

#include <string>
#include <string_view>

namespace bouncekit::util {

constexpr char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
/// Space or tab: the white space that may fold a header line.
constexpr bool is_wsp(char c) { return c == ' ' || c == '\t'; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
/// Value of a hex digit, or -1.
constexpr int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Without leading and trailing white space. Inline: called for nearly every line the decoders read.
inline std::string_view trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}
/// ASCII lower-case copy.
std::string to_lower(std::string_view s);
/// Writes the ASCII lower-case of `s` to `out` (s.size() bytes; `out` may be s.data() itself).
void to_lower(std::string_view s, char* out);

/// Whether `s` holds a byte of 0x80 or above (not plain ASCII); eight bytes at a time.
bool has_non_ascii(std::string_view s);
/// Case-insensitive (ASCII) equality.
inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  // Header names are mostly written as the callers spell them ("From", "Message-ID"): equal
  // bytes are settled with one compare, only differing ones are lower-cased. Inline: the header
  // lookups of some fifty detectors call it about a hundred times a message.
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i] && ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}
/// Case-insensitive (ASCII) prefix test.
// Inline with a first-byte test: it is called for every line and marker of many decoders,
// and most calls fail on the first byte.
inline bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  if (prefix.empty()) return true;
  if (ascii_lower(s[0]) != ascii_lower(prefix[0])) return false;
  return iequals(s.substr(0, prefix.size()), prefix);
}
/// Case-insensitive (ASCII) substring search; npos if absent.
std::size_t find_ci(std::string_view haystack, std::string_view needle, std::size_t from = 0);
inline bool contains_ci(std::string_view haystack, std::string_view needle) {
  return find_ci(haystack, needle) != std::string_view::npos;
}
/// Case-sensitive substring search (the first match, like std::string_view::find), fast on
/// long texts: it looks for the needle's rarest byte in mail text with memchr, then compares.
std::size_t find_fast(std::string_view haystack, std::string_view needle);
/// Replaces every run of white space (including newlines) by one space, and trims.
std::string collapse_space(std::string_view s);

}  // namespace bouncekit::util
