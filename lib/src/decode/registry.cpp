// The order in which decoders are tried: this table, and nowhere else.
//
// The first decoder whose `detect` says yes and whose `decode` returns a
// result wins. `detect` is cheap (headers and obvious markers only), so a
// decoder never parses a message that is plainly not its own.
//
// Sections, in order:
//   1. complaints (ARF): their markers are unambiguous;
//   2. MTA families whose bounces carry a delivery-status part: they
//      recognise their own DSNs (so `decoded_by` names the MTA) and may add
//      what only their text says; they must run before the generic rfc3464;
//   3. standard RFC 3464 / RFC 6533 delivery status notifications;
//   4. MTA-specific plain-text formats, one decoder per family;
//   5. auto-replies (RFC 3834): after the bounces, since some MTAs put
//      auto-reply headers on bounces too;
//   6. the fallback for bounces of unknown formats: always last.
#include "decode/arf.hpp"
#include "decode/autoreply.hpp"
#include "decode/context.hpp"
#include "decode/rfc3464.hpp"
// [includes:unix]
//
// [includes:exim]
//
// [includes:providers]
//
// [includes:appliances]
//
// [includes:fallback]
#include "decode/fallback.hpp"

namespace bouncekit::decode {

const std::vector<Decoder>& registry() {
  static const std::vector<Decoder> decoders{
      // 1. complaints
      {"arf", detect_arf, decode_arf},
      // 2. before the standard DSN decoder
      // [before-rfc3464:unix]
      //
      // [before-rfc3464:exim]
      //
      // [before-rfc3464:providers]
      //
      // [before-rfc3464:appliances]
      // 3. standard DSNs
      {"rfc3464", detect_rfc3464, decode_rfc3464},
      // 4. MTA-specific plain-text formats
      // [mta-formats:unix]
      //
      // [mta-formats:exim]
      //
      // [mta-formats:providers]
      //
      // [mta-formats:appliances]
      // 5. auto-replies
      {"rfc3834", detect_autoreply, decode_autoreply},
      // 6. fallback
      // [fallback]
      {"fallback", detect_fallback, decode_fallback},
  };
  return decoders;
}

}  // namespace bouncekit::decode
