// SendGrid: RFC 3464 reports with SendGrid's own per-message fields
// (X-SendGrid-QueueID). The text part gives one line per recipient that ends
// with the SMTP command the remote server refused ("... User unknown in RCPT TO").
#include <array>
#include <string>
#include <string_view>

#include "decode/mta/providers.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kQueueField = "X-SendGrid-QueueID:";

struct Command {
  std::string_view suffix;
  std::string_view command;
};

constexpr std::array<Command, 3> kCommandSuffixes{{
    {" in RCPT TO", "RCPT"},
    {" in MAIL FROM", "MAIL"},
    {" in DATA", "DATA"},
}};

}  // namespace

bool detect_sendgrid(const Context& ctx) { return body_has(ctx, {kQueueField}) && detect_rfc3464(ctx); }

std::optional<Result> decode_sendgrid(const Context& ctx) {
  std::optional<Result> result = decode_rfc3464(ctx);
  if (!result) return result;
  std::string text = notice_text(ctx);
  for (Record& r : result->records) {
    if (!r.smtp_command.empty() || r.recipient.empty()) continue;
    for (std::string_view line : split_lines(text)) {
      if (!util::contains_ci(line, r.recipient)) continue;
      std::string_view trimmed = util::trim(line);
      for (const auto& [suffix, command] : kCommandSuffixes)
        if (r.smtp_command.empty() && trimmed.ends_with(suffix)) r.smtp_command = std::string(command);
    }
  }
  return result;
}

}  // namespace bouncekit::decode
