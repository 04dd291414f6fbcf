// Fuzz target: the RFC 3464 delivery-status field parser, the typed-value
// splitter and the status settling that every DSN record goes through.
#include <cstdint>
#include <string_view>

#include "bouncekit/record.hpp"
#include "decode/delivery_status.hpp"
#include "decode/rfc3464.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace bouncekit::decode;
  std::string_view body(reinterpret_cast<const char*>(data), size);
  DeliveryStatus ds = parse_delivery_status(body);
  for (const FieldGroup& group : ds.recipients) {
    bouncekit::Record r;
    r.recipient = group.get("Final-Recipient");
    r.status = group.get("Status");
    Typed diagnostic = split_typed(group.get("Diagnostic-Code"));
    r.diagnostic_type = diagnostic.type;
    r.diagnostic = diagnostic.value;
    settle_status(r);
  }
  (void)split_typed(body);
  return 0;
}
