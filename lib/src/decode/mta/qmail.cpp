// qmail (and netqmail, indimail, vpopmail and qmail-ldap deliveries): a
// plain-text notice with one paragraph per failed recipient.
//
//   Hi. This is the qmail-send program at mx.example.net.
//   I'm afraid I wasn't able to deliver your message to the following addresses.
//   This is a permanent error; I've given up. Sorry it didn't work out.
//
//   <user@example.org>:
//   192.0.2.1 does not like recipient.
//   Remote host said: 550 5.1.1 <user@example.org>... User unknown
//   Giving up on 192.0.2.1.
//
//   --- Below this line is a copy of the message.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "decode/mta/unix.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kGreeting = "This is the qmail-send program";
// Where the notice ends: qmail, indimail, and a double bounce's copy of the bounce.
constexpr std::string_view kCopyMarkers[] = {"--- Below this line is",
                                             "--- Enclosed is a copy of the message"};
// qmail's own Received line on the bounce it generates ("(qmail 123 invoked for bounce)";
// indimail writes "indimail-mta queue 123 by host ... (invoked for bounce)").
constexpr std::string_view kBounceReceived = "invoked for bounce";


// qmail-remote's sentences say which step of the SMTP dialogue failed.
constexpr std::array<Phrase<std::string_view>, 8> kCommands{{
    {"does not like recipient", "RCPT"},
    {"most progress was RCPT TO response", "RCPT"},
    {"failed after I sent the message", "DATA"},
    {"failed on DATA command", "DATA"},
    {"but sender was rejected", "MAIL"},
    {"but my name was rejected", "HELO"},
    {"but greeting failed", "CONN"},
    {"wasn't able to establish an SMTP connection", "CONN"},
}};

// Messages of qmail and its delivery agents themselves (no remote server
// involved) that always mean one reason. Used only when no reply code is given.
constexpr std::array<Phrase<vocabulary::Reason>, 8> kOwnMessages{{
    {"no mailbox here by that name", vocabulary::Reason::userunknown},
    {"couldn't find any host named", vocabulary::Reason::hostunknown},
    {"couldn't find any host by that name", vocabulary::Reason::hostunknown},
    {"wasn't able to establish an SMTP connection", vocabulary::Reason::networkerror},
    {"account is locked email bounced", vocabulary::Reason::suspend},              // vpopmail
    {"user is over quota", vocabulary::Reason::mailboxfull},                       // vpopmail
    {"Unable to contact LDAP server", vocabulary::Reason::systemerror},            // qmail-ldap
    {"this message has been in the queue too long", vocabulary::Reason::expired},  // last: other causes come first
}};


// "<user@example.org>:" starts a recipient's paragraph; a damaged notice may
// carry the diagnostic on the same line. Returns the address, "" if the line is no such start.
std::string recipient_opening(std::string_view line, std::string_view& rest) {
  line = util::trim(line);
  if (line.empty() || line.front() != '<') return {};
  std::size_t close = line.find(">:");
  if (close == std::string_view::npos) return {};
  auto found = addresses_in(line.substr(0, close + 1), 2);  // exactly one: two are enough to tell
  if (found.size() != 1) return {};
  rest = util::trim(line.substr(close + 2));
  return found.front();
}

// qmail separates recipients by a blank line; every other line of a paragraph is its diagnostic.
constexpr ParagraphFormat kParagraphs{.opening = recipient_opening};

Record qmail_record(const std::string& recipient, const std::string& paragraph) {
  Record r = text_record(recipient, paragraph);
  if (std::string_view command = first_phrase(r.diagnostic, kCommands).value_or(""); !command.empty())
    r.smtp_command = std::string(command);
  if (r.reply_code.empty()) r.hint = first_phrase(r.diagnostic, kOwnMessages);
  return r;
}

}  // namespace

bool detect_qmail(const Context& ctx) {
  if (header_has(ctx, "Received", kBounceReceived)) return true;
  return body_has(ctx, {kGreeting});
}

std::optional<Result> decode_qmail(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::string_view text = cut_at_marker(notice, {kCopyMarkers[0], kCopyMarkers[1]});
  std::vector<Record> records;
  RecipientParagraphs paragraphs(text, kParagraphs, ctx.options.max_records, ctx.records_left_out);
  while (std::optional<Paragraph> p = paragraphs.next()) records.push_back(qmail_record(p->address, p->diagnostic));
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
