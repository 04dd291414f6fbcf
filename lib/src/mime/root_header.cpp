// root_header.cpp — the top-level header block read without mimetic (see root_header.hpp).
//
// The clean-block rules are chosen so that each of them rules out one of loadHeader's quirks
// rather than reproducing it: CR-only and mixed line ends (loadHeader pairs "\n\r" as one line
// end), a NUL byte (addField(char*) cuts the value there), a line that is not a field (it ends
// the header and becomes body, or is ignored, or leaks its value into the next field), 8-bit or
// control bytes in a name, and a block without an empty line (the last field is then lost).
#include "mime/root_header.hpp"

#include <cstring>

#include "util/strings.hpp"

namespace bouncekit::mime {
namespace {

using util::is_wsp;  // space or tab: what mimetic::isblank accepts

bool is_name_byte(char c) { return c > 32 && c < 127 && c != ':'; }

std::string_view skip_blanks(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_wsp(s[i])) ++i;
  return s.substr(i);
}

}  // namespace

bool read_root_header(std::string_view input, RootHeader& out) {
  out.fields.clear();
  // Top-level blocks of bounces run 10 to 20 fields: this saves the vector's regrowth.
  out.fields.reserve(16);
  out.end = 0;
  const char* const data = input.data();
  const std::size_t size = input.size();
  // The line-end style, fixed by the first line: 1 for LF, 2 for CRLF.
  std::size_t eol_size = 0;
  std::size_t pos = 0;
  while (pos < size) {
    const void* nl = std::memchr(data + pos, '\n', size - pos);
    if (nl == nullptr) return false;  // no empty line before the end of the input
    const std::size_t lf = static_cast<std::size_t>(static_cast<const char*>(nl) - data);
    const bool crlf = lf > pos && data[lf - 1] == '\r';
    if (eol_size == 0) eol_size = crlf ? 2 : 1;
    if ((eol_size == 2) != crlf) return false;  // mixed line ends
    const std::string_view line(data + pos, lf - pos - (crlf ? 1 : 0));
    if (line.empty()) {
      if (out.fields.empty()) return false;  // no field before the empty line
      // NUL anywhere in the block, or (with LF line ends) a CR: checked once over the whole
      // block rather than line by line; the fields read are then thrown away.
      if (std::memchr(data, '\0', pos) != nullptr) return false;
      if (eol_size == 1 && std::memchr(data, '\r', pos) != nullptr) return false;
      out.end = pos;
      return true;
    }
    if (eol_size == 2 && std::memchr(line.data(), '\r', line.size()) != nullptr) return false;
    if (is_wsp(line[0])) {
      if (out.fields.empty()) return false;  // value bytes before the first field
      std::string& value = out.fields.back().value;
      value.push_back(' ');
      value.append(skip_blanks(line));
    } else {
      std::size_t n = 0;
      while (n < line.size() && is_name_byte(line[n])) ++n;
      std::size_t colon = n;
      while (colon < line.size() && is_wsp(line[colon])) ++colon;
      if (n == 0 || colon == line.size() || line[colon] != ':') return false;  // not a field
      Field& field = out.fields.emplace_back();
      field.name.assign(line.data(), n);
      field.value.assign(skip_blanks(line.substr(colon + 1)));
    }
    pos = lf + 1;
  }
  return false;
}

}  // namespace bouncekit::mime
