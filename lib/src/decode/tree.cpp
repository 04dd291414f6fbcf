// Walking the part tree.
#include "decode/context.hpp"

namespace bouncekit::decode {
namespace {

void collect(const mime::Part& part, bool is_root, bool into_messages, std::vector<const mime::Part*>& out) {
  out.push_back(&part);
  if (!is_root && !into_messages && part.content_type.type == "message") return;
  for (const auto& child : part.children) collect(child, false, into_messages, out);
}

}  // namespace

std::vector<const mime::Part*> all_parts(const mime::Part& root, bool into_messages) {
  std::vector<const mime::Part*> out;
  collect(root, true, into_messages, out);
  return out;
}

const mime::Part* find_part(const mime::Part& root, std::initializer_list<std::string_view> types) {
  for (const mime::Part* p : all_parts(root))
    for (std::string_view t : types)
      if (p->content_type.is(t)) return p;
  return nullptr;
}

}  // namespace bouncekit::decode
