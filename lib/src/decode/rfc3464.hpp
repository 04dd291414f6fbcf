// RFC 3464 / RFC 6533 delivery status notifications.
#pragma once

#include <optional>
#include <vector>

#include "decode/context.hpp"

namespace bouncekit::decode {

/// The message/delivery-status and message/global-delivery-status parts of a
/// message, found in the MIME tree or, when the tree is broken, by scanning: pointers into
/// the tree, or into `scanned` (which receives the parts found by scanning).
std::vector<const mime::Part*> delivery_status_parts(const Context& ctx, std::vector<mime::Part>& scanned);

/// Sets reply_code, smtp_command and status from a record's diagnostic and
/// the status it already has (the Status field), preferring the remote
/// server's own enhanced code to the reporting MTA's summary.
void settle_status(Record& record);

bool detect_rfc3464(const Context& ctx);
std::optional<Result> decode_rfc3464(const Context& ctx);

}  // namespace bouncekit::decode
