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
constexpr std::array<std::string_view, 32> kBounceSubjects{
    "undeliver", "returned mail", "delivery status notification", "delivery failure",
    "delivery failed", "failure notice", "non-delivery", "nondeliverable", "non remis",
    "mail delivery failed", "delivery has failed", "could not be delivered", "unable to deliver",
    "mail system error", "delivery problem", "message not delivered",
    "warning: could not send", "permanent error", "delivery notification", "mail failed",
    "returning to sender", "returned to sender",
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

// Subject prefixes of a reply or a forward ("Re: Undelivered Mail Returned to Sender"): a person
// answering or passing on a notice, not a notice. RFC 5322 3.6.5 ("Re:"), and the localised
// prefixes of common mail clients (German AW/WG, French TR, Nordic SV/VS, Dutch Antw, Italian R/I).
constexpr std::array<std::string_view, 11> kReplyPrefixes{"re:", "fw:", "fwd:", "aw:", "wg:", "tr:",
                                                          "sv:", "vs:", "antw:", "rif:", "r:"};

bool reply_or_forward(std::string_view subject) {
  std::string_view s = util::trim(subject);
  for (auto p : kReplyPrefixes)
    if (util::starts_with_ci(s, p)) return true;
  return false;
}

namespace {

// A returned message, or its headers, travels as its own part (RFC 3462/6522 third part, and the
// message/rfc822 attachment most MTAs add even without a report).
bool carries_returned_message(const mime::Part& part, int depth = 0) {
  if (part.content_type.is("message/rfc822") || part.content_type.is("text/rfc822-headers") ||
      part.content_type.is("message/rfc822-headers") || part.content_type.is("message/global") ||
      part.content_type.is("message/global-headers"))
    return true;
  if (depth >= 3) return false;
  for (const mime::Part& child : part.children)
    if (carries_returned_message(child, depth + 1)) return true;
  return false;
}

}  // namespace

bool looks_like_bounce(const mime::Part& root) {
  if (is_daemon_address(first_address(root.value("From"))) || from_null_sender(root)) return true;
  return bounce_subject(mime::decode_header(root.value("Subject")));
}

// Stricter than looks_like_bounce, for a message no decoder read: is it a failure notice we could
// not read (undecodable, counted as such), or some other message? By its subject, unless a person
// is replying to a notice or forwarding it; or by a mail-system sender together with a returned
// message. A mail-system sender alone is not enough: postmasters also send quota warnings,
// quarantine digests and the like, which return nothing (docs/cli.md, "undecodable").
bool unread_failure_notice(const mime::Part& root) {
  const std::string subject = mime::decode_header(root.value("Subject"));
  const bool reply = reply_or_forward(subject);
  if (!reply && bounce_subject(subject)) return true;
  if (is_daemon_address(first_address(root.value("From"))) || from_null_sender(root))
    return carries_returned_message(root);
  return false;
}

}  // namespace bouncekit::decode
