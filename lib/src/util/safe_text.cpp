#include "util/safe_text.hpp"

#include <cstdint>
#include <cstdio>

namespace bouncekit::util {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The code point of the UTF-8 sequence at s[i] and its length; length 0 when the bytes there
// are not UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
struct Decoded {
  char32_t cp = 0;
  std::size_t length = 0;
};

Decoded decode_at(std::string_view s, std::size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, 1};
  std::size_t n;
  char32_t cp;
  if (b >= 0xC2 && b <= 0xDF) n = 2, cp = b & 0x1F;
  else if (b >= 0xE0 && b <= 0xEF) n = 3, cp = b & 0x0F;
  else if (b >= 0xF0 && b <= 0xF4) n = 4, cp = b & 0x07;
  else return {};
  if (i + n > s.size()) return {};
  for (std::size_t k = 1; k < n; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return {};
    cp = (cp << 6) | (c & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
    return {};
  return {cp, n};
}

bool is_unsafe(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
         cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

bool plain_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) return false;
  return true;
}

}  // namespace

bool has_unsafe_text(std::string_view s) {
  if (plain_ascii(s)) return false;
  for (std::size_t i = 0; i < s.size();) {
    Decoded d = decode_at(s, i);
    if (d.length == 0 || is_unsafe(d.cp)) return true;
    i += d.length;
  }
  return false;
}

bool has_control_characters(std::string_view s) {
  if (plain_ascii(s)) return false;
  for (std::size_t i = 0; i < s.size();) {
    Decoded d = decode_at(s, i);
    if (d.length == 0) {
      auto b = static_cast<unsigned char>(s[i]);
      if (b < 0x20 || (b >= 0x7F && b <= 0x9F)) return true;
      ++i;
      continue;
    }
    if (is_unsafe(d.cp)) return true;
    i += d.length;
  }
  return false;
}

std::string replace_unsafe(std::string_view s) {
  if (plain_ascii(s)) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    Decoded d = decode_at(s, i);
    if (d.length == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (d.cp == '\t' || d.cp == '\r' || d.cp == '\n') out += ' ';
    else if (is_unsafe(d.cp)) out += kReplacement;
    else out.append(s.substr(i, d.length));
    i += d.length;
  }
  return out;
}

std::string escape_unsafe(std::string_view s) {
  if (plain_ascii(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 8);
  char buffer[16];
  for (std::size_t i = 0; i < s.size();) {
    Decoded d = decode_at(s, i);
    if (d.length == 0) {
      std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned>(static_cast<unsigned char>(s[i])));
      out += buffer;
      ++i;
      continue;
    }
    if (is_unsafe(d.cp)) {
      if (d.cp < 0x80) std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned>(d.cp));
      else std::snprintf(buffer, sizeof buffer, "\\u{%04X}", static_cast<unsigned>(d.cp));
      out += buffer;
    } else {
      out.append(s.substr(i, d.length));
    }
    i += d.length;
  }
  return out;
}

}  // namespace bouncekit::util
