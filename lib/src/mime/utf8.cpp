// utf8.cpp — sanitize_utf8: any bytes to valid UTF-8 without NUL.
//
// Valid UTF-8 is strict RFC 3629: no overlong forms, no surrogates
// (U+D800..U+DFFF), nothing above U+10FFFF. Every byte that does not start a
// valid sequence is taken as one Latin-1 character (0x80..0xFF -> U+0080..U+00FF),
// so 8-bit headers in an undeclared single-byte charset stay readable.
// NUL bytes are dropped (not replaced): they carry no text and break C strings.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "bouncekit/mime.hpp"
#include "mime/text_conversion.hpp"

namespace bouncekit::mime {
namespace {

/// Length of the valid UTF-8 sequence starting at s[i], or 0 if none starts there.
/// A NUL byte counts as invalid here (it is never copied).
std::size_t valid_sequence(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 == 0) return 0;
  if (b0 < 0x80) return 1;
  const std::size_t left = s.size() - i;
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  auto cont = [&](std::size_t k) { return (at(k) & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) return (left >= 2 && cont(1)) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (left < 3 || !cont(1) || !cont(2)) return 0;
    if (b0 == 0xE0 && at(1) < 0xA0) return 0;  // overlong
    if (b0 == 0xED && at(1) > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (left < 4 || !cont(1) || !cont(2) || !cont(3)) return 0;
    if (b0 == 0xF0 && at(1) < 0x90) return 0;  // overlong
    if (b0 == 0xF4 && at(1) > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;  // 0x80..0xC1 (continuation or overlong lead), 0xF5..0xFF
}

}  // namespace

std::size_t clean_utf8_prefix(std::string_view bytes) {
  std::size_t i = 0;
  // Fastest path, eight bytes at a time while they are all ASCII and none is NUL (most text).
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t x;
    std::memcpy(&x, bytes.data() + i, 8);
    if ((x & kHigh) != 0 || ((x - kOnes) & ~x & kHigh) != 0) break;
  }
  while (i < bytes.size()) {  // fast path: find the first bad byte
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b != 0 && b < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = valid_sequence(bytes, i);
    if (n == 0) break;
    i += n;
  }
  return i;
}

std::string sanitize_utf8(std::string_view bytes) {
  std::size_t i = clean_utf8_prefix(bytes);
  std::string out(bytes.substr(0, i));
  if (i == bytes.size()) return out;
  out.reserve(bytes.size() + (bytes.size() - i) / 2 + 8);
  while (i < bytes.size()) {
    const std::size_t n = valid_sequence(bytes, i);
    if (n > 0) {
      out.append(bytes.substr(i, n));
      i += n;
      continue;
    }
    const auto b = static_cast<unsigned char>(bytes[i++]);
    if (b == 0) continue;  // NUL dropped
    out.push_back(static_cast<char>(0xC0 | (b >> 6)));
    out.push_back(static_cast<char>(0x80 | (b & 0x3F)));
  }
  return out;
}

}  // namespace bouncekit::mime
