// 1&1 (IONOS, "kundenserver"): an Exim-like notice with addresses at the
// left margin and, in one variant, the reason in a paragraph of its own:
//
//   The following address failed:
//
//   user@example.org
//
//   For the following reason:
//
//   Mail size limit exceeded. For explanation visit ...
//
// or the remote reply under the address ("SMTP error from remote server for
// TEXT command, host: mx.example.org (192.0.2.1) reason: 550 5.2.0 ...").
#include <array>

#include "decode/mta/exim.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::array<HeaderMark, 3> kHeaders{{
    {"From", "@kundenserver."},
    {"X-UI-Out-Filterresults", ""},
    {"Received", ".kundenserver."},
}};

constexpr std::array<std::string_view, 2> kBodyMarkers{"--- The header of the original message is following. ---",
                                                       "For the following reason:"};

constexpr std::array<std::string_view, 1> kCopyMarkers{"--- The header of the original message"};

constexpr std::string_view kReasonOpening = "For the following reason:";

// "... for TEXT command": 1&1's names of the SMTP stage that failed.
struct Command {
  std::string_view phrase;
  std::string_view command;
};
constexpr std::array<Command, 4> kCommands{{
    {"for text command", "DATA"},
    {"for data command", "DATA"},
    {"for rcpt command", "RCPT"},
    {"for mail command", "MAIL"},
}};

// 1&1's own fixed messages.
constexpr std::array<Phrase<vocabulary::Reason>, 1> kFixedMessages{{
    {"mail size limit exceeded", vocabulary::Reason::mesgtoobig},
}};

// "host: mx.example.org (192.0.2.1)" -> "mx.example.org".
std::string host_after_colon(std::string_view diagnostic) {
  std::size_t at = util::find_ci(diagnostic, "host: ");
  if (at == std::string_view::npos) return {};
  std::string_view name = diagnostic.substr(at + 6);
  return util::to_lower(name.substr(0, name.find_first_of(" ([,")));
}

}  // namespace

bool detect_einsundeins(const Context& ctx) {
  return from_daemon(ctx) && has_header_mark(ctx, kHeaders) && body_has(ctx, kBodyMarkers);
}

std::optional<Result> decode_einsundeins(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::string_view text = cut_at_marker(notice, kCopyMarkers);
  std::vector<Record> records = exim_address_list(ctx, text, {"following address failed"});
  // The reason paragraph, when there is one, explains every address.
  std::string reason;
  if (std::size_t at = util::find_ci(text, kReasonOpening); at != std::string_view::npos)
    reason = util::collapse_space(text.substr(at + kReasonOpening.size()));
  for (Record& r : records) {
    if (r.diagnostic.empty() && !reason.empty()) r.diagnostic = reason;
    std::string lower = util::to_lower(r.diagnostic);
    for (const Command& c : kCommands)
      if (r.smtp_command.empty() && lower.find(c.phrase) != std::string::npos) r.smtp_command = std::string(c.command);
    if (auto why = first_phrase(r.diagnostic, kFixedMessages)) r.hint = why;
    if (r.remote_mta.empty()) r.remote_mta = host_after_colon(r.diagnostic);
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
