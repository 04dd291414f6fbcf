// The fallback, or generic, decoder: bounces read by their structure, not by
// product (docs/decoders.md). How it reads a notice:
//
//   1. The notice ends where the returned message begins (a marker line, an
//      inline header block, a MIME boundary) or at a signature: nothing after
//      that is ever read. An HTML-only notice is first reduced to text.
//   2. The failed recipients are named from the first failure phrase on:
//      right after an inline phrase ("could not be delivered to: <a@b>"), or
//      as list items, lines that begin with an address ("  a@b", "<a@b>:",
//      "> a@b" right under the phrase, "a@b, c@d", "Recipient: <a@b>",
//      Sendmail's "550 <a@b>... reason") within a few lines of a failure
//      phrase or of the previous recipient, or anywhere when the line pairs
//      the address with its failure ("a@b (120 attempts): ...").
//   3. A session transcript adds the recipients whose RCPT TO was refused, or
//      that were accepted before the message was refused (RFC 5321 replies).
//   4. Each recipient's diagnostic is the rest of its line and the lines that
//      follow it; if those carry no reply or status code, a code-bearing
//      passage of the notice that belongs to no recipient (the "error that
//      the other server returned was:" kind) is used instead; without any
//      code, the paragraph a line introduces as the cause.
//   5. Only if nothing names a recipient, and the bounce is unmistakable (a
//      mail system's or null sender, a non-delivery subject): the returned
//      message's one To recipient.
//   6. Never reported: the bounce's From (unless listed as the failed
//      address and no mail system's), a mail system's own addresses
//      (postmaster@, mailer-daemon@ of the reporting domain), the original's
//      list address, and - unless the notice lists it as failed - the bounce's
//      To or the original's From.
#include "decode/fallback.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "decode/address.hpp"
#include "decode/bounce_markers.hpp"
#include "decode/fallback_transcript.hpp"
#include "decode/original_message.hpp"
#include "decode/plain_text.hpp"
#include "decode/smtp_text.hpp"
#include "util/phrase_matcher.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

// Phrases (lower-case) by which a notice says that delivery failed or is
// delayed. Failed recipients are named on such a line or in the lines after it.
constexpr std::array<std::string_view, 74> kFailurePhrases{
    "could not be delivered", "couldn't be delivered", "cannot be delivered", "can't be delivered",
    "could not deliver", "couldn't deliver", "unable to deliver", "not able to deliver", "wasn't able to deliver",
    "failed to deliver", "delivery failed", "delivery has failed", "delivery to the following",
    "failed permanently", "permanent error", "permanent failure", "fatal error", "delivery error",
    "delivery problem", "error delivering", "error occurred while trying to deliver",
    "error has occurred while attempting to deliver", "trouble delivering", "did not reach",
    "could not be reached", "not delivered", "undeliverable", "undelivered", "has been delayed",
    "have been delayed", "is delayed", "not yet been delivered", "address(es) failed", "address failed",
    "addresses failed", "following recipient", "did not receive this message", "rejected recipient",
    "recipient address rejected", "recipient rejected", "user unknown", "unknown user", "no such user",
    "no such recipient", "unknown recipient", "recipient unknown", "mailbox unavailable", "mailbox is full",
    "mailbox full", "over quota", "does not exist", "host unknown", "no mailbox", "transcript of session follows",
    "returned permanent errors", "was rejected", "were rejected", "message expired", "account is disabled",
    "account has been disabled", "n't delivered", "n't been delivered", "not been delivered", "could not reach",
    "couldn't reach", "cannot be reached", "can't be reached", "not relayed", "could not be sent",
    "couldn't be sent", "failed to send", "not been sent",
    // XMail (QueueUtils.cpp, QueUtTXErrorExNotifySender): "[<01>] Error sending message [ID] from
    // [DOMAIN]." and "[<02>] The reason of the delivery failure was:".
    "error sending message", "delivery failure was"};

// The same in other languages: Japanese notices (m-FILTER, au, docomo and most
// Japanese webmail write only Japanese), and the everyday wording of German,
// French, Spanish, Portuguese and Italian notices; Korean (Naver, Daum, Kakao webmail: "발송 실패"
// notices) and Chinese (NetEase/Tencent "退信" notices, simplified and traditional). Kept apart from
// the English table so each reads as one language; says_failure looks for both.
constexpr std::array<std::string_view, 26> kFailurePhrasesOther{
    "\u9001\u4fe1\u3067\u304d\u307e\u305b\u3093\u3067\u3057\u305f",  // could not be sent
    "\u9001\u4fe1\u306b\u5931\u6557",                                    // sending failed
    "\u914d\u4fe1\u3067\u304d\u307e\u305b\u3093\u3067\u3057\u305f",  // could not be delivered
    "\u914d\u9001\u3067\u304d\u307e\u305b\u3093\u3067\u3057\u305f",  // could not be delivered (sent on)
    "\u5c4a\u304d\u307e\u305b\u3093\u3067\u3057\u305f",                // did not arrive
    "konnte nicht zugestellt werden", "nicht zugestellt", "unzustellbar",
    "n'a pas pu \u00eatre remis", "n'a pas pu \u00eatre distribu\u00e9", "non remis",
    "no se pudo entregar", "no pudo ser entregado", "n\u00e3o foi poss\u00edvel entregar",
    "non \u00e8 stato possibile consegnare", "impossibile recapitare",
    "\uc804\ub2ec\ub418\uc9c0 \ubabb\ud588",  // was not delivered (ko)
    "\uc804\ub2ec\ud558\uc9c0 \ubabb\ud588",  // could not deliver (ko)
    "\ubc1c\uc1a1\uc5d0 \uc2e4\ud328",        // sending failed (ko)
    "\ubc1c\uc1a1 \uc2e4\ud328",              // send failure (ko)
    "\u672a\u80fd\u6295\u9012",              // could not be delivered (zh-Hans)
    "\u6295\u9012\u5931\u8d25",              // delivery failed (zh-Hans)
    "\u88ab\u9000\u56de",                    // was returned (zh)
    "\u9000\u4fe1",                          // returned mail (zh)
    "\u7121\u6cd5\u905e\u9001",              // cannot be delivered (zh-Hant)
    "\u6295\u905e\u5931\u6557"};             // delivery failed (zh-Hant)

// Words of a line that introduces the cause of a failure in the paragraph after it ("This error
// message may give you a hint about what caused the failure:", "The reason was:").
constexpr std::array<std::string_view, 4> kCauseWords{"error message", "reason", "caused", "cause of"};

// Phrases of a notice that says delivery succeeded ("was successfully delivered to the following
// recipients"): such a line names no failed recipient, whatever else it says.
constexpr std::array<std::string_view, 9> kSuccessPhrases{
    "successfully delivered", "delivered successfully", "delivery was successful", "delivery succeeded",
    "has been delivered to", "have been delivered to", "was delivered to", "were delivered to",
    "successfully relayed"};

// Words by which a line that begins with an address pairs it with its failure
// or its number of attempts ("a@b (3 attempts): connection refused",
// "a@b - rejected: no such mailbox"): such a line names a failed recipient even
// far from a failure phrase.
constexpr std::array<std::string_view, 12> kPairingWords{
    "failed", "failure", "attempts", "attempt(s)", "rejected", "refused", "bounced", "undeliverable",
    "unknown", "does not exist", "not found", "error"};

// Phrases after which the notice names the failed recipient on the same line,
// separated only by blanks and punctuation: "could not be delivered to: <a@b>".
constexpr std::array<std::string_view, 34> kInlinePhrases{
    "be delivered to", "deliver message to", "deliver mail to", "deliver your message to",
    "deliver your mail to", "delivering your message to", "delivering your mail to", "delivering the message to",
    "delivery to", "delivery failed for", "failed recipient", "rejected recipient", "unknown recipient",
    "recipient unknown", "no such user", "user unknown", "unknown user", "permanent errors", "address(es) failed",
    "addresses failed", "following recipient", "following recipients", "not delivered to",
    "n't delivered to", "not been delivered to", "n't been delivered to",
    "not relayed to", "intended recipients", "intended recipient",
    "your message to",
    // Chinese "could not be sent to" / "could not be delivered to" before the address, simplified
    // and traditional (the imail return-to-sender notice: "无法发送到 ADDRESS").
    "\u65e0\u6cd5\u53d1\u9001\u5230", "\u65e0\u6cd5\u6295\u9012\u5230",
    "\u7121\u6cd5\u767c\u9001\u5230", "\u7121\u6cd5\u6295\u905e\u5230"};

