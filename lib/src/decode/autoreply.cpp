#include "decode/autoreply.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "decode/address.hpp"
#include "decode/bounce_markers.hpp"
#include "decode/original_message.hpp"
#include "decode/plain_text.hpp"
#include "util/phrase_matcher.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

struct HeaderMarker {
  std::string_view field;
  std::string_view value_contains;  // lower-case; "" = any value
};

// Headers that auto-responders set (RFC 3834 and the usual vendor fields).
constexpr std::array<HeaderMarker, 8> kHeaderMarkers{{
    {"Auto-Submitted", "auto-replied"},
    {"X-Autoreply", ""},
    {"X-Autorespond", ""},
    {"X-Autoresponder", ""},
    {"Precedence", "auto_reply"},
    {"X-Auto-Reply-From", ""},
    // DBMail marks its Sieve vacation replies with this field alone (no Auto-Submitted), and its
    // auto-replies with X-DBMail-Reply (dbmail src/modules/sortsieve.c send_vacation,
    // src/dm_message.c send_reply).
    {"X-DBMail-Vacation", ""},
    {"X-DBMail-Reply", ""},
}};

// Subject prefixes that only auto-responders write, lower-case. Words a person
// might start a subject with ("Vacation photos") are not here: without one
// of these prefixes, only the headers above mark an auto-reply.
constexpr std::array<std::string_view, 19> kSubjectPrefixes{
    "auto:", "automatic reply", "auto reply", "auto-reply", "autoreply", "autoresponse",
    "auto response", "out of office", "out of the office", "abwesenheitsnotiz",
    // Outlook / Exchange write "Automatic reply:" in the language of the replying mailbox
    // (Microsoft Support, "Send automatic out of office replies from Outlook", localized pages).
    "automatische antwort:", "réponse automatique", "respuesta automática", "risposta automatica",
    "automatisch antwoord", "resposta automática", "automatiskt svar", "automatisk svar",
    "odpowiedź automatyczna"};

// Challenge-response systems (SpamArrest, Boxbe, Mailshell, Policy Patrol, ASSP's
// C/R, TMDA...) hold mail from unknown senders and send back a request to
// confirm: reply, or click a link, often with a CAPTCHA; a sender who does is
// added to the recipient's approved list (the ASSP wiki's "Challenge-response"
// page and Red Earth's Policy Patrol manual describe the mechanism). The
// request is not a failure: the message waits. Recognised in two steps: a
// subject that asks for a confirmation, then the request in the body.
//
// Subject phrases of such requests, lower-case.
constexpr std::array<std::string_view, 21> kChallengeSubjects{
    "please confirm", "confirm your", "confirmation required", "confirmation needed", "verify your",
    "verification required", "verification needed", "sender verification", "please verify", "awaiting your",
    "approval required", "pending approval", "is awaiting", "awaits", "whitelist", "white list", "challenge",
    "authentication required", "verification", "guest list", "approved senders"};

// Body phrases of a request to prove the sender is a person or to be added to an
// approved-senders list, lower-case.
constexpr std::array<std::string_view, 29> kChallengeBody{
    "verify that you are", "confirm that you are", "prove that you are", "prove you are",
    "you are a real person", "you are a human", "you are not a robot", "not a spammer",
    "are not a spam", "click the link", "click on the link", "click the following link",
    "click here to", "approved sender", "approved list", "list of approved", "whitelist", "white list",
    "allowed senders", "to be added to", "added to my", "added to the list", "spam protection",
    "challenge",
    // TMDA's confirmation requests (its documentation, "confirmation process"): the message is held
    // until the sender shows it came from a person, by replying or opening a link.
    "sent by a person", "not by a program", "is being held until", "held until you", "reply to this notice"};

// Requests are short notes: the body phrases are looked for in the first bytes of the notice.
constexpr std::size_t kChallengeWindow = 8 * 1024;

}  // namespace

