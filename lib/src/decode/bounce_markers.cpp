#include "decode/bounce_markers.hpp"

#include <array>
#include <string>
#include <string_view>

#include "decode/address.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

// Local parts that only mail systems send from.
// RFC 5321 section 4.5.1 names postmaster; the rest are the ways MTAs spell their
// daemon, with the separators '-', '_', '.' or none.
constexpr std::array<std::string_view, 11> kDaemonSenders{
    "mailer-daemon", "postmaster", "mail-daemon", "maildaemon", "mailerdaemon", "mdaemon", "mail.daemon",
    "mailer_daemon", "mail_daemon", "post_master", "post-master"};

// Subject phrases of non-delivery notices, lower-case.
// Whole phrases only: single words such as "bounce" or "rejected" appear in
// ordinary subjects too ("Bounce into spring").
// The last lines: the same words in German, French, Spanish, Italian and Dutch, as localised
// mail servers put them in front of the original subject ("Unzustellbar: ..."), and the Korean
// "[발송 실패]" (send failure) and Chinese "退信" / "投递失败" (returned mail, delivery failed)
// subjects of Korean and Chinese webmail.
constexpr std::array<std::string_view, 29> kBounceSubjects{
    "undeliver", "returned mail", "delivery status notification", "delivery failure",
    "delivery failed", "failure notice", "non-delivery", "nondeliverable", "non remis",
    "mail delivery failed", "delivery has failed", "could not be delivered", "unable to deliver",
    "mail system error", "delivery problem", "message not delivered",
    "warning: could not send", "permanent error", "delivery notification",
    "unzustellbar", "nicht zustellbar", "non distribu\u00e9", "no se puede entregar", "non recapitabile",
    "onbestelbaar",
    "\ubc1c\uc1a1 \uc2e4\ud328", "\u9000\u4fe1", "\u6295\u9012\u5931\u8d25", "\u672a\u80fd\u6295\u9012"};

}  // namespace

bool is_daemon_address(std::string_view address) {
  std::string local = util::to_lower(address.substr(0, address.find('@')));
  for (auto d : kDaemonSenders)
    if (local == d) return true;
  return false;
}

bool from_null_sender(const mime::Part& root) {
  // RFC 5321 section 4.5.5: notices are sent with a null reverse-path, and some MTAs repeat it in From.
  const std::string from = root.value("From");
  std::string_view trimmed = util::trim(from);
  return trimmed.ends_with("<>") || trimmed.ends_with("<@>");
}

bool bounce_subject(std::string_view subject) {
  std::string lower = util::to_lower(subject);
  for (auto s : kBounceSubjects)
    if (lower.find(s) != std::string::npos) return true;
  return false;
}

bool looks_like_bounce(const mime::Part& root) {
  if (is_daemon_address(first_address(root.value("From"))) || from_null_sender(root)) return true;
  return bounce_subject(mime::decode_header(root.value("Subject")));
}

}  // namespace bouncekit::decode