// Labels in front of a listed recipient, lower-case: "Recipient: <a@b>", ">>> RCPT TO:<a@b>".
constexpr std::array<std::string_view, 15> kRecipientLabels{
    "recipient:", "recipients:", "address:", "recipient address:", "failed recipient:", "final-recipient:",
    "rcpt to:", "rfc822;", "to address:", "email address:",
    "addressed to:",
    "\ubc1b\ub294 \uc0ac\ub78c:", "\ubc1b\ub294 \uc0ac\ub78c :",  // recipient (ko)
    "\u6536\u4ef6\u4eba\uff1a", "\u6536\u4ef6\u4eba:"};           // recipient (zh, full- or half-width colon)

// Session-transcript arrows in front of a command or a reply, lower-case.
constexpr std::array<std::string_view, 6> kTranscriptArrows{
    ">>>", "<<<", "sent >>>", "sent <<<", "received >>>", "received <<<"};

// A line ending like this, or holding one of the contact words, introduces
// addresses that are the sender or contacts, not failed recipients ("A message
// sent by\n  <a@b>", "Questions? Contact:\n  - help@b").
constexpr std::array<std::string_view, 7> kSenderEndings{
    "sent by", "from", "from:", "sender", "sender:", "reply-to:", "original sender:"};
constexpr std::array<std::string_view, 7> kContactWords{
    "contact", "write to", "send mail to", "reply to", "questions", "unsubscribe", "for assistance"};

// Verbs after which a notice quotes the remote server's reply without a colon, lower-case.
// "code" ends the labels "ResponseCode 421", "ERROR_CODE :550", "SMTP code: 550".
constexpr std::array<std::string_view, 7> kReplyVerbs{"returned", "said", "replied", "answered", "responded",
                                                      "reported", "code"};

// Labels in front of a remote server's words, stripped before reading its reply code.
constexpr std::array<std::string_view, 9> kDiagnosticLabels{
    "diagnostic-code:", "diagnostic code:", "smtp;", "remote host said:", "remote server said:", "reason:", "<<<", "received >>>",
    "error:"};

// Phrases of delay warnings, and of notices that say the failure is final.
constexpr std::array<std::string_view, 13> kDelayPhrases{
    "has been delayed", "have been delayed", "is delayed", "not yet been delivered", "will be retried",
    "warning message only", "this is a warning", "still being retried", "delivery attempts will continue",
    "delivery delayed", "action: delayed", "this is a temporary error", "address(es) deferred"};
constexpr std::array<std::string_view, 5> kPermanentPhrases{
    "permanent", "given up", "giving up", "gave up", "will not be retried"};
// Sendmail's banner word for failed addresses ("had permanent fatal errors"), which some notices
// copy into a warning ("THIS IS A WARNING MESSAGE ONLY ... had fatal errors ... will be retried for
// 4 more days"): final only when the notice does not say plainly that delivery goes on.
constexpr std::array<std::string_view, 1> kFatalPhrases{"fatal error"};
// Sentences by which a notice says plainly that it is a warning and delivery goes on (Sendmail's
// warning DSN: "THIS IS A WARNING MESSAGE ONLY. YOU DO NOT NEED TO RESEND YOUR MESSAGE."; Exim's
// delay warning: "No action is required on your part. Delivery attempts will continue").
constexpr std::array<std::string_view, 4> kWarningPhrases{
    "warning message only", "will be retried", "still being retried", "delivery attempts will continue"};

// Subject prefixes of a person's reply to or forward of a message, or of an
// auto-reply quoting one, lower-case.
constexpr std::array<std::string_view, 17> kReplyPrefixes{
    "re:", "re :", "fw:", "fwd:", "aw:", "wg:", "tr:", "rv:", "sv:", "vs:", "antw:",
    "auto:", "automatic reply", "auto reply", "auto-reply", "autoreply", "out of office"};

// Non-blank lines a listed recipient may follow its failure phrase or the previous recipient by.
constexpr std::size_t kWindow = 10;
// Lines of a recipient's own diagnostic, and of a shared passage.
constexpr std::size_t kBlockLines = 8;
// More recipients than this in one notice is hostile input.
constexpr std::size_t kMaxRecipients = 1000;
// Lines of a notice read at most: a notice is a page; the rest is hostile or the returned message.
constexpr std::size_t kMaxLines = 20000;
// Bytes of a notice read at most, in whole lines: 20,000 lines of 200 bytes. A notice of a few long
// lines (the MIME layer cuts a line at 256 KB) is as much a page: 200 lines of 256 KB of addresses
// (51 MB) were all read, for 0.5 s.
constexpr std::size_t kMaxNoticeBytes = 4u << 20;
// Header fields of a message that a notice may show as they are (unindented): such a line
// belongs to no recipient's diagnostic ("Received: from ... for <a@b>" of a trace).
constexpr std::array<std::string_view, 5> kHeaderStarts{
    "received:", "return-path:", "message-id:", "dkim-signature:", "authentication-results:"};

// First letters of kHeaderStarts: a cheap test before comparing a line with each.
constexpr std::string_view kHeaderInitials = "rmda";

// Lines at the top of a notice in which returns_a_message looks for a failure phrase.
constexpr std::size_t kNoticeHead = 20;

constexpr bool all_lower_case(std::span<const std::string_view> phrases) {
  for (std::string_view p : phrases) {
    if (p.empty()) return false;
    for (char c : p)
      if (c >= 'A' && c <= 'Z') return false;
  }
  return true;
}

// Does the lower-cased text contain any of the phrase table `Phrases`? One pass over the text
// with a matcher built once per table, instead of one search per phrase: the fallback asks this
// of every line of a notice. The phrases are lower-case (checked here), so the matcher's
// case-insensitive answer is that of a search in the lower-cased text.
template <const auto& Phrases>
bool contains_any(std::string_view lower) {
  static_assert(all_lower_case(Phrases), "phrase tables are lower-case and have no empty phrase");
  static const util::PhraseMatcher matcher{std::span<const std::string_view>(Phrases),
                                           util::PhraseMatcher::Spaces::exact};
  return matcher.first(lower) != util::PhraseMatcher::npos;
}

// Does the lower-cased text hold a failure phrase of any language? One matcher over both tables.
bool says_failure(std::string_view lower) {
  // Two matchers: the phrases written in ASCII, and those with other letters (Japanese, accented),
  // which only a line with such bytes can hold: the ASCII automaton stays small (its table is
  // indexed by byte class) and most lines never meet the other.
  static const auto matchers = [] {
    std::vector<std::string_view> ascii(kFailurePhrases.begin(), kFailurePhrases.end()), other;
    for (std::string_view p : kFailurePhrasesOther) (util::has_non_ascii(p) ? other : ascii).push_back(p);
    return std::pair{util::PhraseMatcher{std::span<const std::string_view>(ascii), util::PhraseMatcher::Spaces::exact},
                     util::PhraseMatcher{std::span<const std::string_view>(other), util::PhraseMatcher::Spaces::exact}};
  }();
  static_assert(all_lower_case(kFailurePhrases) && all_lower_case(kFailurePhrasesOther));
  if (matchers.first.first(lower) != util::PhraseMatcher::npos) return true;
  return util::has_non_ascii(lower) && matchers.second.first(lower) != util::PhraseMatcher::npos;
}

// What is asked of every line of a notice, answered in one pass over it: which of these phrase
// tables it holds (bit `1 << table`). A failure line that holds a success phrase is no failure
// line; the delay tables are asked of the whole notice, which is the OR of its lines (no phrase
// spans a line end).
enum LinePhrase : std::uint8_t { kInline, kFailure, kSuccess, kDelay, kPermanent, kFatal, kWarning };

