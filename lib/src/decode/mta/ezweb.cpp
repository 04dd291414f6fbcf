// au by KDDI's EZweb mail (ezweb.ne.jp): "Mail System Error - Returned Mail"
// from Postmaster@ezweb.ne.jp, a Japanese notice followed by English lines.
// Three layouts: a fixed sentence and the bare address
//
//   The user(s) account is disabled.
//
//   <user@ezweb.ne.jp>
//
// a session excerpt per recipient
//
//   Each of the following recipients was rejected by a remote
//   mail server.
//
//       Recipient: <user@example.org>
//       >>> RCPT TO:<user@example.org>
//       <<< 550 <user@example.org>: User unknown
//
// and, from newer systems, a standard DSN with the same text in front.
#include <array>

#include "decode/mta/exim.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"
#include "decode/smtp_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::array<HeaderMark, 4> kHeaders{{
    {"From", "@ezweb.ne.jp"},
    {"Reply-To", "postmaster@ezweb.ne.jp"},
    {"Received", "(EZweb Mail)"},
    {"Message-Id", "ezweb.ne.jp>"},
}};

constexpr std::array<std::string_view, 1> kSubjects{"Mail System Error - Returned Mail"};

// EZweb's own fixed sentences, and what they mean.
constexpr std::array<Phrase<vocabulary::Reason>, 5> kFixedMessages{{
    {"the user(s) account is disabled", vocabulary::Reason::suspend},
    {"the user(s) account is temporarily limited", vocabulary::Reason::suspend},
    {"the user(s) account is temporarily over quota", vocabulary::Reason::mailboxfull},
    {"your message was not delivered within", vocabulary::Reason::expired},
    {"remote host is not responding", vocabulary::Reason::expired},
}};

std::optional<vocabulary::Reason> fixed_reason(std::string_view text) {
  return first_phrase(text, kFixedMessages);
}

bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// A line that is only an address in angle brackets.
bool is_bare_address(std::string_view line) {
  return line.size() > 2 && line.front() == '<' && line.back() == '>' && line.find(' ') == std::string_view::npos &&
         !addresses_in(line).empty();
}

std::vector<Record> text_records(const Context& ctx, std::string_view notice) {
  std::vector<Record> records;
  // The records-per-message limit (docs/limits.md): a recipient beyond it is counted, and the
  // transcript lines after it are no one's.
  bool beyond = false;
  auto add = [&](std::string_view recipient, std::string_view diagnostic) {
    beyond = !room_for_record(ctx, records);
    if (!beyond) records.push_back(text_record(recipient, diagnostic));
  };
  std::string preamble;  // the English sentences before the first address
  for (std::string_view line : split_lines(notice)) {
    std::string_view text = util::trim(line);
    if (util::starts_with_ci(text, "Recipient:")) {
      auto found = addresses_in(text);
      if (!found.empty()) add(found.front(), "");
    } else if (text.starts_with(">>>") && !records.empty() && !beyond) {
      records.back().smtp_command = find_smtp_command(text);
    } else if (text.starts_with("<<<") && !records.empty() && !beyond) {
      Record& r = records.back();
      std::string command = r.smtp_command;
      r = text_record(r.recipient, util::trim(text.substr(3)));
      if (r.smtp_command.empty()) r.smtp_command = command;
    } else if (is_bare_address(text)) {
      add(addresses_in(text).front(), preamble);
    } else if (records.empty() && !text.empty() && is_ascii(text)) {
      if (!preamble.empty()) preamble.push_back(' ');
      preamble.append(text);
    }
  }
  return records;
}

}  // namespace

bool detect_ezweb(const Context& ctx) {
  return from_daemon(ctx) && has_header_mark(ctx, kHeaders) &&
         (subject_has(ctx, kSubjects) || ctx.message.root.content_type.is("multipart/report"));
}

std::optional<Result> decode_ezweb(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::optional<vocabulary::Reason> reason = fixed_reason(notice);
  std::optional<Result> result;
  if (ctx.message.root.content_type.is("multipart/report")) result = decode_rfc3464(ctx);
  if (!result) result = bounce_result(text_records(ctx, notice));
  if (result)
    for (Record& r : result->records)
      if (!r.hint && r.action != "delivered") r.hint = reason;
  return result;
}

}  // namespace bouncekit::decode
