// m-FILTER (Digital Arts, a Japanese mail filter): plain text, Japanese
// prose, then sections under fixed "-------" headings:
//
//   (prose: sending to the addresses below failed)
//   user@example.jp
//
//   -------server message
//   550 unknown user <user@example.jp>
//
//   -------SMTP command
//   DATA
//
//   -------original message       (or "-------original mail info")
//
// The recipients are the lines before the first heading that hold an address
// and nothing else, so the decoder needs none of the Japanese wording.
#include <array>
#include <string_view>

#include "decode/mta/appliances.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kMailer = "m-FILTER";
constexpr std::string_view kReceivedMark = "by m-FILTER";

constexpr std::string_view kHeading = "-------";
constexpr std::string_view kServerMessage = "-------server message";
constexpr std::string_view kCommand = "-------SMTP command";
// Where the returned message, or the summary of it, begins.
constexpr std::array<std::string_view, 2> kOriginal{"-------original message", "-------original mail info"};
// What the "SMTP command" section may name ("RCPT TO:<...>" counts as RCPT).
constexpr std::array<std::string_view, 8> kCommands{"CONN", "HELO", "EHLO", "MAIL", "RCPT", "DATA", "STARTTLS", "AUTH"};

// The non-blank lines under `heading`, up to the next heading, joined by spaces.
std::string section(const std::vector<std::string_view>& lines, std::string_view heading) {
  std::string out;
  bool in = false;
  for (std::string_view raw_line : lines) {
    std::string_view line = util::trim(raw_line);
    if (line.starts_with(kHeading)) {
      if (in) break;
      in = util::starts_with_ci(line, heading);
      continue;
    }
    if (!in || line.empty()) continue;
    if (!out.empty()) out.push_back(' ');
    out.append(line);
  }
  return out;
}

std::string command_named(std::string_view text) {
  std::size_t end = 0;
  while (end < text.size() && util::is_alpha(text[end])) ++end;
  for (std::string_view c : kCommands)
    if (util::iequals(text.substr(0, end), c)) return std::string(c);
  return {};
}

}  // namespace

bool detect_mfilter(const Context& ctx) {
  return header_has(ctx, "X-Mailer", kMailer) || header_has(ctx, "Received", kReceivedMark);
}

std::optional<Result> decode_mfilter(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::vector<std::string_view> lines = split_lines(cut_at_marker(notice, {kOriginal[0], kOriginal[1]}));
  std::vector<std::string> recipients;
  for (std::string_view raw_line : lines) {
    std::string_view line = util::trim(raw_line);
    if (line.starts_with(kHeading)) break;
    auto found = addresses_in(line);
    // A line that is one address and nothing more.
    if (found.size() == 1 && util::iequals(util::trim(line), found.front())) recipients.push_back(found.front());
  }
  std::string diagnostic = section(lines, kServerMessage);
  std::string command = section(lines, kCommand);
  std::vector<Record> records;
  for (const std::string& recipient : recipients) {
    Record r = text_record(recipient, diagnostic);
    if (r.smtp_command.empty()) r.smtp_command = command_named(command);
    records.push_back(std::move(r));
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