// Two matchers as in says_failure (phrases in ASCII; phrases with other letters, run only on a line
// with such bytes), each answering the tables its phrases come from. An inline phrase counts as a
// failure phrase.
std::uint32_t line_phrases(std::string_view lower) {
  static const auto matchers = [] {
    std::vector<std::string_view> phrases[2];  // [0] ASCII, [1] other letters
    std::vector<std::uint8_t> groups[2];
    auto add = [&](std::span<const std::string_view> table, LinePhrase group) {
      for (std::string_view p : table) {
        phrases[util::has_non_ascii(p)].push_back(p);
        groups[util::has_non_ascii(p)].push_back(group);
      }
    };
    add(kInlinePhrases, kInline);
    add(kFailurePhrases, kFailure);
    add(kFailurePhrasesOther, kFailure);
    add(kSuccessPhrases, kSuccess);
    add(kDelayPhrases, kDelay);
    add(kPermanentPhrases, kPermanent);
    add(kFatalPhrases, kFatal);
    add(kWarningPhrases, kWarning);
    auto make = [&](int i) {
      return util::PhraseMatcher{std::span<const std::string_view>(phrases[i]), groups[i],
                                 util::PhraseMatcher::Spaces::exact};
    };
    return std::pair{make(0), make(1)};
  }();
  static_assert(all_lower_case(kInlinePhrases) && all_lower_case(kFailurePhrases) &&
                all_lower_case(kFailurePhrasesOther) && all_lower_case(kSuccessPhrases) &&
                all_lower_case(kDelayPhrases) && all_lower_case(kPermanentPhrases) &&
                all_lower_case(kFatalPhrases) && all_lower_case(kWarningPhrases));
  std::uint32_t found = matchers.first.groups_in(lower);
  if (util::has_non_ascii(lower) && !(found & (1u << kInline))) found |= matchers.second.groups_in(lower);
  if (found & (1u << kInline)) found |= 1u << kFailure;
  return found;
}

std::string_view trim_left(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && util::is_wsp(s[i])) ++i;
  return s.substr(i);
}

// A failure reply code (4xx, 5xx) at s[i], not part of a longer token. At the
// start of a line it may be followed by a colon ("550: User unknown").
bool is_reply_code_at(std::string_view s, std::size_t i) {
  if (i + 3 > s.size() || (s[i] != '4' && s[i] != '5') || !util::is_digit(s[i + 1]) || !util::is_digit(s[i + 2]))
    return false;
  if (i > 0 && (util::is_digit(s[i - 1]) || util::is_alpha(s[i - 1]) || s[i - 1] == '.')) return false;
  if (i + 3 == s.size()) return true;
  char next = s[i + 3];
  return next == ' ' || next == '-' || next == '\t' || (i == 0 && next == ':');
}



struct Line {
  std::string_view text;   // without a trailing '\r'
  std::string_view lower;  // the same bytes lower-cased (a view into read_lines' `lowered`)
  bool blank = false;
  bool quoted = false;  // "> ..." of a quoted message (Sendmail's ">>> RCPT TO:" is not a quote)
  bool inline_phrase = false;  // holds one of kInlinePhrases
  bool failure = false;        // holds one of kFailurePhrases or kInlinePhrases
  bool header = false;         // a header field of a message ("Received: from ..."): ends a passage
  bool success = false;        // a failure line's words that say the message was delivered after all
  transcript::Said said = {};  // the side of a session transcript that wrote it (fallback_transcript.hpp)
  std::uint32_t phrases = 0;   // line_phrases: the phrase tables it holds
};

// The first `n` lines of `text`, with their line ends, as many of them as fit in `max_bytes` (the
// first line in any case).
std::string_view first_lines(std::string_view text, std::size_t n, std::size_t max_bytes) {
  std::size_t pos = 0;
  for (std::size_t i = 0; i < n && pos < text.size(); ++i) {
    std::size_t eol = text.find('\n', pos);
    std::size_t end = eol == std::string_view::npos ? text.size() : eol + 1;
    if (i > 0 && end > max_bytes) break;
    pos = end;
  }
  return text.substr(0, pos);
}

// `lowered` receives the text lower-cased once (ASCII, byte for byte): the lines' `lower` views
// point into it, so it must outlive them.
std::vector<Line> read_lines(std::string_view text, std::string& lowered) {
  lowered = util::to_lower(text);
  std::vector<Line> lines;
  for (std::string_view t : split_lines(text)) {
    if (!t.empty() && t.back() == '\r') t.remove_suffix(1);
    Line l{t, std::string_view(lowered).substr(static_cast<std::size_t>(t.data() - text.data()), t.size())};
    std::string_view s = trim_left(t);
    l.blank = s.empty();
    l.quoted = !s.empty() && s[0] == '>' && !s.starts_with(">>> ");
    l.phrases = line_phrases(l.lower);
    l.inline_phrase = (l.phrases & (1u << kInline)) != 0;
    if (!s.empty() && kHeaderInitials.find(util::ascii_lower(s[0])) != std::string_view::npos && s.data() == t.data())
      for (std::string_view name : kHeaderStarts) l.header = l.header || util::starts_with_ci(t, name);
    l.said = transcript::side_of(t);
    l.failure = (l.phrases & (1u << kFailure)) != 0;
    if (l.failure) {
      l.success = (l.phrases & (1u << kSuccess)) != 0;
      l.failure = !l.success;
    }
    lines.push_back(std::move(l));
    if (lines.size() == kMaxLines) break;
  }
  return lines;
}

// The address that begins `s` ("a@b", "<a@b>", "'a@b'"), "" if none; `end` is set past it.
std::string address_at(std::string_view s, std::size_t& end) {
  std::size_t i = 0;
  if (!s.empty() && (s[0] == '<' || s[0] == '"' || s[0] == '\'' || s[0] == '(')) i = 1;
  std::size_t begin = i;
  constexpr std::string_view kStops = "<>,;()\"'[]";
  while (i < s.size() && !util::is_space(s[i]) && kStops.find(s[i]) == std::string_view::npos) ++i;
  std::string_view token = s.substr(begin, i - begin);
  while (!token.empty() && (token.back() == ':' || token.back() == '.')) token.remove_suffix(1);
  std::size_t scheme = util::starts_with_ci(token, "mailto:") ? 7 : 0;  // "a@b<mailto:a@b>" of HTML turned text
  if (token.find('@') == std::string_view::npos || token.find("://") != std::string_view::npos) return {};
  std::string address = clean_address(token.substr(scheme));
  if (!looks_like_address(address) || domain_of(address).find('.') == std::string::npos) return {};
  // RFC 5321 limits: anything longer is not an address (and hostile input stays small).
  if (address.size() > 254 || address.find('@') > 64) return {};
  end = begin + token.size();
  if (end < s.size() && (s[end] == '>' || s[end] == '"' || s[end] == '\'' || s[end] == ')')) ++end;
  return address;
}

struct Found {
  std::string address;
  std::size_t rest = 0;  // offset in the line just past the address
  bool weak = false;     // a Sendmail-style "550 <a@b>... reason" line: may name the sender too
};

// A recipient label as a field of a record written on one line ("[Status: Error, Address: <a@b>,
// ResponseCode 421, ...]", "Result: failed; Recipient: a@b"): the label begins the line or follows
// '[', '(', ',', ';' or '|'.
std::optional<Found> labelled_address(std::string_view line) {
  line = line.substr(0, 512);
  if (line.find('@') == std::string_view::npos || line.find(':') == std::string_view::npos) return std::nullopt;
  std::string lower = util::to_lower(line);
  for (std::string_view label : kRecipientLabels) {
    if (label.back() != ':') continue;  // "rfc822;" is a type, not a field
    for (std::size_t at = lower.find(label); at != std::string::npos; at = lower.find(label, at + 1)) {
      std::size_t before = at;
      while (before > 0 && util::is_wsp(lower[before - 1])) --before;
      if (before > 0 && std::string_view("[(,;|").find(lower[before - 1]) == std::string_view::npos) continue;
      std::size_t from = at + label.size();
      while (from < line.size() && util::is_wsp(line[from])) ++from;
      std::size_t end = 0;
      std::string address = address_at(line.substr(from), end);
      if (!address.empty()) return Found{std::move(address), from + end, false};
    }
  }
  return std::nullopt;
}

