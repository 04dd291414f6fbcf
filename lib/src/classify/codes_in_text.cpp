// Reply and status codes stated inside a diagnostic text (codes_in_text.hpp).
#include "classify/codes_in_text.hpp"

#include <algorithm>
#include <string>

#include "util/strings.hpp"

namespace bouncekit::classify {
namespace {

bool is_reply_code_at(std::string_view s, std::size_t i) {
  if (i + 3 > s.size()) return false;
  if (s[i] < '1' || s[i] > '5' || !util::is_digit(s[i + 1]) || !util::is_digit(s[i + 2])) return false;
  if (i > 0 && !util::is_space(s[i - 1])) return false;
  return i + 3 == s.size() || util::is_space(s[i + 3]) || s[i + 3] == '-';
}

// How MTAs name, in the text of a bounce, the command a reply answered. Sources: Postfix smtp(8)
// (smtp_proto.c appends "(in reply to RCPT TO command)", "(in reply to end of DATA command)");
// Postfix smtpd(8) (smtpd_check.c names the restriction that refused: "Recipient address rejected"
// is a reply to RCPT TO); Exim (transports/smtp.c: "SMTP error from remote mail server after RCPT
// TO:<...>", "after end of data", "after MAIL FROM:"); notqmail qmail-remote.c ("does not like
// recipient.", "does not like sender.", "failed after I sent the message."); Sendmail's transcript
// of the session (usersmtp.c echoes each command as ">>> RCPT To:<...>"); Yahoo's and Mimecast's
// replies end with the command in brackets ("... [RCPT_TO]").
struct CommandMarker {
  std::string_view words;
  std::string_view command;
};
constexpr CommandMarker kCommandMarkers[] = {
    {"in reply to rcpt to command", "RCPT"},
    {"in reply to end of data command", "DATA"},
    {"in reply to data command", "DATA"},
    {"in reply to mail from command", "MAIL"},
    {"recipient address rejected", "RCPT"},
    {"after rcpt to:", "RCPT"},
    {"after pipelined rcpt to:", "RCPT"},
    {"after end of data", "DATA"},
    {"after mail from:", "MAIL"},
    {"after pipelined mail from:", "MAIL"},
    {"does not like recipient", "RCPT"},
    {"does not like sender", "MAIL"},
    {"failed after i sent the message", "DATA"},
    // qmail-remote builds that try every MX name the last command that got a reply: "no SMTP
    // connection got far enough; most progress was RCPT TO response".
    {"rcpt to response", "RCPT"},
    {">>> rcpt to:", "RCPT"},
    {"[rcpt_to]", "RCPT"},  // Yahoo/AOL and Mimecast tag the reply with the command it answered
    {">>> data", "DATA"},
    {">>> mail from:", "MAIL"},
};
constexpr bool markers_lower_case() {
  for (const CommandMarker& m : kCommandMarkers)
    for (char c : m.words)
      if (c >= 'A' && c <= 'Z') return false;
  return true;
}
static_assert(markers_lower_case(), "command_in_text searches lower-cased text: markers are lower-case");
// The markers are looked for in the first 16 KB only: a bounded cost on a hostile text.
constexpr std::size_t kCommandScanBytes = 16 * 1024;

// "550 <x@y>... User unknown", "550 5.1.1 <x@y>: Recipient address rejected": a reply that begins by
// naming the recipient is the answer to that recipient's RCPT TO (RFC 5321 4.2: the reply to a
// command about one address; Sendmail and Postfix put the address first).
bool leads_with_recipient(std::string_view s, std::string_view recipient) {
  if (recipient.empty()) return false;
  std::size_t i = 0;
  auto skip_space = [&] { while (i < s.size() && util::is_space(s[i])) ++i; };
  skip_space();
  // "550 <x@y>...", and "550: <x@y>: User unknown" (a reply code the notice wrote with a colon).
  if (is_reply_code_at(s, i) || (is_reply_code_at(s.substr(0, i + 3), i) && i + 3 < s.size() && s[i + 3] == ':')) {
    i += 3;
    if (i < s.size() && (s[i] == '-' || s[i] == ':')) ++i;
    skip_space();
  }
  std::string status = status_in_text(s.substr(i, 12));
  if (!status.empty() && s.substr(i, status.size()) == status) {
    i += status.size();
    skip_space();
  }
  if (i >= s.size() || s[i] != '<') return false;
  ++i;
  if (s.size() - i < recipient.size() + 2 || !util::iequals(s.substr(i, recipient.size()), recipient)) return false;
  i += recipient.size();
  if (s[i] != '>') return false;
  ++i;
  return s.substr(i, 3) == "..." || s[i] == ':';
}

}  // namespace

std::string command_in_text(std::string_view text, std::string_view recipient, bool* by_shape) {
  bool shape = leads_with_recipient(text, recipient);
  if (shape && !by_shape) return "RCPT";
  // The markers are lower-case: the text is lower-cased once (ASCII, byte for byte, so positions
  // are those of the text) and searched with plain finds, instead of one case-folding search per
  // marker. Once a marker is found, the next ones are looked for only where they could start
  // earlier (the earliest wins; on a tie, the first in the table).
  std::string lowered(std::min(text.size(), kCommandScanBytes), '\0');
  util::to_lower(text.substr(0, lowered.size()), lowered.data());
  const std::string_view s = lowered;
  std::size_t best = std::string_view::npos;
  std::string_view command;
  for (const CommandMarker& m : kCommandMarkers) {
    std::string_view scope = best == std::string_view::npos ? s : s.substr(0, best + m.words.size() - 1);
    std::size_t at = scope.find(m.words);
    if (at < best) {
      best = at;
      command = m.command;
    }
  }
  // Only the reply's shape says RCPT when no marker words say it too.
  if (by_shape) *by_shape = shape && command != "RCPT";
  return shape ? std::string("RCPT") : std::string(command);
}

// The first three-digit reply code standing as a word (or "550-" continuation)
// in the text.
std::string reply_code_in_text(std::string_view s) {
  for (std::size_t i = 0; i + 3 <= s.size(); ++i)
    if (is_reply_code_at(s, i)) return std::string(s.substr(i, 3));
  return {};
}

// The first enhanced status code (2/4/5 . 1-3 digits . 1-3 digits) standing as
// a word in the text.
std::string status_in_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((s[i] != '2' && s[i] != '4' && s[i] != '5') || (i > 0 && (util::is_digit(s[i - 1]) || s[i - 1] == '.')))
      continue;
    std::size_t j = i + 1;
    auto digits = [&](std::size_t& k) {
      std::size_t start = k;
      while (k < s.size() && util::is_digit(s[k]) && k - start < 3) ++k;
      return k > start;
    };
    if (j >= s.size() || s[j] != '.') continue;
    ++j;
    if (!digits(j) || j >= s.size() || s[j] != '.') continue;
    ++j;
    if (!digits(j)) continue;
    if (j < s.size() && (util::is_digit(s[j]) || s[j] == '.')) continue;
    return std::string(s.substr(i, j - i));
  }
  return {};
}

}  // namespace bouncekit::classify
