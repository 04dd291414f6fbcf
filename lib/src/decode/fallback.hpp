// The decoder of last resort, and the generic one: bounces in formats no other
// decoder knows, read by their structure (DecodeOptions::generic_only runs it
// with the standard decoders only).
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

/// A message that reads like a bounce (mailer-daemon or null sender, non-delivery
/// subject, or a returned message after a failure sentence) and is not a
/// person's reply to or forward of one.
bool detect_fallback(const Context& ctx);

/// Failed recipients named near failure phrases of the notice or in its session
/// transcript, else the returned message's one recipient of an unmistakable
/// bounce; nullopt if none.
std::optional<Result> decode_fallback(const Context& ctx);

}  // namespace bouncekit::decode