// A line that begins with an address once its decoration, label or reply code is skipped.
std::optional<Found> line_start_address(std::string_view line) {
  std::string_view s = trim_left(line);
  for (std::string_view arrow : kTranscriptArrows)
    if (util::starts_with_ci(s, arrow)) {
      s = trim_left(s.substr(arrow.size()));
      break;
    }
  while (!s.empty() && (s[0] == '*' || s[0] == '-' || s[0] == '+')) s = trim_left(s.substr(1));
  // "1. a@b", "2) a@b"
  std::size_t digits = 0;
  while (digits < s.size() && digits < 3 && util::is_digit(s[digits])) ++digits;
  if (digits > 0 && digits < s.size() && (s[digits] == '.' || s[digits] == ')')) s = trim_left(s.substr(digits + 1));
  for (int pass = 0; pass < 2; ++pass)
    for (std::string_view label : kRecipientLabels)
      if (util::starts_with_ci(s, label)) {
        s = trim_left(s.substr(label.size()));
        break;
      }
  // Exchange-style proxy addresses, "[SMTP:a@b]" (MailEnable, Exchange 2003 notices).
  if (util::starts_with_ci(s, "[smtp:")) s = s.substr(6);
  std::size_t end = 0;
  if (is_reply_code_at(s, 0)) {
    // Sendmail: "554 <a@b>... Host unknown", "550 5.1.1 <a@b>... User unknown".
    std::string_view rest = trim_left(s.substr(3));
    std::string status = find_status(rest.substr(0, 12));
    if (!status.empty() && rest.starts_with(status)) rest = trim_left(rest.substr(status.size()));
    std::string address = address_at(rest, end);
    if (address.empty() || !rest.substr(end).starts_with("...")) return std::nullopt;
    return Found{std::move(address), line.size(), true};  // the whole line is the diagnostic
  }
  // "Display Name" <a@b>
  if (!s.empty() && s[0] == '"') {
    std::size_t close = s.find('"', 1);
    if (close != std::string_view::npos && close < 64) {
      std::string_view after = trim_left(s.substr(close + 1));
      if (!after.empty() && after[0] == '<') s = after;
    }
  }
  std::string address = address_at(s, end);
  if (address.empty()) return labelled_address(line);
  return Found{std::move(address), static_cast<std::size_t>(s.data() - line.data()) + end, false};
}

// Addresses that directly follow an inline phrase on the line ("could not be delivered to: <a@b>, <c@d>").
std::vector<std::string> inline_addresses(const Line& l) {
  std::vector<std::string> found;
  if (!l.inline_phrase) return found;
  for (std::string_view phrase : kInlinePhrases) {
    for (std::size_t at = l.lower.find(phrase); at != std::string::npos && found.empty();
         at = l.lower.find(phrase, at + 1)) {
      std::size_t i = at + phrase.size();
      while (i < l.text.size()) {
        while (i < l.text.size() && (util::is_wsp(l.text[i]) || l.text[i] == ':' || l.text[i] == ',' ||
                                     l.text[i] == ';'))
          ++i;
        if (!found.empty() && l.lower.compare(i, 4, "and ") == 0) i += 4;
        std::size_t end = 0;
        std::string address = address_at(l.text.substr(i), end);
        if (address.empty()) break;
        found.push_back(std::move(address));
        i += end;
      }
    }
    if (!found.empty()) break;
  }
  return found;
}

bool is_failure_line(const Line& l) { return l.failure; }

// Does the line end with words that introduce a contact ("please write to", "contact")?
bool ends_with_contact(std::string_view lower_line) {
  std::string_view s = util::trim(lower_line);
  for (std::string_view c : kContactWords)
    if (s.ends_with(c)) return true;
  return false;
}

// The addresses of `rest` if it holds nothing else (separated by blanks, commas, semicolons or
// "and"); empty otherwise.
std::vector<std::string> only_addresses(std::string_view rest) {
  std::vector<std::string> found;
  std::size_t i = 0;
  while (found.size() < kMaxRecipients) {
    while (i < rest.size() && (util::is_wsp(rest[i]) || rest[i] == ',' || rest[i] == ';')) ++i;
    if (i == rest.size()) return found;
    if (util::starts_with_ci(rest.substr(i), "and ")) i += 4;
    std::size_t end = 0;
    std::string address = address_at(rest.substr(i), end);
    if (address.empty()) return {};
    found.push_back(std::move(address));
    i += end;
  }
  return found;
}

// Does this line introduce a sender or contacts? A failure line does only by its ending.
bool is_sender_context(std::string_view lower_line, bool failure) {
  std::string_view s = util::trim(lower_line);
  for (std::string_view c : kSenderEndings)
    if (s.ends_with(c)) return true;
  return !failure && contains_any<kContactWords>(s);
}

std::string_view without_diagnostic_labels(std::string_view s) {
  s = trim_left(s);
  for (bool again = true; again;) {
    again = false;
    for (std::string_view label : kDiagnosticLabels)
      if (util::starts_with_ci(s, label)) {
        s = trim_left(s.substr(label.size()));
        again = true;
      }
  }
  return s;
}

// The first failure reply code in a diagnostic passage: one that begins a
// line, or follows a colon ("host mx.example.net [192.0.2.1]: 550 ...").
std::string reply_code_in(const std::vector<std::string_view>& passage) {
  for (std::string_view line : passage) {
    std::string_view s = without_diagnostic_labels(line);
    if (s.starts_with('#')) s.remove_prefix(1);  // Exchange: "#550 5.1.1 RESOLVER.ADR.RecipNotFound; ..."
    if (is_reply_code_at(s, 0)) return std::string(s.substr(0, 3));
    // After a colon: ASCII ": ", or the full-width U+FF1A of Chinese and Japanese labels.
    for (std::string_view colon : {std::string_view(": "), std::string_view("\uff1a")})
      for (std::size_t c = s.find(colon); c != std::string_view::npos; c = s.find(colon, c + 1)) {
        std::size_t i = c + colon.size();
        while (i < s.size() && (s[i] == ' ' || s[i] == '[' || s[i] == '(' || s[i] == '"' || s[i] == '\'')) ++i;
        if (is_reply_code_at(s, i)) return std::string(s.substr(i, 3));
      }
    // After a bracketed host or address: "a@b: [192.0.2.9], 554 ...", "mx [192.0.2.9] 550 ...".
    for (std::size_t c = s.find(']'); c != std::string_view::npos; c = s.find(']', c + 1)) {
      std::size_t i = c + 1;
      while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == ':')) ++i;
      if (is_reply_code_at(s, i)) return std::string(s.substr(i, 3));
    }
    // "Remote server returned '554 ...'", "the server answered 550 ...": a verb that introduces a
    // reply. Reply codes are rare: each is looked at, and the word before it compared.
    for (std::size_t i = s.find_first_of("45"); i != std::string_view::npos; i = s.find_first_of("45", i + 1)) {
      // After such a word the code may end with a comma ("ERROR_CODE :550, ...").
      bool code = is_reply_code_at(s, i) ||
                  (is_reply_code_at(s.substr(0, i + 3), i) && i + 3 < s.size() && (s[i + 3] == ',' || s[i + 3] == ';'));
      if (!code) continue;
      std::size_t end = i;
      while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == ':' || s[end - 1] == '"' || s[end - 1] == '\'' ||
                         s[end - 1] == '(' || s[end - 1] == '='))
        --end;
      for (std::string_view verb : kReplyVerbs)
        if (end >= verb.size() && end < i && util::iequals(s.substr(end - verb.size(), verb.size()), verb))
          return std::string(s.substr(i, 3));
    }
  }
  return {};
}

bool carries_code(std::string_view line) {
  std::string_view s = without_diagnostic_labels(line);
  if (is_reply_code_at(s, 0) || !find_remote_status(s).empty()) return true;
  std::string status = find_status(s);
  return !status.empty() && status[0] != '2';
}

