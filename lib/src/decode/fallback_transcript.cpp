// SMTP session transcripts in notices. Sources for the layouts: Sendmail's
// ">>> RCPT TO:<a@b>" / "<<< 550 ..." (sendmail/usersmtp.c), Postfix's smtpd
// "In:" / "Out:" lines of its "Transcript of session follows"
// (src/smtpd/smtpd_chat.c), RFC 5321 appendix D's "C:" / "S:", MDaemon's
// time-stamped "-->" / "<--" session logs; the replies are RFC 5321 section 4.2's.
#include "decode/fallback_transcript.hpp"

#include <array>

#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode::transcript {
namespace {

// Arrows in front of what each side said, lower-case, the longer first. Where the line says who
// spoke ("Sent <<< RCPT TO:<a@b>", "Received >>> 550 ..."), the word decides, whatever the arrow.
constexpr std::array<std::string_view, 7> kCommandArrows{"sent >>>", "sent <<<", ">>>", "-->", "in:", "c:",
                                                         "client:"};
constexpr std::array<std::string_view, 7> kReplyArrows{"received >>>", "received <<<", "<<<", "<--", "out:", "s:",
                                                       "server:"};
// A time stamp may come before the arrow ("Mon 2025-06-02 10:00:01.900: --> RCPT To:<a@b>"),
// within this many bytes of the line's start.
constexpr std::size_t kStampWidth = 48;
// The commands of RFC 5321 section 4.1 and the extensions a transcript shows (RFC 3207 STARTTLS,
// RFC 4954 AUTH, RFC 3030 BDAT), and the "." that ends DATA.
constexpr std::array<std::string_view, 15> kSmtpVerbs{"rcpt", "mail", "data", "bdat", "ehlo", "helo", "lhlo",
                                                      "quit", "rset", "noop", "vrfy", "expn", "starttls", "auth",
                                                      "."};
// Lines of one multi-line reply ("550-...", "550 ...") joined into its diagnostic.
constexpr std::size_t kMaxReplyLines = 8;
// Lines of a folded command joined ("In:  RCPT" / "    TO:<a@b> ORCPT=...").
constexpr std::size_t kMaxCommandLines = 2;

std::string_view trim_left(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && util::is_wsp(s[i])) ++i;
  return s.substr(i);
}

// A three-digit reply at the start of `s` ("250 ok", "550-5.1.1 ..."); 0 if none.
int reply_at(std::string_view s) {
  if (s.size() < 3 || !util::is_digit(s[0]) || !util::is_digit(s[1]) || !util::is_digit(s[2])) return 0;
  if (s.size() > 3 && s[3] != ' ' && s[3] != '-' && s[3] != '\t') return 0;
  return (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
}

}  // namespace

Said side_of(std::string_view line) {
  std::string_view s = trim_left(line);
  // A time stamp before the arrow: "<stamp>: --> ", "<stamp>: <-- ".
  std::string_view head = s.substr(0, kStampWidth);
  for (std::string_view stamped : {": --> ", ": <-- "})
    if (std::size_t at = head.find(stamped); at != std::string_view::npos && at > 0 && util::is_digit(s[at - 1])) {
      s = s.substr(at + 2);
      break;
    }
  // ">>> a@b" is a list item, not a command: the verb or the code decides.
  for (std::string_view arrow : kCommandArrows)
    if (util::starts_with_ci(s, arrow)) {
      std::string_view said = trim_left(s.substr(arrow.size()));
      for (std::string_view verb : kSmtpVerbs)
        if (util::starts_with_ci(said, verb) &&
            (said.size() == verb.size() || said[verb.size()] == ' ' || said[verb.size()] == ':'))
          return {Side::client, said};
      break;
    }
  for (std::string_view arrow : kReplyArrows)
    if (util::starts_with_ci(s, arrow)) {
      std::string_view said = trim_left(s.substr(arrow.size()));
      if (reply_at(said) != 0) return {Side::server, said};
      break;
    }
  return {Side::none, s};
}

std::vector<Failed> read_failures(std::span<const Line> lines, std::size_t max) {
  enum class Awaiting { none, rcpt, data, data_end } awaiting = Awaiting::none;
  struct Rcpt {
    std::string address;
    bool accepted = false;
    Failed failure;  // address empty while it has not failed
  };
  std::vector<Rcpt> rcpts;  // in the order the client gave them: the order of the records
  std::size_t failures = 0;
  for (std::size_t i = 0; i < lines.size() && failures < max && rcpts.size() < lines.size(); ++i) {
    if (lines[i].skip) continue;
    Side side = lines[i].said.side;
    std::string_view rest = lines[i].said.rest;
    if (side == Side::client) {
      awaiting = Awaiting::none;
      // A command folded over lines: its unmarked, indented continuation lines.
      std::string command(util::trim(rest));
      for (std::size_t k = i + 1; k < lines.size() && k <= i + kMaxCommandLines && !lines[k].skip &&
                                  lines[k].said.side == Side::none && lines[k].indented &&
                                  !lines[k].said.rest.empty();
           ++k)
        command.append(" ").append(util::trim(lines[k].text));
      if (util::starts_with_ci(command, "rcpt to:")) {
        // "RCPT TO:<a@b> ORCPT=rfc822;c@d": the first address is the one the client gave.
        std::vector<std::string> addresses = addresses_in(std::string_view(command).substr(8));
        if (!addresses.empty()) {
          rcpts.push_back({std::move(addresses.front()), false, {}});
          awaiting = Awaiting::rcpt;
        }
      } else if (util::starts_with_ci(command, "data") || util::starts_with_ci(command, "bdat")) {
        awaiting = Awaiting::data;
      }
      continue;
    }
    int code = reply_at(rest);
    if (code == 0 || (side == Side::none && awaiting == Awaiting::none)) continue;
    // The whole reply: "550-first line" ... "550 last line".
    std::string reply(util::trim(rest));
    std::size_t j = i;
    while (rest.size() > 3 && rest[3] == '-' && j + 1 < lines.size() && j - i < kMaxReplyLines) {
      const Said& next = lines[j + 1].said;
      rest = next.rest;
      if (next.side == Side::client || reply_at(rest) != code) break;
      reply += ' ';
      reply += util::trim(rest);
      ++j;
    }
    i = j;
    bool refused = code >= 400 && code < 600;
    switch (awaiting) {
      case Awaiting::rcpt:
        if (refused) {
          rcpts.back().failure = {rcpts.back().address, reply, "RCPT"};
          ++failures;
        } else if (code < 300) {
          rcpts.back().accepted = true;
        }
        break;
      case Awaiting::data:
      case Awaiting::data_end:
        if (code == 354 && awaiting == Awaiting::data) {
          awaiting = Awaiting::data_end;
          continue;
        }
        if (refused)
          for (Rcpt& r : rcpts)
            if (r.accepted && r.failure.address.empty()) {
              r.failure = {r.address, reply, "DATA"};
              r.accepted = false;
              ++failures;
            }
        break;
      case Awaiting::none: break;
    }
    awaiting = Awaiting::none;
  }
  std::vector<Failed> failed;
  for (Rcpt& r : rcpts)
    if (!r.failure.address.empty() && failed.size() < max) failed.push_back(std::move(r.failure));
  return failed;
}

}  // namespace bouncekit::decode::transcript
