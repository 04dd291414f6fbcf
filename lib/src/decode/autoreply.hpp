// RFC 3834 automatic responses (vacation notices, out-of-office replies).
#pragma once

#include <optional>

#include "decode/context.hpp"

namespace bouncekit::decode {

bool detect_autoreply(const Context& ctx);
std::optional<Result> decode_autoreply(const Context& ctx);

/// Challenge-response requests and whitelist notices: the recipient's system holds the message
/// and asks the sender to prove it is a person (or says the sender is not on its approved list).
/// Not a bounce: decoded as Kind::not_bounce, with no records.
bool detect_challenge(const Context& ctx);
std::optional<Result> decode_challenge(const Context& ctx);

/// The one record of a message the recipient's own mail system sent back (an auto-reply, an
/// unsubscribe request): recipient from From, sender from To, Subject as the diagnostic, Date
/// as the timestamp. The caller sets decoded_by and reason.
Record reader_reply_record(const mime::Part& root);

}  // namespace bouncekit::decode