bool detect_challenge(const Context& ctx) {
  // A report is a report (asked first: it is the cheapest question and most bounces are reports).
  if (ctx.message.root.content_type.is("multipart/report")) return false;
  // Asked of every other message: one pass of one matcher over the (cached) subject.
  static const util::PhraseMatcher subjects{std::span<const std::string_view>(kChallengeSubjects)};
  subject_has(ctx, std::span<const std::string_view>());  // fills ctx.cache.subject
  if (subjects.first(ctx.cache.subject) == util::PhraseMatcher::npos) return false;
  // A non-delivery notice may quote a subject that asks for a confirmation ("Undeliverable:
  // Please confirm your order") and a body that does.
  if (bounce_subject(ctx.cache.subject)) return false;
  static const util::PhraseMatcher body{std::span<const std::string_view>(kChallengeBody)};
  std::string notice = notice_text(ctx);
  std::string_view head = std::string_view(notice).substr(0, kChallengeWindow);
  head = head.substr(0, std::min(head.size(), find_returned_message_marker(head)));
  return body.first(head) != util::PhraseMatcher::npos;
}

std::optional<Result> decode_challenge(const Context&) {
  Result result;
  result.kind = Kind::not_bounce;
  return result;
}

bool detect_autoreply(const Context& ctx) {
  const mime::Part& root = ctx.message.root;
  // A read receipt (RFC 8098 MDN) may carry "Auto-Submitted: auto-replied" too (RFC 3834 section
  // 5 lets any automatic response say so), but it is a report on what the reader's program did
  // with the message, not an out-of-office reply: it is left to the report handling.
  if (root.content_type.is("multipart/report") &&
      util::iequals(root.content_type.param("report-type"), "disposition-notification"))
    return false;
  bool marked = false;
  for (const auto& m : kHeaderMarkers) {
    const mime::Field* f = root.field(m.field);
    if (f && (m.value_contains.empty() || util::contains_ci(f->value, m.value_contains))) marked = true;
  }
  // RFC 3834: "auto-generated" is meant for messages that answer nothing, yet Exchange and Outlook
  // send their automatic (out-of-office) replies so marked, with In-Reply-To set to the message
  // they answer (section 3.1.5). An automatic message that answers one is an automatic response,
  // whatever the language of its subject.
  if (!marked) {
    const mime::Field* auto_submitted = root.field("Auto-Submitted");
    if (auto_submitted && util::starts_with_ci(util::trim(auto_submitted->value), "auto-generated") &&
        root.field("In-Reply-To") != nullptr)
      marked = true;
  }
  const std::string subject = mime::decode_header(root.value("Subject"));
  const std::string lower = util::to_lower(util::trim(subject));
  bool prefixed = false;
  for (auto p : kSubjectPrefixes)
    if (lower.starts_with(p)) prefixed = true;
  if (!marked && !prefixed) return false;
  // Some MTAs mark their bounces "Auto-Submitted: auto-replied" too: a bounce comes from a mail
  // system's address or a null sender, or its subject says delivery failed. A failure subject after
  // an auto-reply's own prefix ("Automatic reply: FW: Undeliverable: ...") or a person's reply or
  // forward prefix is the subject of the message answered, not the notice's own.
  if (is_daemon_address(first_address(root.value("From"))) || from_null_sender(root)) return false;
  return prefixed || reply_or_forward(subject) || !bounce_subject(subject);
}

Record reader_reply_record(const mime::Part& root) {
  Record r;
  r.recipient = first_address(root.value("From"));
  r.sender = first_address(root.value("To"));
  r.diagnostic = util::collapse_space(mime::decode_header(root.value("Subject")));
  r.timestamp = mime::to_iso8601_utc(root.value("Date"));
  return r;
}

std::optional<Result> decode_autoreply(const Context& ctx) {
  Record r = reader_reply_record(ctx.message.root);
  r.decoded_by = "rfc3834";
  r.hint = vocabulary::Reason::vacation;
  Result result;
  result.kind = Kind::vacation;
  result.records.push_back(std::move(r));
  return result;
}

}  // namespace bouncekit::decode
