// The decoder of last resort: bounces in formats no other decoder knows.
//
// It reads a notice the way a person would: where the notice says delivery
// failed, the addresses it lists are the failed recipients (in order, once
// each), and the text around each is its diagnostic, with the reply and status
// codes found there. It never reports the bounce's own sender, a mail
// system's own address, or anything written in the returned message or a
// signature. Its knowledge is the tables at the top of fallback.cpp.
#pragma once

#include <optional>

#include "decode/context.hpp"

namespace bouncekit::decode {

/// A message that reads like a bounce (mailer-daemon sender or non-delivery
/// subject) and is not a person's reply to or forward of one.
bool detect_fallback(const Context& ctx);

/// Failed recipients named near failure phrases of the notice; nullopt if none.
std::optional<Result> decode_fallback(const Context& ctx);

}  // namespace bouncekit::decode
