// Yahoo's "Failure Notice": one block per recipient, "<address>:" on a line of
// its own, then the remote server's reply (after "Remote host said:", or as
// "550: 5.2.2 ..."), sometimes followed by the command in brackets ("[RCPT_TO]").
//
//   Sorry, we were unable to deliver your message to the following address.
//
//   <someone@example.org>:
//   Remote host said: 550 5.1.1 <someone@example.org>... User unknown [RCPT_TO]
//
//   --- Below this line is a copy of the message.
#include <array>
#include <string>
#include <string_view>

#include "decode/mta/providers.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kLead = "Sorry, we were unable to deliver your message";
constexpr std::string_view kCopyMarker = "--- Below this line is a copy of the message";

struct Command {
  std::string_view tag;
  std::string_view command;
};

// Yahoo names the refused command in brackets after the reply.
constexpr std::array<Command, 4> kCommandTags{{
    {"[RCPT_TO]", "RCPT"},
    {"[MAIL_FROM]", "MAIL"},
    {"[DATA]", "DATA"},
    {"[CONNECT]", "CONN"},
}};

// "<someone@example.org>:" alone on its line.
bool is_recipient_line(std::string_view line) {
  return line.size() > 4 && line.front() == '<' && line.ends_with(">:") && line.find(' ') == std::string_view::npos;
}

// "550: 5.2.2 ..." (Yahoo puts a colon after the reply code, where SMTP has a blank).
// Yahoo's and AOL's servers end their replies with their own name ("... [0] -
// mta4011.mail.gq1.yahoo.com"): the host that refused, when the notice names no other.
std::string signing_host(std::string_view diagnostic) {
  std::size_t dash = diagnostic.rfind(" - ");
  if (dash == std::string_view::npos) return {};
  std::string_view host = util::trim(diagnostic.substr(dash + 3));
  if (host.empty() || host.find('.') == std::string_view::npos || host.size() > 253) return {};
  for (char c : host)
    if (!util::is_alpha(c) && !util::is_digit(c) && c != '.' && c != '-') return {};
  return util::to_lower(host);
}

std::string colon_reply_code(std::string_view diagnostic) {
  if (diagnostic.size() < 4 || diagnostic[3] != ':' || (diagnostic[0] != '4' && diagnostic[0] != '5')) return {};
  if (!util::is_digit(diagnostic[1]) || !util::is_digit(diagnostic[2])) return {};
  return std::string(diagnostic.substr(0, 3));
}

// "<user@example.org>:" alone on its line opens a recipient (as written: text_record cleans it);
// every later non-blank line up to the next one is the diagnostic.
std::string recipient_opening(std::string_view line, std::string_view& rest) {
  line = util::trim(line);
  if (!is_recipient_line(line)) return {};
  rest = {};
  return std::string(line.substr(1, line.size() - 3));
}

constexpr ParagraphFormat kParagraphs{.opening = recipient_opening,
                                      .rest_in_diagnostic = false,
                                      .blank = ParagraphFormat::Blank::skipped};

}  // namespace

bool detect_yahoo(const Context& ctx) {
  return subject_has(ctx, {"Failure Notice"}) && body_has(ctx, {kLead});
}

std::optional<Result> decode_yahoo(const Context& ctx) {
  std::string text = notice_text(ctx);
  std::string_view notice = cut_at_marker(text, {kCopyMarker});
  std::size_t lead = find_line_starting(notice, {kLead});
  if (lead == std::string_view::npos) return std::nullopt;

  std::vector<Record> records;
  RecipientParagraphs paragraphs(notice.substr(lead), kParagraphs, ctx.options.max_records, ctx.records_left_out);
  while (std::optional<Paragraph> p = paragraphs.next()) {
    std::string_view diagnostic = p->diagnostic;
    constexpr std::string_view kSaid = "Remote host said:";
    if (util::starts_with_ci(diagnostic, kSaid)) diagnostic = util::trim(diagnostic.substr(kSaid.size()));
    Record r = text_record(p->address, diagnostic);
    if (r.reply_code.empty()) r.reply_code = colon_reply_code(r.diagnostic);
    if (r.remote_mta.empty()) r.remote_mta = signing_host(r.diagnostic);
    for (const auto& [tag, command] : kCommandTags)
      if (r.smtp_command.empty() && util::contains_ci(r.diagnostic, tag)) r.smtp_command = std::string(command);
    if (!r.recipient.empty()) records.push_back(std::move(r));
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