// Where the notice ends: the returned message, a signature or a MIME boundary.
std::size_t notice_end(const Context& ctx, std::string_view text) {
  std::size_t end = find_returned_message_marker(text);
  if (auto headers = find_inline_headers(text); headers && headers->begin < end) end = headers->begin;
  std::string boundary = ctx.message.root.content_type.param("boundary");
  std::size_t pos = 0;
  for (std::string_view line : split_lines(text.substr(0, end == std::string_view::npos ? text.size() : end))) {
    std::string_view t = line;
    if (!t.empty() && t.back() == '\r') t.remove_suffix(1);
    if (t == "--" || t == "-- " || (!boundary.empty() && t.starts_with("--") && t.substr(2).starts_with(boundary)))
      return pos;
    pos += line.size() + 1;
  }
  return end;
}

// The addresses a notice may mention that are not failed recipients.
struct Exclusions {
  std::string bounce_from;
  std::string own_domain;             // the reporting system's domain (the bounce's From)
  std::vector<std::string> senders;   // the bounce's To, the original message's From

  std::string list_post;               // the original's List-Post address
  std::string list_id;                 // the original's List-Id, "<name.example.org>" without brackets

  bool excludes(const std::string& address, bool listed) const {
    // The bounce's From is its author, except when the notice lists that very address as the
    // failed one and it is no mail system's: Postal (postalserver, app/models/bounce_message.rb)
    // sends its notice From the address that refused the message and names it in "Rcpt To:".
    if (util::iequals(address, bounce_from) && !(listed && !is_daemon_address(address))) return true;
    // A mailing list's own address: the notice mentions it because the list sent the message.
    if (!list_post.empty() && util::iequals(address, list_post)) return true;
    if (!list_id.empty()) {
      std::string as_id = address;
      if (std::size_t at = as_id.find('@'); at != std::string::npos) as_id[at] = '.';
      if (util::iequals(as_id, list_id)) return true;
    }
    // A notice that lists an address as failed means it: mail to oneself or
    // to a postmaster fails too. The rest are mentioned in passing.
    if (listed) return false;
    if (is_daemon_address(address) && !own_domain.empty()) {
      std::string d = domain_of(address);
      if (d == own_domain || d.ends_with("." + own_domain) || own_domain.ends_with("." + d)) return true;
    }
    for (const auto& s : senders)
      if (util::iequals(address, s)) return true;
    return false;
  }
};

Exclusions exclusions(const Context& ctx, std::string_view notice) {
  const mime::Part& root = ctx.message.root;
  Exclusions ex;
  ex.bounce_from = first_address(mime::decode_header(root.value("From")));
  ex.own_domain = domain_of(ex.bounce_from);
  ex.senders = addresses_in(mime::decode_header(root.value("To")));
  const std::vector<std::string> wanted{"List-Post"};
  OriginalMessage original = returned_message(ctx);
  if (!original.found)
    if (auto headers = find_inline_headers(notice)) original = read_original_headers(headers->fields, wanted);
  if (!original.from.empty()) ex.senders.push_back(original.from);
  for (const auto& [name, value] : original.extra)
    if (util::iequals(name, "List-Post")) {
      // RFC 2369: "<mailto:list@example.org>"
      std::string v = value;
      if (std::size_t m = util::to_lower(v).find("mailto:"); m != std::string::npos) v = v.substr(m + 7);
      ex.list_post = first_address(v);
    }
  std::string id(util::trim(original.list_id));
  if (std::size_t lt = id.rfind('<'); lt != std::string::npos) id = id.substr(lt + 1);
  if (std::size_t gt = id.find('>'); gt != std::string::npos) id = id.substr(0, gt);
  ex.list_id = id;
  return ex;
}

// The returned message's recipients, when it names exactly one in To: and none in Cc:, and was not
// sent through a mailing list (a list's copy is addressed to the list, not to the one who failed).
std::string single_original_recipient(const Context& ctx) {
  const mime::Part& root = ctx.message.root;
  const std::vector<std::string> wanted{"To", "Cc", "List-Post", "List-Id"};
  OriginalMessage original = find_original_message(root, wanted);
  if (!original.found) original = find_inline_original_message(root, ctx.bytes, wanted);
  if (!original.found) return {};
  // A returned message that is itself a report (a forwarded bounce) has the sender in its To.
  if (is_daemon_address(original.from) || bounce_subject(original.subject)) return {};
  std::vector<std::string> to;
  for (const auto& [name, value] : original.extra) {
    if (util::iequals(name, "List-Post") || util::iequals(name, "List-Id") || util::iequals(name, "Cc")) return {};
    if (util::iequals(name, "To")) {
      for (auto& a : addresses_in(mime::decode_header(value))) to.push_back(std::move(a));
    }
  }
  return to.size() == 1 ? to.front() : std::string();
}

// An unmistakable bounce: sent with a null return path or by a mail system's own address,
// with a subject that says delivery failed.
bool unmistakable_bounce(const Context& ctx) {
  const mime::Part& root = ctx.message.root;
  const std::string return_path_value = root.value("Return-Path");
  const std::string from_value = root.value("From");
  std::string_view return_path = util::trim(return_path_value);
  std::string_view from = util::trim(from_value);
  bool null_sender = return_path == "<>" || from == "<>" || from.empty();
  if (!null_sender && !is_daemon_address(first_address(from))) return false;
  return bounce_subject(mime::decode_header(root.value("Subject")));
}

struct Candidate {
  std::string address;
  std::size_t line = 0;
  std::string_view own;  // the part of its line that belongs to its diagnostic
  bool summary = false;  // a Sendmail-style "554 <a@b>... reason" line: the MTA's summary for the address
};

std::string joined(const std::vector<std::string_view>& passage) {
  std::string out;
  for (std::string_view p : passage) {
    if (!out.empty()) out.push_back(' ');
    out.append(p);
  }
  return out;
}

// The passages of a notice's last few records, joined, and their reply code once asked: records
// whose passages are the same lines of the notice (recipients named on one line, recipients that
// share the notice's one code-bearing passage, taking turns with others) join and read them once.
// The lines are compared by position, not byte by byte. Each record's passage otherwise costs its
// length: 1,000 recipients on one 256 KB line read it 1,000 times.
class PreparedPassages {
 public:
  struct Entry {
    std::vector<std::string_view> lines;
    std::string diagnostic;                 // joined(lines)
    std::optional<std::string> reply_code;  // reply_code_in(lines), once asked
  };

  Entry& of(const std::vector<std::string_view>& passage) {
    for (Entry& e : entries_)
      if (same_lines(e.lines, passage)) return e;
    Entry& e = entries_[next_];
    next_ = (next_ + 1) % entries_.size();
    e.lines = passage;
    e.diagnostic = joined(passage);
    e.reply_code.reset();
    return e;
  }

 private:
  static bool same_lines(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
    if (a.size() != b.size() || a.empty()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i].data() != b[i].data() || a[i].size() != b[i].size()) return false;
    return true;
  }

  std::array<Entry, 4> entries_;
  std::size_t next_ = 0;
};

// Strips what joins an address to its explanation: ">:", "...", "," and blanks.
std::string_view after_address(std::string_view rest) {
  std::size_t i = 0;
  while (i < rest.size() && (rest[i] == '>' || rest[i] == ']' || rest[i] == ':' || rest[i] == '.' ||
                             rest[i] == ',' || rest[i] == ';' || util::is_wsp(rest[i])))
    ++i;
  return util::trim(rest.substr(i));
}



// Lines that end a passage rather than belong to it: a banner of the returned or forwarded
// message, a line of dashes, equals signs or underscores, a signature separator.
constexpr std::array<std::string_view, 6> kSeparatorWords{
    "original message", "forwarded message", "original mail", "returned message", "message follows",
    "copy of the message"};

// A separator is judged by its first bytes: a rule or a banner is a short line, and the test is
// made for each record whose passage ends in the line (a recipient list on one 256 KB line of
// 1,000 recipients had it read 1,000 times).
constexpr std::size_t kSeparatorBytes = 512;

bool is_separator(std::string_view line) {
  std::string_view t = util::trim(line);
  if (t.empty() || t == "--") return true;
  const std::string_view head = t.substr(0, kSeparatorBytes);
  bool rule = true;  // only dashes, equals signs, underscores, stars and blanks
  for (char c : head)
    if (c != '-' && c != '=' && c != '_' && c != '*' && c != ' ') {
      rule = false;
      break;
    }
  if (rule && t.size() >= 3) return true;
  if (!(t.starts_with("--") || t.starts_with("==") || t.starts_with("__"))) return false;
  return contains_any<kSeparatorWords>(head);  // the matcher ignores ASCII case: no lower-cased copy
}

