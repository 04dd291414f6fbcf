#include "decode/smtp_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

using util::is_digit;

// Length of a run of digits starting at i, counted up to 5 (enough for any
// code; stopping there keeps scans of long digit runs linear).
std::size_t digits_at(std::string_view s, std::size_t i) {
  std::size_t n = 0;
  while (n < 5 && i + n < s.size() && is_digit(s[i + n])) ++n;
  return n;
}

// A reply code "[2-5]dd" at i, delimited so that it is not part of a longer number.
bool reply_code_at(std::string_view s, std::size_t i) {
  if (i + 3 > s.size() || digits_at(s, i) != 3) return false;
  if (s[i] < '2' || s[i] > '5') return false;
  if (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == '-' || std::isalpha(static_cast<unsigned char>(s[i - 1]))))
    return false;
  if (i + 3 == s.size()) return true;
  char next = s[i + 3];
  return next == ' ' || next == '-' || next == '\t' || next == ',' || next == ')' || next == ']';
}

struct CommandPhrase {
  std::string_view phrase;
  std::string_view command;
};

// Ordered: the first phrase found wins. Phrases used by Postfix, Sendmail,
// Exim and others to say which SMTP command the remote host refused.
constexpr std::array<CommandPhrase, 22> kCommandPhrases{{
    {"in reply to rcpt to command", "RCPT"},
    {"in reply to mail from command", "MAIL"},
    {"in reply to end of data command", "DATA"},
    {"in reply to data command", "DATA"},
    {"in reply to ehlo command", "EHLO"},
    {"in reply to helo command", "HELO"},
    {"in reply to starttls command", "STARTTLS"},
    {"in reply to auth command", "AUTH"},
    {"in reply to the initial greeting", "CONN"},
    {"while sending rcpt to", "RCPT"},
    {"while sending mail from", "MAIL"},
    {"while sending data", "DATA"},
    {"after rcpt to", "RCPT"},
    {"after mail from", "MAIL"},
    {"after end of data", "DATA"},
    {"after data", "DATA"},
    {"after initial connection", "CONN"},
    {">>> rcpt to", "RCPT"},
    {">>> mail from", "MAIL"},
    {">>> data", "DATA"},
    {">>> ehlo", "EHLO"},
    {">>> helo", "HELO"},
}};

// The phrases grouped by their first four bytes; a group's key is the longest prefix its
// phrases share ("in reply to "), its phrase indexes ascending.
struct PhraseLead {
  std::string_view key;
  std::vector<std::size_t> phrases;
};

const std::vector<PhraseLead>& phrase_leads() {
  static const std::vector<PhraseLead> leads = [] {
    std::vector<PhraseLead> out;
    for (std::size_t i = 0; i < kCommandPhrases.size(); ++i) {
      std::string_view phrase = kCommandPhrases[i].phrase;
      auto it = std::find_if(out.begin(), out.end(), [&](const PhraseLead& l) {
        return l.key.substr(0, 4) == phrase.substr(0, 4);
      });
      if (it == out.end()) {
        out.push_back(PhraseLead{phrase, {i}});
        continue;
      }
      std::size_t common = 0;
      while (common < it->key.size() && common < phrase.size() && it->key[common] == phrase[common]) ++common;
      it->key = it->key.substr(0, common);
      it->phrases.push_back(i);
    }
    return out;
  }();
  return leads;
}

}  // namespace

std::string find_status(std::string_view s) {
  for (std::size_t i = 0; i + 5 <= s.size(); ++i) {
    char c = s[i];
    if (c != '2' && c != '4' && c != '5') continue;
    // Not the tail of a number, an IP address or a version ("v5.2.1", "/4.0.0").
    if (i > 0 && (std::isalnum(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == '.' || s[i - 1] == '/' ||
                  s[i - 1] == '_'))
      continue;
    if (s[i + 1] != '.') continue;
    std::size_t a = digits_at(s, i + 2);
    if (a == 0 || a > 3 || i + 2 + a >= s.size() || s[i + 2 + a] != '.') continue;
    std::size_t b = digits_at(s, i + 3 + a);
    if (b == 0 || b > 3) continue;
    std::size_t end = i + 3 + a + b;
    if (end < s.size() && (is_digit(s[end]) || (s[end] == '.' && end + 1 < s.size() && is_digit(s[end + 1]))))
      continue;  // an IP address or a version number
    return std::string(s.substr(i, end - i));
  }
  return {};
}

namespace {

// Where the first "550 5.1.1"-style pair (a reply code, then a status of the same class) starts;
// npos if none.
// Is the reply code at s[i] quoted by a line of a multi-line reply, "550-Response: 550 5.1.1 ..."
// (Exim's sender-verification callout quotes the other server's answer this way): a reply line
// whose text is one label and a colon, then another server's reply. That status is not this reply's.
bool quoted_in_reply_line(std::string_view s, std::size_t i) {
  std::size_t k = i;
  while (k > 0 && s[k - 1] == ' ') --k;
  if (k == 0 || s[k - 1] != ':') return false;
  --k;
  std::size_t word_end = k;
  while (k > 0 && util::is_alpha(s[k - 1])) --k;
  if (k == word_end || k < 4) return false;
  return s[k - 1] == '-' && util::is_digit(s[k - 2]) && util::is_digit(s[k - 3]) && util::is_digit(s[k - 4]);
}

std::size_t remote_reply_at(std::string_view s) {
  for (std::size_t i = 0; i + 3 < s.size(); ++i) {
    if (s[i] < '2' || s[i] > '5' || !reply_code_at(s, i)) continue;  // the first test settles most bytes
    if (quoted_in_reply_line(s, i)) continue;
    std::size_t j = i + 3;
    while (j < s.size() && j < i + 6 && (s[j] == ' ' || s[j] == '-' || s[j] == '\'' || s[j] == '"' || s[j] == '#'))
      ++j;
    if (j >= s.size() || s[j] != s[i]) continue;
    std::string status = find_status(s.substr(j, 12));
    if (!status.empty() && s.compare(j, status.size(), status) == 0) return i;
  }
  return std::string_view::npos;
}

}  // namespace

std::string find_status_outside_quotes(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::string status = find_status(s.substr(pos));
    if (status.empty()) return {};
    std::size_t at = s.find(status, pos);
    if (at == std::string_view::npos) return status;
    // "550-Response: 550 5.1.1 ...": the status right after a quoted reply code.
    std::size_t code = at >= 4 ? at - 4 : std::string_view::npos;
    if (code == std::string_view::npos || !reply_code_at(s, code) || !quoted_in_reply_line(s, code)) return status;
    pos = at + status.size();
  }
  return {};
}

