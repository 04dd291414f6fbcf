// The bounce's own envelope: the address it was delivered to, which for a list's bounce is the
// list's (possibly VERP) return path.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "bouncekit/mime.hpp"

namespace bouncekit::decode {

/// At most this many addresses are looked at (a hostile message may repeat a header).
inline constexpr std::size_t kMaxEnvelopeAddresses = 8;

/// The addresses the bounce was delivered to, in the order VERP tries them, each once:
/// - every Delivered-To field, topmost (the last delivery) first: Postfix local(8)/virtual(8)
///   and qmail-local write the envelope recipient there;
/// - X-Original-To: Postfix's envelope recipient before alias and .forward expansion;
/// - the first address of the first To field: a bounce is addressed to the return path it goes to (RFC 3464
///   section 2, RFC 5321 section 4.5.5), the last resort when no delivery header was kept.
/// Cleaned (decode/address.hpp); what is not of an address's shape is left out. With `worth_reading`,
/// a field whose raw value it refuses is skipped before its address is read (a cheap pre-check:
/// VERP asks for the few values that hold its patterns' literal text).
std::vector<std::string> envelope_recipients(
    const mime::Part& root, const std::function<bool(std::string_view)>& worth_reading = {});

}  // namespace bouncekit::decode
