#include "bouncekit/mime.hpp"
#include "mime/text_conversion.hpp"
#include "mime/transfer_decoding.hpp"
#include "util/strings.hpp"

namespace bouncekit::mime {

const Field* Part::field(std::string_view name) const {
  // Length and first byte before the full comparison: almost every field fails on one of them.
  if (name.empty()) {
    for (const Field& f : fields)
      if (f.name.empty()) return &f;
    return nullptr;
  }
  const char first = util::ascii_lower(name[0]);
  for (const Field& f : fields)
    if (f.name.size() == name.size() && util::ascii_lower(f.name[0]) == first && util::iequals(f.name, name))
      return &f;
  return nullptr;
}

std::string Part::value(std::string_view name) const {
  const Field* f = field(name);
  return f ? f->value : std::string();
}

std::string_view Part::value_view(std::string_view name) const {
  const Field* f = field(name);
  return f ? std::string_view(f->value) : std::string_view();
}

const std::string& Part::body() const {
  // Identity encodings (7bit, 8bit, binary, none, unknown) are the raw body itself: no copy.
  if (!transfer_decoding_changes(transfer_encoding)) return raw_body;
  if (!decoded_body_ready) {
    decoded_body_cache = transfer_decode(raw_body, transfer_encoding);
    decoded_body_ready = true;
  }
  return decoded_body_cache;
}

const std::string& Part::text() const {
  if (!text_ready) {
    // Most text parts are ASCII or UTF-8 already: then the text is the body itself, not a copy.
    text_is_body = to_utf8_unless_unchanged(body(), content_type.param("charset"), text_cache);
    text_ready = true;
  }
  return text_is_body ? body() : text_cache;
}

}  // namespace bouncekit::mime