void drop_trailing_separators(std::vector<std::string_view>& passage) {
  while (!passage.empty() && is_separator(passage.back())) passage.pop_back();
}

// A banner that titles what follows: "----- Non-delivered information -----", or a rule.
bool is_banner(std::string_view line) {
  std::string_view t = util::trim(line);
  if (is_separator(t)) return true;
  auto rule = [](std::string_view part) {
    return part.size() == 3 && (part == "---" || part == "===" || part == "***" || part == "___");
  };
  return t.size() > 6 && rule(t.substr(0, 3)) && rule(t.substr(t.size() - 3));
}

void drop_leading_banners(std::vector<std::string_view>& passage) {
  std::size_t n = 0;
  while (n < passage.size() && is_banner(passage[n])) ++n;
  passage.erase(passage.begin(), passage.begin() + static_cast<std::ptrdiff_t>(n));
}

// The paragraph (unwrapped, up to kBlockLines) around line `at`, without recipient or header lines.
std::vector<std::string_view> paragraph_at(const std::vector<Line>& lines, std::size_t at,
                                           const std::vector<bool>& candidate_line) {
  std::vector<std::string_view> passage;
  if (at >= lines.size()) return passage;
  std::size_t begin = at;
  while (begin > 0 && at - begin < kBlockLines && !lines[begin - 1].blank && !candidate_line[begin - 1] &&
         !lines[begin - 1].header)
    --begin;
  for (std::size_t j = begin; j < lines.size() && !lines[j].blank && passage.size() < kBlockLines; ++j) {
    if (j > at && (candidate_line[j] || lines[j].header)) break;
    if (!lines[j].quoted) passage.push_back(util::trim(lines[j].text));
  }
  drop_leading_banners(passage);
  drop_trailing_separators(passage);
  if (passage.empty()) passage.push_back(util::trim(lines[at].text));
  return passage;
}

// Does the message return one (a message/rfc822 or headers part) after a notice whose first
// lines say delivery failed? A bounce by its structure, whatever its sender and subject say
// ("Mail", a no-reply sender, a subject in another language).
bool returns_a_message(const Context& ctx) {
  const mime::Part& root = ctx.message.root;
  if (root.children.empty()) return false;
  // A person's mail client forwarding a message as an attachment names itself in User-Agent (a
  // field mail clients took from HTTP, RFC 9110 section 10.1.5); mail systems writing notices do not.
  if (root.field("User-Agent") != nullptr) return false;
  if (!find_part(root, {"message/rfc822", "message/global", "text/rfc822-headers", "message/global-headers"}))
    return false;
  std::string notice = notice_text(ctx);
  std::size_t checked = 0;
  for (std::string_view line : split_lines(notice)) {
    if (++checked > kNoticeHead) break;
    std::string lower = util::to_lower(line);
    if (says_failure(lower)) return true;
  }
  return false;
}

// A host name ("mx.example.org"): dotted labels of letters, digits and hyphens, ending in letters.
bool looks_like_host(std::string_view s) {
  while (!s.empty() && s.back() == '.') s.remove_suffix(1);
  if (s.size() < 4 || s.find('.') == std::string_view::npos) return false;
  for (char c : s)
    if (!util::is_alpha(c) && !util::is_digit(c) && c != '-' && c != '.') return false;
  std::size_t last = s.rfind('.');
  for (char c : s.substr(last + 1))
    if (!util::is_alpha(c)) return false;
  return last + 1 < s.size();
}

// Is one of the two names the other or a name under it ("mx.example.org" and "example.org")?
bool same_site(std::string_view host, const std::string& domain) {
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  std::string h = util::to_lower(host), d = util::to_lower(domain);
  if (h.empty() || d.empty()) return false;
  return h == d || h.ends_with("." + d) || d.ends_with("." + h);
}

// The recipients a session transcript shows failing, after `records` (once each).
void add_transcript_records(const std::vector<Line>& lines, const Exclusions& ex, std::vector<Record>& records) {
  std::vector<transcript::Line> session;
  session.reserve(lines.size());
  for (const Line& l : lines)
    session.push_back({l.said, l.quoted, !l.text.empty() && util::is_wsp(l.text[0]), l.text});
  for (transcript::Failed& f : transcript::read_failures(session, kMaxRecipients)) {
    if (records.size() >= kMaxRecipients) break;
    if (ex.excludes(f.address, true)) continue;
    bool seen = false;
    for (const Record& r : records) seen = seen || util::iequals(r.recipient, f.address);
    if (seen) continue;
    Record r = text_record(f.address, f.reply);
    if (r.reply_code.empty()) r.reply_code = reply_code_in({f.reply});
    if (r.smtp_command.empty()) r.smtp_command = f.command;
    records.push_back(std::move(r));
  }
}

// The raw text of a multipart body's first part that has any: boundary lines ("--...") and the
// header lines after each are skipped, up to the next boundary line. Bounded by the body.
std::string_view first_part_text(std::string_view body) {
  std::size_t pos = 0;
  bool in_header = false;
  while (pos < body.size()) {
    std::size_t eol = body.find('\n', pos);
    std::string_view line = body.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    if (line.starts_with("--")) {
      in_header = true;
    } else if (in_header && util::trim(line).empty()) {
      in_header = false;
    } else if (!in_header && !util::trim(line).empty()) {
      std::size_t end = body.find("\n--", pos);
      return body.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    }
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
  }
  return {};
}

// A line that begins with an address and is answered by a failure code, on the line itself after
// the address or on the next line of its paragraph ("bob@example.org" / "   550 5.1.1 ..."): a
// recipient and its failure whatever the language of the sentence before them, which the phrase
// tables may not know (a notice in Dutch, Polish, Russian...). Only read in a notice written by a
// mail system.
bool answered_by_a_code(const std::vector<Line>& lines, std::size_t i) {
  const Line& l = lines[i];
  if (l.quoted || l.blank || l.header) return false;
  auto f = line_start_address(l.text);
  if (!f || f->weak) return false;
  auto failure_code = [](std::string_view text) {
    std::string_view s = without_diagnostic_labels(text);
    if (is_reply_code_at(s, 0)) return true;  // 4xx or 5xx
    std::string status = find_status(s);
    return !status.empty() && (status[0] == '4' || status[0] == '5');
  };
  std::string_view rest = after_address(l.text.substr(f->rest));
  if (!rest.empty()) return failure_code(rest);
  return i + 1 < lines.size() && !lines[i + 1].blank && !lines[i + 1].quoted && failure_code(lines[i + 1].text);
}

// A notice is written by a mail system: its sender says so (a mail system's address, a null
// sender), or its machine marks do (RFC 3834's Auto-Submitted, a returned message, a reply or
// status code). A person writing "mail could not be delivered this morning" has none of them.
bool written_by_a_mail_system(const Context& ctx, const std::vector<Line>& lines) {
  const mime::Part& root = ctx.message.root;
  if (from_daemon(ctx) || from_null_sender(root) || root.field("Auto-Submitted") != nullptr) return true;
  if (find_part(root, {"message/rfc822", "message/global", "text/rfc822-headers", "message/global-headers"}))
    return true;
  if (root.content_type.type == "multipart" && root.children.empty()) return true;  // a report whose parts were lost
  for (const Line& l : lines)
    if (!l.quoted && l.header) return true;
  std::string_view body = raw_body(ctx);
  if (find_returned_message_marker(body) != std::string_view::npos || find_inline_headers(body)) return true;
  for (const Line& l : lines)
    if (!l.quoted && carries_code(l.text)) return true;
  return false;
}

// A one-line paragraph, short, that ends with a comma or an exclamation mark: how letters open.
constexpr std::size_t kSalutationBytes = 80;
bool is_salutation(const std::vector<Line>& lines, std::size_t at) {
  std::string_view t = util::trim(lines[at].text);
  bool alone = (at == 0 || lines[at - 1].blank) && (at + 1 == lines.size() || lines[at + 1].blank);
  return alone && !t.empty() && t.size() <= kSalutationBytes && (t.back() == ',' || t.back() == '!');
}

