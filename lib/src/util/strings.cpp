#include "util/strings.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace bouncekit::util {

namespace {

// Sixteen bytes as one GCC/Clang vector: the compiler emits SSE2 (or the target's equivalent,
// or plain code where there is none).
using Bytes16 = unsigned char __attribute__((vector_size(16)));

constexpr Bytes16 splat(unsigned char c) { return Bytes16{c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c}; }

}  // namespace

void to_lower(std::string_view s, char* out) {
  // Sixteen bytes at a time (the decoders lower-case kilobytes of text per message, the
  // detectors' 16 KB window first of all): a byte gets 0x20 added when it lies in 'A'..'Z'.
  // (x - 'A') wraps below 'A', so one unsigned compare tests the range.
  constexpr Bytes16 kA = splat('A'), kLetters = splat(26), kCaseBit = splat(0x20);
  std::size_t i = 0;
  for (; i + 16 <= s.size(); i += 16) {
    Bytes16 x;
    std::memcpy(&x, s.data() + i, 16);
    Bytes16 upper = reinterpret_cast<Bytes16>((x - kA) < kLetters);  // 0xFF where upper case
    x |= upper & kCaseBit;
    std::memcpy(out + i, &x, 16);
  }
  for (; i < s.size(); ++i) out[i] = ascii_lower(s[i]);
}

bool has_non_ascii(std::string_view s) {
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (w & kHighBits) return true;
  }
  for (; i < s.size(); ++i)
    if (static_cast<unsigned char>(s[i]) >= 0x80) return true;
  return false;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  to_lower(out, out.data());
  return out;
}

namespace {

std::size_t find_ci_naive(std::string_view haystack, std::string_view needle, std::size_t from) {
  const char first = ascii_lower(needle[0]);
  for (std::size_t i = from; i + needle.size() <= haystack.size(); ++i) {
    if (ascii_lower(haystack[i]) != first) continue;
    if (iequals(haystack.substr(i, needle.size()), needle)) return i;
  }
  return std::string_view::npos;
}

// Boyer-Moore-Horspool with a case-folded shift table: looks at about one byte in
// needle.size() instead of every byte. The decoders' marker tests search kilobytes of
// text for many phrases per message, which made the byte-by-byte loop the biggest cost.
std::size_t find_ci_horspool(std::string_view haystack, std::string_view needle, std::size_t from) {
  const std::size_t m = needle.size();
  unsigned char shift[256];
  std::memset(shift, static_cast<int>(m), sizeof shift);
  for (std::size_t i = 0; i + 1 < m; ++i) {
    auto c = static_cast<unsigned char>(ascii_lower(needle[i]));
    shift[c] = static_cast<unsigned char>(m - 1 - i);
    if (c >= 'a' && c <= 'z') shift[c - 32] = shift[c];
  }
  const char last = ascii_lower(needle[m - 1]);
  const std::string_view head = needle.substr(0, m - 1);
  for (std::size_t i = from; i + m <= haystack.size();) {
    char c = haystack[i + m - 1];
    if (ascii_lower(c) == last && iequals(haystack.substr(i, m - 1), head)) return i;
    i += shift[static_cast<unsigned char>(c)];
  }
  return std::string_view::npos;
}

}  // namespace

std::size_t find_ci(std::string_view haystack, std::string_view needle, std::size_t from) {
  if (needle.empty()) return from <= haystack.size() ? from : std::string_view::npos;
  if (from > haystack.size() || haystack.size() - from < needle.size()) return std::string_view::npos;
  // The shift table pays off once the text is a few needles long; shifts fit a byte.
  if (needle.size() < 3 || needle.size() > 255 || haystack.size() - from < 4 * needle.size() + 32)
    return find_ci_naive(haystack, needle, from);
  return find_ci_horspool(haystack, needle, from);
}

namespace {

// How common each byte is in (lower-cased) mail text, roughly; higher is more common.
constexpr std::array<unsigned char, 256> kCommonness = [] {
  constexpr std::string_view kByFrequency = " etaoinsrhldcumfpgwyb.,v-k0123456789\n:/@<>xjqz";
  std::array<unsigned char, 256> table{};
  for (std::size_t i = 0; i < kByFrequency.size(); ++i)
    table[static_cast<unsigned char>(kByFrequency[i])] = static_cast<unsigned char>(kByFrequency.size() - i);
  return table;
}();

int commonness(char c) { return kCommonness[static_cast<unsigned char>(c)]; }

}  // namespace

std::size_t find_fast(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return 0;
  if (needle.size() > haystack.size()) return std::string_view::npos;
  std::size_t k = 0;  // the rarest byte of the needle
  for (std::size_t i = 1; i < needle.size(); ++i)
    if (commonness(needle[i]) < commonness(needle[k])) k = i;
  const char* p = haystack.data() + k;
  // The rare byte of the last possible match.
  const char* const last = haystack.data() + (haystack.size() - needle.size()) + k;
  while (p <= last) {
    p = static_cast<const char*>(std::memchr(p, needle[k], static_cast<std::size_t>(last - p) + 1));
    if (p == nullptr) return std::string_view::npos;
    const char* start = p - k;
    if (std::memcmp(start, needle.data(), needle.size()) == 0) return static_cast<std::size_t>(start - haystack.data());
    ++p;
  }
  return std::string_view::npos;
}

std::string collapse_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  // Word by word: each run of non-space bytes is appended at once, one space before all but the first.
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    if (i == s.size()) break;
    std::size_t end = i;
    while (end < s.size() && !is_space(s[end])) ++end;
    if (!out.empty()) out.push_back(' ');
    out.append(s.data() + i, end - i);
    i = end;
  }
  return out;
}

}  // namespace bouncekit::util
