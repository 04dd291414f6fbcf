// The order in which decoders are tried: this table, and nowhere else.
//
// The first decoder whose `detect` says yes and whose `decode` returns a
// result wins. `detect` is cheap (headers and obvious markers only), so a
// decoder never parses a message that is plainly not its own.
//
// Sections, in order:
//   1. complaints (ARF): their markers are unambiguous; challenge-response
//      requests (not bounces) too;
//   2. MTA families whose bounces carry a delivery-status part: they
//      recognise their own DSNs (so `decoded_by` names the MTA) and may add
//      what only their text says; they must run before the generic rfc3464;
//   3. standard RFC 3464 / RFC 6533 delivery status notifications;
//   4. MTA-specific plain-text formats, one decoder per family;
//   5. auto-replies (RFC 3834): after the bounces, since some MTAs put
//      auto-reply headers on bounces too;
//   6. the fallback for bounces of unknown formats: always last.
//
// The last column says whether a decoder reads a standard format or any
// bounce by its structure (Scope::generic: ARF RFC 5965, RFC 3464/6533 DSNs,
// RFC 3834 auto-replies, challenge-response requests, the fallback) or one product's format
// (Scope::specific). DecodeOptions::generic_only runs only the first kind:
// how well we would do on a family nobody wrote a decoder for.
//
// Within sections 2 and 4, appliances and gateways come first: they are
// recognised by product-specific headers and boundaries, but they often
// wrap a notice written in Sendmail's or Exim's words, which the generic
// MTA detectors would otherwise claim. Providers (recognised by their own
// domains and headers) come next, then the Exim group (its specific
// families before Exim itself), and the generic Postfix/Sendmail-style
// detectors (the unix group) last.
#include "decode/arf.hpp"
#include "decode/autoreply.hpp"
#include "decode/forwarded.hpp"
#include "decode/context.hpp"
#include "decode/rfc3464.hpp"
#include "decode/unsubscribe.hpp"
// [includes:unix]
#include "decode/mta/unix.hpp"
//
// [includes:exim]
#include "decode/mta/exim.hpp"
//
// [includes:providers]
#include "decode/mta/providers.hpp"
//
// [includes:appliances]
#include "decode/mta/appliances.hpp"
//
// [includes:fallback]
#include "decode/fallback.hpp"

namespace bouncekit::decode {

const std::vector<Decoder>& registry() {
  static const std::vector<Decoder> decoders{
      // 1. complaints
      {"arf", detect_arf, decode_arf, Scope::generic},
      {"unsubscribe", detect_unsubscribe, decode_unsubscribe, Scope::specific},
      // challenge-response requests: not bounces, whatever words of failure they use
      {"challenge", detect_challenge, decode_challenge, Scope::generic},
      // a person forwarding a notice as an attachment: not a bounce of theirs
      {"forwarded", detect_forwarded_notice, decode_forwarded_notice, Scope::generic},
      // 2. before the standard DSN decoder
      // [before-rfc3464:appliances]
      {"surfcontrol", detect_surfcontrol, decode_surfcontrol, Scope::specific},
      {"barracuda", detect_barracuda, decode_barracuda, Scope::specific},
      {"amavis", detect_amavis, decode_amavis, Scope::specific},
      {"messagelabs", detect_messagelabs, decode_messagelabs, Scope::specific},
      {"mimecast", detect_mimecast, decode_mimecast, Scope::specific},
      //
      // [before-rfc3464:providers]
      {"office365", detect_office365, decode_office365, Scope::specific},
      {"exchange2007", detect_exchange2007, decode_exchange2007, Scope::specific},
      {"outlook", detect_outlook, decode_outlook, Scope::specific},
      {"receivingses", detect_receivingses, decode_receivingses, Scope::specific},
      {"amazonses", detect_amazonses, decode_amazonses, Scope::specific},
      {"googleworkspace", detect_googleworkspace, decode_googleworkspace, Scope::specific},
      {"aol", detect_aol, decode_aol, Scope::specific},
      {"facebook", detect_facebook, decode_facebook, Scope::specific},
      {"sendgrid", detect_sendgrid, decode_sendgrid, Scope::specific},
      {"powermta", detect_powermta, decode_powermta, Scope::specific},
      //
      // [before-rfc3464:exim]
      {"yandex", detect_yandex, decode_yandex, Scope::specific},
      {"x5", detect_x5, decode_x5, Scope::specific},
      {"bigfoot", detect_bigfoot, decode_bigfoot, Scope::specific},
      {"ezweb", detect_ezweb, decode_ezweb, Scope::specific},
      {"exim", detect_exim_dsn, decode_exim, Scope::specific},
      //
      // [before-rfc3464:unix]
      {"postfix", detect_postfix, decode_postfix, Scope::specific},
      {"sendmail", detect_sendmail, decode_sendmail, Scope::specific},
      {"messagingserver", detect_messagingserver, decode_messagingserver, Scope::specific},
      {"opensmtpd", detect_opensmtpd, decode_opensmtpd, Scope::specific},
      // 3. standard DSNs
      {"rfc3464", detect_rfc3464, decode_rfc3464, Scope::generic},
      // 4. MTA-specific plain-text formats
      // [mta-formats:appliances]
      {"activehunter", detect_activehunter, decode_activehunter, Scope::specific},
      {"mailfoundry", detect_mailfoundry, decode_mailfoundry, Scope::specific},
      {"mailmarshal", detect_mailmarshal, decode_mailmarshal, Scope::specific},
      {"trendmicro", detect_trendmicro, decode_trendmicro, Scope::specific},
      {"mxlogic", detect_mxlogic, decode_mxlogic, Scope::specific},
      //
      // [mta-formats:providers]
      {"googlegroups", detect_googlegroups, decode_googlegroups, Scope::specific},
      {"gmail", detect_gmail, decode_gmail, Scope::specific},
      {"yahoo", detect_yahoo, decode_yahoo, Scope::specific},
      {"zoho", detect_zoho, decode_zoho, Scope::specific},
      {"exchange2003", detect_exchange2003, decode_exchange2003, Scope::specific},
      {"amazonworkmail", detect_amazonworkmail, decode_amazonworkmail, Scope::specific},
      //
      // [mta-formats:exim]
      {"mailru", detect_mailru, decode_mailru, Scope::specific},
      {"einsundeins", detect_einsundeins, decode_einsundeins, Scope::specific},
      {"kddi", detect_kddi, decode_kddi, Scope::specific},
      {"biglobe", detect_biglobe, decode_biglobe, Scope::specific},
      {"mfilter", detect_mfilter, decode_mfilter, Scope::specific},
      {"x1", detect_x1, decode_x1, Scope::specific},
      {"x2", detect_x2, decode_x2, Scope::specific},
      {"x6", detect_x6, decode_x6, Scope::specific},
      {"exim", detect_exim, decode_exim, Scope::specific},
      //
      // [mta-formats:unix]
      {"dragonfly", detect_dragonfly, decode_dragonfly, Scope::specific},
      {"qmail", detect_qmail, decode_qmail, Scope::specific},
      {"v5sendmail", detect_v5sendmail, decode_v5sendmail, Scope::specific},
      {"apachejames", detect_apachejames, decode_apachejames, Scope::specific},
      {"fml", detect_fml, decode_fml, Scope::specific},
      // 5. auto-replies
      {"rfc3834", detect_autoreply, decode_autoreply, Scope::generic},
      // 6. fallback
      // [fallback]
      {"fallback", detect_fallback, decode_fallback, Scope::generic},
  };
  return decoders;
}

}  // namespace bouncekit::decode
