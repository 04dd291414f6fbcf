// Fuzz target: the RFC 3464 delivery-status field parser, the typed-value
// splitter and the status settling that every DSN record goes through.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
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

  // The records limit applied while reading: the first `cap` blocks are the same blocks, field for
  // field, and the rest are counted, never lost or doubled.
  std::size_t cap = size ? data[0] % 4 : 0;
  DeliveryStatus capped = parse_delivery_status(body, cap);
  std::size_t kept = std::min(cap, ds.recipients.size());
  if (capped.recipients.size() != kept || capped.recipients_left_out != ds.recipients.size() - kept) std::abort();
  for (std::size_t i = 0; i < kept; ++i) {
    const auto& a = capped.recipients[i].fields;
    const auto& b = ds.recipients[i].fields;
    if (a.size() != b.size()) std::abort();
    for (std::size_t f = 0; f < a.size(); ++f)
      if (a[f].name != b[f].name || a[f].value != b[f].value) std::abort();
  }
  return 0;
}
