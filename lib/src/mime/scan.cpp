// Last-resort part finder for MIME trees that mimetic could not build whole.
#include "bouncekit/mime.hpp"
#include "util/strings.hpp"

namespace bouncekit::mime {
namespace {

std::size_t line_end(std::string_view s, std::size_t pos) {
  std::size_t e = s.find('\n', pos);
  return e == std::string_view::npos ? s.size() : e;
}

// A part delimiter: "--" followed by a boundary token, no white space inside.
bool looks_like_delimiter(std::string_view line) {
  if (line.size() < 3 || line[0] != '-' || line[1] != '-') return false;
  for (char c : util::trim(line))
    if (c == ' ' || c == '\t') return false;
  return true;
}

}  // namespace

std::vector<Part> scan_for_parts(std::string_view raw, std::string_view mime_type) {
  std::vector<Part> found;
  std::size_t block_start = 0;  // start of the header block the current line belongs to
  std::size_t pos = 0;
  while (pos < raw.size()) {
    std::size_t eol = line_end(raw, pos);
    std::string_view line = raw.substr(pos, eol - pos);
    if (looks_like_delimiter(line) || util::trim(line).empty()) {
      block_start = eol + 1;
    } else if (util::starts_with_ci(line, "content-type:") &&
               util::starts_with_ci(util::trim(line.substr(13)), mime_type)) {
      std::size_t header_end = raw.find("\n\n", pos);
      if (header_end == std::string_view::npos) break;
      Part part;
      part.fields = parse_fields(raw.substr(block_start, header_end + 1 - block_start));
      part.content_type = parse_content_type(part.value("Content-Type"));
      part.transfer_encoding = util::to_lower(util::trim(part.value("Content-Transfer-Encoding")));
      std::size_t body_start = header_end + 2;
      std::size_t body_end = body_start;
      while (body_end < raw.size()) {
        std::size_t e = line_end(raw, body_end);
        if (looks_like_delimiter(raw.substr(body_end, e - body_end))) break;
        body_end = e + 1;
      }
      body_end = std::min(body_end, raw.size());
      part.raw_body = std::string(raw.substr(body_start, body_end - body_start));
      if (part.content_type.is(util::to_lower(mime_type))) found.push_back(std::move(part));
      pos = body_end;
      block_start = body_end;
      continue;
    }
    pos = eol + 1;
  }
  return found;
}

}  // namespace bouncekit::mime
