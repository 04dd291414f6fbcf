// display_width.cpp — how many terminal columns a UTF-8 string takes.
//
// wcwidth(3) (POSIX; glibc's tables follow Unicode's East Asian Width, UAX #11, and give 0 to
// combining marks) answers in the calling thread's LC_CTYPE locale. The program runs under
// cron's C locale, where every code point above ASCII is "not printable", so the width is asked
// under glibc's built-in C.UTF-8 locale (glibc 2.35 and later) whatever the process locale is.
// If that locale cannot be made, a small table of the wide blocks of UAX #11 (CJK, Hangul,
// kana, fullwidth forms, emoji) and the combining diacritical marks stands in.
#include <locale.h>
#include <wchar.h>

#include <cstdint>
#include <string>

#include "report/text_table.hpp"

namespace bouncekit::report {
namespace {

struct Range {
  char32_t first, last;
};

// UAX #11 East_Asian_Width W and F, the main blocks (Unicode 15 EastAsianWidth.txt).
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},
    {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6},   {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD},
};
// Combining marks that take no column of their own (General_Category Mn, the common blocks).
constexpr Range kZero[] = {{0x0300, 0x036F}, {0x200B, 0x200F}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}};

bool in(const Range* begin, const Range* end, char32_t c) {
  for (const Range* r = begin; r != end; ++r)
    if (c >= r->first && c <= r->last) return true;
  return false;
}

int table_width(char32_t c) {
  if (in(std::begin(kZero), std::end(kZero), c)) return 0;
  return in(std::begin(kWide), std::end(kWide), c) ? 2 : 1;
}

// Decodes one UTF-8 sequence at s[i], advancing i; a malformed byte is one code point U+FFFD.
char32_t next_code_point(const std::string& s, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  std::size_t length = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + length > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t c = length == 1 ? b : length == 2 ? (b & 0x1F) : length == 3 ? (b & 0x0F) : (b & 0x07);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    c = (c << 6) | (byte(i + k) & 0x3F);
  }
  i += length;
  return c;
}

locale_t utf8_locale() {
  static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  return locale;
}

}  // namespace

std::size_t code_point_width(char32_t c, bool use_libc) {
  if (c < 0x80) return 1;
  if (use_libc && utf8_locale() != static_cast<locale_t>(nullptr)) {
    locale_t previous = uselocale(utf8_locale());
    int w = ::wcwidth(static_cast<wchar_t>(c));
    uselocale(previous);
    return w < 0 ? 1 : static_cast<std::size_t>(w);  // not printable: shown as one replacement
  }
  return static_cast<std::size_t>(table_width(c));
}

std::size_t display_width(const std::string& s, std::size_t* cut, std::size_t max_width) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t start = i;
    std::size_t w = code_point_width(next_code_point(s, i), true);
    if (cut && width + w > max_width) {
      *cut = start;
      return width;
    }
    width += w;
  }
  if (cut) *cut = s.size();
  return width;
}

std::size_t display_width(const std::string& s) { return display_width(s, nullptr, 0); }

}  // namespace bouncekit::report