// When no line of the notice lists a failed recipient: a session transcript, else (only for an
// unmistakable bounce) the one recipient of the returned message.
std::optional<Result> without_listed_recipients(const Context& ctx, std::string_view notice,
                                                const std::vector<Line>& lines, std::size_t first) {
  std::vector<Record> records;
  // The cheap tests first: the exclusions read the returned message's headers.
  const bool unmistakable = unmistakable_bounce(ctx);
  bool has_session = false;
  for (const Line& l : lines) has_session = has_session || l.said.side == transcript::Side::client;
  if (!has_session && !unmistakable) return std::nullopt;
  const Exclusions ex = exclusions(ctx, notice);
  add_transcript_records(lines, ex, records);
  if (!records.empty()) return bounce_result(std::move(records));
  if (!unmistakable) return std::nullopt;
  std::string recipient = single_original_recipient(ctx);
  if (recipient.empty() || ex.excludes(recipient, false)) return std::nullopt;
  // Its diagnostic: the first passage of the notice that carries a code, else the failure paragraph.
  std::vector<std::string_view> passage;
  std::size_t from = first;
  for (std::size_t j = 0; j < lines.size(); ++j)
    if (!lines[j].quoted && !lines[j].blank && carries_code(lines[j].text)) {
      from = j;
      break;
    }
  if (from == lines.size())  // no failure phrase either (a notice in another language): its first paragraph
    for (from = 0; from < lines.size() && (lines[from].blank || lines[from].quoted); ++from) {
    }
  // A salutation ("Hello ann@example.org,", "Hallo Ann!") is a paragraph of its own, not the notice.
  if (from < lines.size() && is_salutation(lines, from))
    for (++from; from < lines.size() && (lines[from].blank || lines[from].quoted); ++from) {
    }
  std::size_t j = from;
  for (; j < lines.size() && !lines[j].blank && passage.size() < kBlockLines; ++j)
    if (!lines[j].quoted && !lines[j].header) passage.push_back(util::trim(lines[j].text));
  // A failure paragraph that only introduces what follows ("The following address(es) failed:"):
  // the next paragraph too, as for a listed recipient.
  if (!passage.empty() && passage.back().ends_with(':')) {
    while (j < lines.size() && lines[j].blank) ++j;
    for (std::size_t n = 0; j < lines.size() && !lines[j].blank && n < kBlockLines; ++j, ++n)
      if (!lines[j].quoted && !lines[j].header) passage.push_back(util::trim(lines[j].text));
  }
  drop_trailing_separators(passage);
  std::string diagnostic = joined(passage);
  std::string_view reply = without_diagnostic_labels(diagnostic);
  // RFC 5321 section 4.2 / 3.8: "421 <domain> Service not available": a reply that begins with a
  // server's domain says which system failed. If it is not the recipient's, the failure was a
  // relay's or a forward's, and the returned message's recipient is not sure to be the one.
  if (is_reply_code_at(reply, 0)) {
    std::string_view host = trim_left(reply.substr(3));
    host = host.substr(0, std::min(host.find_first_of(" \t("), host.size()));
    if (looks_like_host(host) && !same_site(host, domain_of(recipient))) return std::nullopt;
  }
  Record r = text_record(recipient, reply);
  if (r.reply_code.empty()) r.reply_code = reply_code_in(passage);
  records.push_back(std::move(r));
  return bounce_result(std::move(records));
}

}  // namespace

bool detect_fallback(const Context& ctx) {
  const mime::Part& root = ctx.message.root;
  if (!looks_like_bounce(root) && !returns_a_message(ctx)) return false;
  // A mail system's address or a null sender: never a person's reply, whatever its subject says.
  if (from_daemon(ctx) || from_null_sender(root)) return true;
  // A person's reply to or forward of a bounce (or an auto-reply to one) quotes it: not a bounce.
  std::string subject = util::to_lower(util::trim(mime::decode_header(root.value("Subject"))));
  for (std::string_view prefix : kReplyPrefixes)
    if (subject.starts_with(prefix)) return false;
  return root.field("In-Reply-To") == nullptr;
}

