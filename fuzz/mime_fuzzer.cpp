// Fuzz target: the MIME adapter (mime::parse over mimetic), the broken-MIME
// scanning fallback, and the text helpers every decoder calls on the parts.
#include <cstdint>
#include <string_view>

#include "bouncekit/mime.hpp"

namespace {

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
  (void)n;
  return 0;
}
