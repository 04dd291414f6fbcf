// fields.cpp — parse_fields: a header block ("Name: value" lines) to fields.
//
// Lines end in LF; trailing CRs are stripped. A line starting with space or
// tab continues the previous field: the fold is removed and the leading white
// space of the continuation collapsed to one space. Values are trimmed.
// The block ends at the first blank line (empty or only white space); blank
// lines before the first field are skipped. A line that is neither a field
// nor a continuation is skipped, and so are its continuations. A name is
// printable ASCII without spaces or ':'; white space between name and colon
// is tolerated ("Name : value"). Linear time.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bouncekit/mime.hpp"
#include "util/strings.hpp"

namespace bouncekit::mime {
namespace {

bool valid_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == ':') return false;
  }
  return true;
}

bool is_blank_line(std::string_view line) {
  for (char c : line)
    if (!util::is_space(c)) return false;
  return true;
}

void trim_value_end(std::string& v) {
  std::size_t n = v.size();
  while (n > 0 && util::is_space(v[n - 1])) --n;
  v.resize(n);
}

}  // namespace

std::vector<Field> parse_fields(std::string_view block) {
  std::vector<Field> fields;
  // A guess at the field count (header lines run about 50 bytes), capped: growing from one
  // field at a time cost several allocations and moves per block.
  fields.reserve(std::min<std::size_t>(block.size() / 50 + 1, 32));
  bool in_field = false;  // the previous line was a field (or its continuation)
  bool started = false;   // a non-blank line has been seen
  std::size_t pos = 0;
  while (pos < block.size()) {
    std::size_t eol = block.find('\n', pos);
    if (eol == std::string_view::npos) eol = block.size();
    std::string_view line = block.substr(pos, eol - pos);
    pos = eol + 1;
    while (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    if (is_blank_line(line)) {
      if (!started) continue;  // leading blank lines
      break;
    }
    started = true;
    if (util::is_wsp(line.front())) {
      if (!in_field) continue;  // continuation of a skipped line
      std::string& value = fields.back().value;
      const std::string_view more = util::trim(line);
      if (!value.empty()) value.push_back(' ');
      value.append(more);
      continue;
    }
    const std::size_t colon = line.find(':');
    std::string_view name = colon == std::string_view::npos ? std::string_view{} : line.substr(0, colon);
    while (!name.empty() && util::is_wsp(name.back())) name.remove_suffix(1);
    if (!valid_name(name)) {
      in_field = false;
      continue;
    }
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && util::is_space(value.front())) value.remove_prefix(1);
    fields.push_back(Field{std::string(name), std::string(value)});
    trim_value_end(fields.back().value);
    in_field = true;
  }
  return fields;
}

}  // namespace bouncekit::mime
