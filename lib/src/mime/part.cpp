#include "bouncekit/mime.hpp"
#include "util/strings.hpp"

namespace bouncekit::mime {

const Field* Part::field(std::string_view name) const {
  for (const Field& f : fields)
    if (util::iequals(f.name, name)) return &f;
  return nullptr;
}

std::string Part::value(std::string_view name) const {
  const Field* f = field(name);
  return f ? f->value : std::string();
}

std::string Part::text() const { return to_utf8(body, content_type.param("charset")); }

}  // namespace bouncekit::mime
