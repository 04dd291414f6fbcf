#include "report/json_string.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

namespace bouncekit::report::detail {

namespace {

// What to do with each byte: copy it, escape it, or check the UTF-8 sequence it starts.
enum ByteClass : std::uint8_t { kCopy, kEscape, kMultiByte };

constexpr std::array<std::uint8_t, 256> kByteClass = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = kEscape;
  t['"'] = kEscape;
  t['\\'] = kEscape;
  for (int c = 0x80; c < 0x100; ++c) t[c] = kMultiByte;
  return t;
}();

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 if it is not one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = at(i);
  std::size_t left = s.size() - i;
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && continuation(at(i + 1)) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !continuation(at(i + 1)) || !continuation(at(i + 2))) return 0;
    unsigned char c1 = at(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !continuation(at(i + 1)) || !continuation(at(i + 2)) || !continuation(at(i + 3))) return 0;
    unsigned char c1 = at(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// True if none of the eight bytes in `w` needs a look: all ASCII, none below 0x20, no
// '"', no '\\' (the usual bit tricks: a byte below n sets its high bit in (w - n*ones) & ~w).
bool plain_word(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  auto has_below = [](std::uint64_t v, std::uint64_t n) { return ((v - n * kOnes) & ~v & kHighs) != 0; };
  auto has_byte = [&](std::uint64_t b) { return has_below(w ^ (b * kOnes), 1); };
  return (w & kHighs) == 0 && !has_below(w, 0x20) && !has_byte('"') && !has_byte('\\');
}

void append_escape(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('\\');
  switch (c) {
    case '\b': out.push_back('b'); return;
    case '\t': out.push_back('t'); return;
    case '\n': out.push_back('n'); return;
    case '\f': out.push_back('f'); return;
    case '\r': out.push_back('r'); return;
    case '"': out.push_back('"'); return;
    case '\\': out.push_back('\\'); return;
    default: break;
  }
  const char u[] = {'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
  out.append(u, sizeof u);
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  const std::size_t start = out.size();
  out.push_back('"');
  std::size_t run = 0;  // start of the bytes not yet copied
  std::size_t i = 0;
  while (i < s.size()) {
    if (s.size() - i >= 8) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, sizeof word);
      if (plain_word(word)) {
        i += 8;
        continue;
      }
    }
    // Somewhere in these eight bytes is one to look at: byte by byte.
    const std::size_t stop = std::min(s.size(), i + 8);
    while (i < stop) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      switch (kByteClass[c]) {
        case kCopy:
          ++i;
          break;
        case kEscape:
          out.append(s.data() + run, i - run);
          append_escape(out, c);
          run = ++i;
          break;
        default: {
          std::size_t n = utf8_sequence(s, i);
          if (n == 0) {
            out.resize(start);
            out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            return;
          }
          i += n;
          break;
        }
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

}  // namespace bouncekit::report::detail
