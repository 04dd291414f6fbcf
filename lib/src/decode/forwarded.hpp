// A person passing on a notice they received: not a bounce of theirs.
#pragma once

#include <optional>

#include "decode/context.hpp"

namespace bouncekit::decode {

/// A person's forward of a non-delivery notice as an attachment (a message/rfc822 part that is
/// itself a report or a mail system's notice), sent with a reply or forward subject by someone
/// who is not a mail system. Decoded as Kind::not_bounce, with no records: the report inside is
/// about another message and reached its own sender once already.
bool detect_forwarded_notice(const Context& ctx);
std::optional<Result> decode_forwarded_notice(const Context& ctx);

}  // namespace bouncekit::decode
