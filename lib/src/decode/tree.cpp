// Walking the part tree.
#include "decode/context.hpp"

namespace bouncekit::decode {
namespace {

void collect(const mime::Part& part, std::vector<const mime::Part*>& out) {
  out.push_back(&part);
  for (const auto& child : part.children) collect(child, out);
}

}  // namespace

std::vector<const mime::Part*> all_parts(const mime::Part& root) {
  std::vector<const mime::Part*> out;
  collect(root, out);
  return out;
}

const mime::Part* find_part(const mime::Part& root, std::initializer_list<std::string_view> types) {
  for (const mime::Part* p : all_parts(root))
    for (std::string_view t : types)
      if (p->content_type.mime_type() == t) return p;
  return nullptr;
}

}  // namespace bouncekit::decode
