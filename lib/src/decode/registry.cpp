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
      {"arf", detect_arf, decode_arf},
      {"unsubscribe", detect_unsubscribe, decode_unsubscribe},
      // 2. before the standard DSN decoder
      // [before-rfc3464:appliances]
      {"surfcontrol", detect_surfcontrol, decode_surfcontrol},
      {"barracuda", detect_barracuda, decode_barracuda},
      {"amavis", detect_amavis, decode_amavis},
      {"messagelabs", detect_messagelabs, decode_messagelabs},
      {"mimecast", detect_mimecast, decode_mimecast},
      //
      // [before-rfc3464:providers]
      {"office365", detect_office365, decode_office365},
      {"exchange2007", detect_exchange2007, decode_exchange2007},
      {"outlook", detect_outlook, decode_outlook},
      {"receivingses", detect_receivingses, decode_receivingses},
      {"amazonses", detect_amazonses, decode_amazonses},
      {"googleworkspace", detect_googleworkspace, decode_googleworkspace},
      {"aol", detect_aol, decode_aol},
      {"facebook", detect_facebook, decode_facebook},
      {"sendgrid", detect_sendgrid, decode_sendgrid},
      {"powermta", detect_powermta, decode_powermta},
      //
      // [before-rfc3464:exim]
      {"yandex", detect_yandex, decode_yandex},
      {"x5", detect_x5, decode_x5},
      {"bigfoot", detect_bigfoot, decode_bigfoot},
      {"ezweb", detect_ezweb, decode_ezweb},
      {"exim", detect_exim_dsn, decode_exim},
      //
      // [before-rfc3464:unix]
      {"postfix", detect_postfix, decode_postfix},
      {"sendmail", detect_sendmail, decode_sendmail},
      {"messagingserver", detect_messagingserver, decode_messagingserver},
      {"opensmtpd", detect_opensmtpd, decode_opensmtpd},
      // 3. standard DSNs
      {"rfc3464", detect_rfc3464, decode_rfc3464},
      // 4. MTA-specific plain-text formats
      // [mta-formats:appliances]
      {"activehunter", detect_activehunter, decode_activehunter},
      {"mailfoundry", detect_mailfoundry, decode_mailfoundry},
      {"mailmarshal", detect_mailmarshal, decode_mailmarshal},
      {"trendmicro", detect_trendmicro, decode_trendmicro},
      {"mxlogic", detect_mxlogic, decode_mxlogic},
      //
      // [mta-formats:providers]
      {"googlegroups", detect_googlegroups, decode_googlegroups},
      {"gmail", detect_gmail, decode_gmail},
      {"yahoo", detect_yahoo, decode_yahoo},
      {"zoho", detect_zoho, decode_zoho},
      {"exchange2003", detect_exchange2003, decode_exchange2003},
      {"amazonworkmail", detect_amazonworkmail, decode_amazonworkmail},
      //
      // [mta-formats:exim]
      {"mailru", detect_mailru, decode_mailru},
      {"einsundeins", detect_einsundeins, decode_einsundeins},
      {"kddi", detect_kddi, decode_kddi},
      {"biglobe", detect_biglobe, decode_biglobe},
      {"mfilter", detect_mfilter, decode_mfilter},
      {"x1", detect_x1, decode_x1},
      {"x2", detect_x2, decode_x2},
      {"x6", detect_x6, decode_x6},
      {"exim", detect_exim, decode_exim},
      //
      // [mta-formats:unix]
      {"dragonfly", detect_dragonfly, decode_dragonfly},
      {"qmail", detect_qmail, decode_qmail},
      {"v5sendmail", detect_v5sendmail, decode_v5sendmail},
      {"apachejames", detect_apachejames, decode_apachejames},
      {"fml", detect_fml, decode_fml},
      // 5. auto-replies
      {"rfc3834", detect_autoreply, decode_autoreply},
      // 6. fallback
      // [fallback]
      {"fallback", detect_fallback, decode_fallback},
  };
  return decoders;
}

}  // namespace bouncekit::decode
