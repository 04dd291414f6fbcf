// DragonFly Mail Agent (dma): one plain-text notice per failed recipient.
//
//   This is the DragonFly Mail Agent v0.13 at host.example.
//
//   There was an error delivering your mail to <user@example.org>.
//
//   mx.example.org [192.0.2.1] did not like our RCPT TO:
//   550 5.1.1 <user@example.org>: Recipient address rejected
//
//   Original message follows.            (or "Message headers follow.")
#include <array>
#include <string>
#include <string_view>

#include "decode/mta/unix.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kGreeting = "This is the DragonFly Mail Agent";
constexpr std::string_view kRecipientLine = "There was an error delivering your mail to";
// Where dma's notice ends and the returned message (or its header) begins.
constexpr std::string_view kCopyMarkers[] = {"Original message follows.", "Message headers follow."};
// dma's line before the remote server's reply: "<host> [<ip>] did not like our <command>:".
constexpr std::string_view kRemoteRefused = " did not like our ";

// dma's own messages (not a remote server's words) that always mean one reason.
constexpr std::array<Phrase<vocabulary::Reason>, 2> kOwnMessages{{
    {"Could not deliver for the last", vocabulary::Reason::expired},  // the queue lifetime ran out
    {"DNS lookup failure: host", vocabulary::Reason::hostunknown},    // permanent: the domain has no MX and no address
}};

// The command named after "did not like our" (the first match wins).
struct Command {
  std::string_view words;
  std::string_view command;
};
constexpr std::array<Command, 8> kCommands{{
    {"rcpt to", "RCPT"},
    {"mail from", "MAIL"},
    {"final data", "DATA"},
    {"data", "DATA"},
    {"ehlo", "EHLO"},
    {"helo", "HELO"},
    {"starttls", "STARTTLS"},
    {"auth", "AUTH"},
}};

std::string command_named(std::string_view words) {
  for (const Command& c : kCommands)
    if (util::starts_with_ci(words, c.words)) return std::string(c.command);
  return {};
}

}  // namespace

bool detect_dragonfly(const Context& ctx) {
  if (body_has(ctx, {kGreeting})) return true;
  // A notice whose greeting was lost: dma's Received line and its fixed sentence.
  return from_daemon(ctx) && header_has(ctx, "Received", "DragonFly Mail Agent") &&
         body_has(ctx, {kRecipientLine});
}

std::optional<Result> decode_dragonfly(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::string_view text = cut_at_marker(notice, {kCopyMarkers[0], kCopyMarkers[1]});
  std::size_t at = find_line_starting(text, {kRecipientLine});
  if (at == std::string_view::npos) return std::nullopt;
  text.remove_prefix(at);

  // The address ends the sentence; a re-wrapped notice may have pushed it to the next line.
  std::size_t eol = text.find('\n');
  std::string_view sentence = text.substr(0, eol);
  std::string_view rest = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
  auto found = addresses_in(sentence);
  if (found.empty()) {
    std::size_t next = rest.find('\n');
    found = addresses_in(rest.substr(0, next));
    rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
  }
  if (found.empty()) return std::nullopt;

  // What dma says about the failure, then (after "did not like our ...:") the server's reply.
  std::string_view detail = util::trim(rest);
  std::string remote_mta;
  std::string command;
  std::size_t refused = detail.find(kRemoteRefused);
  std::size_t refused_eol = detail.find('\n');
  if (refused != std::string_view::npos && refused < refused_eol) {
    std::string_view intro = detail.substr(0, refused_eol);
    remote_mta = util::to_lower(intro.substr(0, intro.find_first_of(" \t")));
    command = command_named(intro.substr(refused + kRemoteRefused.size()));
    // A truncated notice may end before the reply: then the intro is all there is.
    if (refused_eol != std::string_view::npos && !util::trim(detail.substr(refused_eol + 1)).empty())
      detail = util::trim(detail.substr(refused_eol + 1));
  }

  Record r = text_record(found.front(), detail);
  if (!remote_mta.empty()) r.remote_mta = remote_mta;
  if (!command.empty()) r.smtp_command = command;
  if (r.reply_code.empty()) r.hint = first_phrase(r.diagnostic, kOwnMessages);
  std::vector<Record> records;
  records.push_back(std::move(r));
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
