// VERP: the subscriber address a mailing list encoded in its envelope sender, read back from the
// address a bounce was delivered to (docs/verp.md).
//
// A pattern is the bounce address written with placeholders: `{list}+{local}={domain}@{host}`.
// Literal text matches itself (ASCII case ignored); each placeholder matches a non-empty run of
// the characters its kind allows. A pure function of its arguments: no regex, no user-given
// expression, work bounded by kMaxVerpAddress x kMaxVerpPattern.
//
// Sources of the built-in patterns:
// - Postfix VERP_README and src/global/verp_sender.c: with the default delimiters "+=" (main.cf
//   default_verp_delimiters), sender prefix@origin and recipient user@domain give
//   prefix+user=domain@origin. GNU Mailman's VERP_FORMAT and the VERP example in the Exim
//   specification ("Variable Envelope Return Paths") write the same form.
// - ezmlm-return(1) (ezmlm 0.53 and ezmlm-idx): a distribution bounce comes back to
//   local-return-msg-box=domain@host, msg being the message number.
// - qmail's own VERP (qmail-send(8), D. J. Bernstein's "Variable envelope return paths") joins
//   prefix and box=domain with '-'. A list's prefix usually contains '-' itself, so where the
//   prefix ends cannot be told without it: no built-in pattern; the user names it
//   (`--verp 'mylist-owner-{local}={domain}@example.org'`).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bouncekit/decode.hpp"  // verp_pattern_problem

namespace bouncekit::decode {

/// Longest pattern accepted (bytes).
inline constexpr std::size_t kMaxVerpPattern = 256;
/// Longer envelope addresses are never matched (RFC 5321's path limit is 256 octets).
inline constexpr std::size_t kMaxVerpAddress = 320;

/// The patterns tried after the user's (DecodeOptions::verp_defaults).
inline constexpr std::array<std::string_view, 2> kDefaultVerpPatterns{
    "{list}+{local}={domain}@{host}",                 // Postfix, Mailman, Exim
    "{list}-return-{number}-{local}={domain}@{host}",  // ezmlm
};

/// What a VERP address says.
struct VerpMatch {
  std::string subscriber;  ///< local@domain: local part as written, domain lower-cased
  std::string list;        ///< the list's bounce address, {list}@{host} lower-cased ("" when the pattern has no {list})
  std::string pattern;     ///< the pattern that matched
};

/// Matches one address against one pattern; nullopt when it does not match (or the pattern is
/// invalid, or the address is too long or holds control characters or spaces).
std::optional<VerpMatch> match_verp(std::string_view pattern, std::string_view address);

/// The first of `patterns`, then (with `defaults`) of kDefaultVerpPatterns, that matches.
std::optional<VerpMatch> match_verp(const std::vector<std::string>& patterns, bool defaults,
                                    std::string_view address);

/// False when no pattern can match any address `text` holds: some literal text of every pattern
/// (ASCII case ignored) is missing from it. A pre-check on a raw header value before its address
/// is read; true does not mean a match.
bool may_match_verp(const std::vector<std::string>& patterns, bool defaults, std::string_view text);

}  // namespace bouncekit::decode