std::string find_remote_status(std::string_view s) {
  std::size_t i = remote_reply_at(s);
  if (i == std::string_view::npos) return {};
  std::size_t j = i + 3;
  while (j < s.size() && j < i + 6 && s[j] != s[i]) ++j;
  return find_status(s.substr(j, 12));
}

// Command names a diagnostic may begin with, longest first, before the reply they drew.
constexpr std::string_view kCommandLeads[] = {"mail+rcpt", "data closing", "data writing", "rcpt to",
                                              "mail from", "rcpt", "mail", "data"};

std::string find_reply_code(std::string_view text) {
  std::string_view s = util::trim(text);
  if (reply_code_at(s, 0)) {
    // "220-mx.example.org 421 4.2.1 Service refused": the server's greeting banner came first; the
    // refusal is the failure code that carries a status.
    if (s[0] == '2' || s[0] == '3')
      if (std::size_t i = remote_reply_at(s); i != std::string_view::npos && (s[i] == '4' || s[i] == '5'))
        return std::string(s.substr(i, 3));
    return std::string(s.substr(0, 3));
  }
  // "host mx.example.com[192.0.2.1] said: 550 ...", "... replied: 554 ..."
  for (std::string_view marker : {"said:", "said", "replied:", "reply:", "response:", "error:"}) {
    std::size_t at = util::find_ci(s, marker);
    if (at == std::string_view::npos) continue;
    std::size_t i = at + marker.size();
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '(' || s[i] == '"')) ++i;
    if (reply_code_at(s, i)) return std::string(s.substr(i, 3));
  }
  // "MAIL+RCPT 550 ...", "DATA closing 554 ...": the reply after the name of the command it
  // answered, as chasquid writes its delivery errors (internal/courier/smtp.go) and other MTAs
  // that log a step before the server's reply.
  for (std::string_view lead : kCommandLeads) {
    if (!util::starts_with_ci(s, lead)) continue;
    std::size_t i = lead.size();
    while (i < s.size() && (s[i] == ' ' || s[i] == ':')) ++i;
    if (i > lead.size() && reply_code_at(s, i)) return std::string(s.substr(i, 3));
  }
  return {};
}

std::string find_smtp_command(std::string_view text) {
  // Lower-case once; then, instead of one search per phrase, one search per group of
  // phrases with a common lead ("in reply to ", "while sending ", ...) and a prefix test of
  // the group's phrases where the lead occurs. The answer is the same: the first phrase of
  // the table that occurs anywhere.
  const std::string lower = util::to_lower(text);
  const std::string_view text_view(lower);
  std::size_t best = kCommandPhrases.size();
  for (const PhraseLead& lead : phrase_leads()) {
    if (lead.phrases.front() >= best) continue;  // none of its phrases could win
    for (std::size_t at = util::find_fast(text_view, lead.key); at != std::string_view::npos;) {
      std::string_view rest = text_view.substr(at);
      for (std::size_t i : lead.phrases)
        if (i < best && rest.starts_with(kCommandPhrases[i].phrase)) best = i;
      std::size_t next = util::find_fast(text_view.substr(at + 1), lead.key);
      at = next == std::string_view::npos ? next : at + 1 + next;
    }
  }
  return best < kCommandPhrases.size() ? std::string(kCommandPhrases[best].command) : std::string();
}

bool is_generic_status(std::string_view status) {
  return status.size() == 5 && status.substr(1) == ".0.0";
}

}  // namespace bouncekit::decode
