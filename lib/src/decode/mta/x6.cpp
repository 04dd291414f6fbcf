// X6 (Sisimai's name for an unidentified MTA):
//
//   We had trouble delivering your message. Full details follow:
//
//   Subject: '...'
//   Date: '...'
//
//   1 error(s):
//
//   SMTP Server <mx.example.org> rejected recipient <user@example.org> (Error following RCPT command).
//   It responded as follows: [550 5.1.1 User unknown]
//
//   The attachment contains the original mail headers. ...
//
// One paragraph per error; the remote reply in square brackets.
#include <array>

#include "decode/mta/exim.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kOpening = "We had trouble delivering your message. Full details follow:";
constexpr std::string_view kErrorsLine = "error(s):";
constexpr std::array<std::string_view, 1> kEndMarkers{"The attachment contains the original mail headers"};

struct Command {
  std::string_view phrase;
  std::string_view command;
};
constexpr std::array<Command, 4> kCommands{{
    {"following rcpt command", "RCPT"},
    {"following mail command", "MAIL"},
    {"following data command", "DATA"},
    {"message (data)", "DATA"},
}};

}  // namespace

bool detect_x6(const Context& ctx) { return from_daemon(ctx, "mailer-daemon") && body_has(ctx, {kOpening}); }

std::optional<Result> decode_x6(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::string_view text = cut_at_marker(notice, kEndMarkers);
  std::size_t at = util::find_ci(text, kErrorsLine);
  if (at == std::string_view::npos) return std::nullopt;
  text = text.substr(at + kErrorsLine.size());
  std::vector<Record> records;
  // Paragraphs: one error each.
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find("\n\n", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string paragraph = util::collapse_space(text.substr(pos, end - pos));
    pos = end + 2;
    if (paragraph.empty()) continue;
    std::string lower = util::to_lower(paragraph);
    std::string_view reply;
    if (std::size_t open = paragraph.rfind('['); open != std::string::npos)
      reply = std::string_view(paragraph).substr(open + 1, paragraph.find(']', open) - open - 1);
    for (const std::string& recipient : addresses_in(paragraph)) {
      if (!room_for_record(ctx, records)) continue;  // the records-per-message limit (docs/limits.md)
      Record r = text_record(recipient, paragraph);
      set_remote_reply(r, reply);
      for (const Command& c : kCommands)
        if (r.smtp_command.empty() && lower.find(c.phrase) != std::string::npos) r.smtp_command = std::string(c.command);
      records.push_back(std::move(r));
    }
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