std::optional<Result> decode_fallback(const Context& ctx) {
  std::string notice = notice_text(ctx);
  // A multipart whose boundary never occurs has no parts (and the parser keeps
  // no body for it): the raw text after the header is all there is.
  if (notice.empty() && ctx.message.root.children.empty()) {
    std::size_t body = ctx.bytes.find("\n\n");
    if (body != std::string_view::npos) notice = mime::sanitize_utf8(ctx.bytes.substr(body + 2));
  } else if (notice.empty()) {
    // A part lost to damaged MIME (a nested multipart whose boundary parameter was not folded, so
    // it has no parts): the raw text of the first part, past its boundary line and its header.
    notice = mime::sanitize_utf8(first_part_text(raw_body(ctx)));
  }
  // Only the first kMaxLines lines (kMaxNoticeBytes) are read: the rest is neither lower-cased nor
  // searched (a 50 MB notice of short lines was read whole four times for its first 20,000 lines).
  std::string_view text = first_lines(notice, kMaxLines, kMaxNoticeBytes);
  std::size_t end = notice_end(ctx, text);
  if (end != std::string_view::npos) text = text.substr(0, end);
  std::string lowered;
  const std::vector<Line> lines = read_lines(text, lowered);
  if (!written_by_a_mail_system(ctx, lines)) return std::nullopt;

  std::size_t first = 0;
  while (first < lines.size() && (lines[first].quoted || !is_failure_line(lines[first])) &&
         !answered_by_a_code(lines, first))
    ++first;
  if (first == lines.size()) {
    // A notice that says the message was delivered, and nowhere that anything failed.
    for (const Line& l : lines)
      if (!l.quoted && (l.success || contains_any<kSuccessPhrases>(l.lower))) {
        Result delivered;
        delivered.kind = Kind::delivered;
        return delivered;
      }
    return without_listed_recipients(ctx, notice, lines, lines.size());
  }

  // A list may begin before its first failure phrase when that phrase is in
  // a recipient's own diagnostic ("a@b\n  550 Mailbox full"): scan from the
  // start of the paragraph.
  std::size_t scan_from = first;
  while (scan_from > 0 && !lines[scan_from - 1].blank) --scan_from;

  const Exclusions ex = exclusions(ctx, notice);
  std::vector<Candidate> candidates;
  std::vector<bool> candidate_line(lines.size(), false);
  auto add = [&](std::string address, std::size_t line, std::string_view own, bool listed, bool summary = false) {
    if (candidates.size() >= kMaxRecipients || ex.excludes(address, listed)) return;
    for (const auto& c : candidates)
      if (util::iequals(c.address, address)) return;
    candidates.push_back({std::move(address), line, own, summary});
    candidate_line[line] = true;
  };

  std::size_t since_anchor = 0;  // non-blank lines since the last failure phrase or recipient
  bool contacts = false;         // in a paragraph that introduced a sender or contacts
  for (std::size_t i = scan_from; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (l.blank) {
      contacts = false;
      continue;
    }
    bool anchor = false;
    if (!l.quoted) {
      bool failure = is_failure_line(l);
      std::vector<std::string> named = inline_addresses(l);
      for (auto& address : named) add(std::move(address), i, util::trim(l.text), true);
      anchor = failure || !named.empty();
      if (failure) contacts = false;
      bool named_here = !named.empty();
      bool command = l.said.side == transcript::Side::client;  // read_failures', below
      // "... please write to\n  a@b instead": the address ends the previous line's sentence.
      bool continues = i > 0 && !lines[i - 1].blank && ends_with_contact(lines[i - 1].lower);
      if (!named_here && !contacts && !command && !continues) {
        auto f = line_start_address(l.text);
        // Far from a failure phrase, only a line that pairs its address with the failure counts.
        if (f && !failure && since_anchor >= kWindow && !contains_any<kPairingWords>(l.lower)) f.reset();
        if (f) {
          std::string_view rest = l.text.substr(f->rest);
          std::string_view own = f->weak ? util::trim(l.text) : after_address(rest);
          add(std::move(f->address), i, own, !f->weak, f->weak);
          // "a@b, c@d": a line of addresses only lists them all.
          if (!f->weak)
            for (auto& more : only_addresses(rest)) add(std::move(more), i, std::string_view(), true);
          anchor = named_here = true;
        }
      }
      if (!named_here && is_sender_context(l.lower, failure)) contacts = true;
    } else if ((i > 0 && !lines[i - 1].blank &&
                ((lines[i - 1].failure && !lines[i - 1].quoted) || candidate_line[i - 1])) ||
               (i > 1 && lines[i - 1].blank && lines[i - 2].failure && !lines[i - 2].quoted &&
                util::trim(lines[i - 2].text).ends_with(':'))) {
      // The notice's own quoting of its list: "> a@b" lines right under the failure sentence
      // (or under the previous such line), or one blank line under a failure sentence that ends
      // in a colon, introducing them. A quoted original is never read: it is cut off with the
      // returned message, or does not begin under a failure sentence.
      std::string_view item = trim_left(l.text);
      while (!item.empty() && item[0] == '>') item = trim_left(item.substr(1));
      if (auto f = line_start_address(item); f && !f->weak) {
        add(std::move(f->address), i, after_address(item.substr(f->rest)), true);
        anchor = true;
      }
    }
    since_anchor = anchor ? 0 : since_anchor + 1;
  }
  if (candidates.empty()) return without_listed_recipients(ctx, notice, lines, first);

  // Each recipient's own passage: its line and the lines after it, up to a
  // blank line or the next recipient.
  std::vector<bool> owned(lines.size(), false);
  std::vector<std::vector<std::string_view>> own(candidates.size());
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    const Candidate& c = candidates[k];
    if (k > 0 && candidates[k - 1].line == c.line) {
      own[k] = own[k - 1];  // several recipients named on one line share it
      continue;
    }
    if (!c.own.empty()) own[k].push_back(c.own);
    owned[c.line] = true;
    // Sendmail's transcript writes the remote server's reply ("<<< 501 ... open relay") and then its
    // own summary for each address it concerned ("554 <a@b>... Remote protocol error"): the reply
    // right above a summary line is that address's cause, joined after the summary.
    if (c.summary && c.line > 0 && !lines[c.line - 1].quoted && !candidate_line[c.line - 1] &&
        lines[c.line - 1].said.side == transcript::Side::server) {
      own[k].push_back(util::trim(lines[c.line - 1].text));
      owned[c.line - 1] = true;
    }
    for (std::size_t j = c.line + 1; j < lines.size() && j <= c.line + kBlockLines; ++j) {
      if (lines[j].blank || candidate_line[j] || lines[j].header) break;
      if (!lines[j].quoted) own[k].push_back(util::trim(lines[j].text));
      owned[j] = true;
    }
  }
  // Code-bearing passages that belong to no recipient ("The error that the other server returned was: ...").
  std::vector<std::vector<std::string_view>> shared;
  for (std::size_t j = first; j < lines.size(); ++j) {
    if (owned[j] || lines[j].blank || lines[j].quoted || !carries_code(lines[j].text)) continue;
    std::vector<std::string_view> passage;
    for (; j < lines.size() && passage.size() < kBlockLines && !owned[j] && !lines[j].blank; ++j)
      passage.push_back(util::trim(lines[j].text));
    shared.push_back(std::move(passage));
  }
  // Without a code anywhere, the paragraph a notice introduces as the cause ("This error message may
  // give you a hint about what caused the failure:", masqmail tpl/failmsg.tpl and warnmsg.tpl; "The
  // reason was:") is the explanation every listed recipient shares.
  for (std::size_t j = first; shared.empty() && j + 1 < lines.size(); ++j) {
    if (owned[j] || lines[j].blank || lines[j].quoted || candidate_line[j]) continue;
    std::string_view t = util::trim(lines[j].text);
    // The sentence may be wrapped: its line, or the one before it in the same paragraph.
    bool cause = contains_any<kCauseWords>(lines[j].lower) ||
                 (j > 0 && !lines[j - 1].blank && contains_any<kCauseWords>(lines[j - 1].lower));
    if (!t.ends_with(':') || !cause) continue;
    std::size_t k = j + 1;
    while (k < lines.size() && lines[k].blank) ++k;
    std::vector<std::string_view> passage;
    for (; k < lines.size() && passage.size() < kBlockLines && !lines[k].blank && !owned[k] &&
           !candidate_line[k] && !lines[k].header && !lines[k].quoted;
         ++k)
      passage.push_back(util::trim(lines[k].text));
    drop_trailing_separators(passage);
    if (!passage.empty()) shared.push_back(std::move(passage));
  }

  auto has_code = [](const std::vector<std::string_view>& passage) {
    for (std::string_view line : passage)
      if (carries_code(line)) return true;
    return false;
  };
  // Whether each recipient's own passage carries a code: asked once per passage (recipients named
  // on one line share it), as a line of 17,000 addresses read once per recipient took 2.7 s.
  std::vector<bool> own_code(candidates.size());
  std::size_t without_code = 0;
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    own_code[k] = k > 0 && candidates[k - 1].line == candidates[k].line ? own_code[k - 1] : has_code(own[k]);
    without_code += !own_code[k];
  }

  // Delay warnings say so (in the subject or anywhere in the notice), and never that the failure is final.
  // The matchers ignore ASCII case: the subject is searched as it is; the notice's lines were
  // searched for these tables as they were read (line_phrases).
  const std::string subject = mime::decode_header(ctx.message.root.value("Subject"));
  std::uint32_t in_text = 0;
  for (const Line& l : lines) in_text |= l.phrases;
  auto said = [&]<const auto& Phrases>(LinePhrase table) {
    return (in_text & (1u << table)) != 0 || contains_any<Phrases>(subject);
  };
  bool delayed = (said.template operator()<kDelayPhrases>(kDelay) || util::starts_with_ci(subject, "delayed")) &&
                 !said.template operator()<kPermanentPhrases>(kPermanent) &&
                 (!said.template operator()<kFatalPhrases>(kFatal) || said.template operator()<kWarningPhrases>(kWarning));

  std::vector<Record> records;
  PreparedPassages prepared;
  std::size_t next_shared = 0;
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    std::vector<std::string_view> passage = own[k];
    const Line& named_on = lines[candidates[k].line];
    // Named inside the failure sentence, with nothing more: "There was an error delivering your mail to <a@b>."
    // (The passage is then that very line: compared by position, not byte by byte.)
    const std::string_view sentence = util::trim(named_on.text);
    bool only_the_sentence = passage.size() == 1 && named_on.failure && passage[0].data() == sentence.data() &&
                             passage[0].size() == sentence.size();
    if (!own_code[k] && !shared.empty()) {
      // One shared passage per recipient when the counts agree, else the first one for all.
      passage = shared.size() == without_code ? shared[next_shared++] : shared.front();
    } else if (passage.empty() || (only_the_sentence && !own_code[k])) {
      // Nothing (more) on its own lines: the next paragraph, if it names no other
      // recipient, and the one after it if the first only introduces it ("For the following reason:").
      std::vector<std::string_view> next;
      std::size_t j = candidates[k].line + 1;
      for (int paragraph = 0; paragraph < 2; ++paragraph) {
        while (j < lines.size() && lines[j].blank) ++j;
        for (; j < lines.size() && !lines[j].blank && !candidate_line[j] && !lines[j].header &&
               next.size() < kBlockLines;
             ++j)
          if (!lines[j].quoted) next.push_back(util::trim(lines[j].text));
        drop_leading_banners(next);
        if (next.empty() || !next.back().ends_with(':') || (j < lines.size() && candidate_line[j])) break;
      }
      passage.insert(passage.end(), next.begin(), next.end());
    }
    drop_leading_banners(passage);
    drop_trailing_separators(passage);
    if (passage.empty()) passage = paragraph_at(lines, first, candidate_line);
    PreparedPassages::Entry& p = prepared.of(passage);
    Record r = text_record(candidates[k].address, without_diagnostic_labels(p.diagnostic));
    if (r.reply_code.empty()) {
      if (!p.reply_code) p.reply_code = reply_code_in(passage);
      r.reply_code = *p.reply_code;
    }
    if (delayed) r.action = "delayed";
    records.push_back(std::move(r));
  }
  add_transcript_records(lines, ex, records);
  if (delayed)
    for (Record& r : records) r.action = "delayed";
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
