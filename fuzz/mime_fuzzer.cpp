// Fuzz target: the MIME adapter (mime::parse over mimetic), the broken-MIME
// scanning fallback, the text helpers every decoder calls on the parts, and uncut_body (a part's
// body with its long lines whole), with a 64-byte line budget so that small inputs are cut.
#include <cstdint>
#include <string_view>

#include "bouncekit/mime.hpp"

namespace {

// Every leaf's uncut body: never longer than asked, and whole where the cut copy was cut.
std::size_t uncut_leaves(std::string_view raw, const bouncekit::mime::Message& message,
                         const bouncekit::mime::Part& part, const bouncekit::mime::Limits& limits) {
  std::size_t n = 0;
  if (part.children.empty()) {
    for (std::size_t budget : {std::size_t{16}, raw.size()})
      if (auto body = bouncekit::mime::uncut_body(raw, message, part, budget, limits)) {
        if (body->bytes().size() > budget) __builtin_trap();
        n += body->bytes().size();
      }
  }
  for (const auto& child : part.children) n += uncut_leaves(raw, message, child, limits);
  return n;
}

std::size_t walk(const bouncekit::mime::Part& part) {
  std::size_t n = part.text().size() + part.content_type.mime_type().size() + part.value("Subject").size();
  for (const auto& child : part.children) n += walk(child);
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  bouncekit::mime::Message message = bouncekit::mime::parse(raw);
  std::size_t n = walk(message.root);
  for (const auto& part : bouncekit::mime::scan_for_parts(raw, "message/delivery-status")) n += walk(part);
  n += bouncekit::mime::parse_fields(raw).size();
  bouncekit::mime::Limits short_lines;
  short_lines.max_line_bytes = 64;
  const bouncekit::mime::Message cut = bouncekit::mime::parse(raw, short_lines);
  n += uncut_leaves(raw, cut, cut.root, short_lines);
  (void)n;
  return 0;
}
