// The body of a message/delivery-status (RFC 3464) or message/global-delivery-status
// (RFC 6533) part, split into its per-message and per-recipient field groups.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bouncekit/mime.hpp"

namespace bouncekit::decode {

/// A group of "Name: value" fields (one per-message or one per-recipient block).
struct FieldGroup {
  std::vector<mime::Field> fields;
  /// Value of the first field with this name (case-insensitive), "" if absent.
  std::string_view get(std::string_view name) const;  ///< points into `fields`
  bool has(std::string_view name) const;
};

struct DeliveryStatus {
  FieldGroup per_message;
  std::vector<FieldGroup> recipients;
  std::size_t recipients_left_out = 0;  ///< recipient blocks beyond max_recipients, counted only
};

/// Parses the body. Lenient where real MTAs are sloppy: groups without a
/// per-message block, stray blank lines inside a recipient block, and
/// diagnostic continuation lines that are not indented.
/// Bounded as it reads (docs/limits.md): the first `max_recipients` recipient blocks are kept and
/// the rest only counted, a block keeps at most 64 fields and a field value at most 64 KB.
DeliveryStatus parse_delivery_status(std::string_view body,
                                     std::size_t max_recipients = static_cast<std::size_t>(-1));

/// Splits a typed value "smtp; 550 5.1.1 ..." into {"smtp", "550 5.1.1 ..."};
/// a value without a type gives {"", value}.
struct Typed {
  std::string type;
  std::string value;
};
Typed split_typed(std::string_view value);

}  // namespace bouncekit::decode
