// Apache James: its notifications name the error, then the message details
// (envelope included); its remote-delivery bounce lists failed recipients.
//
//   Error message below:                      Failed recipient(s):
//   550 5.1.1 no such user here               user@example.org
//
//   Message details:                          Error message:
//     Subject: ...                            550 5.1.1 no such user here
//     MAIL FROM: sender@example.net
//     RCPT TO: user@example.org
#include <string>
#include <string_view>
#include <vector>

#include "decode/mta/unix.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kGreeting = "This is the James mail server";
constexpr std::string_view kDetails = "Message details:";
constexpr std::string_view kRcptTo = "RCPT TO:";
constexpr std::string_view kFailed = "Failed recipient(s):";
constexpr std::string_view kErrorHeads[] = {"Error message below:", "Error message:"};

// The lines after the line starting with `head`, up to the next blank line (or `stop`).
std::string_view lines_after(std::string_view text, std::string_view head, std::string_view stop = {}) {
  std::size_t at = find_line_starting(text, {head});
  if (at == std::string_view::npos) return {};
  std::size_t body = text.find('\n', at);
  if (body == std::string_view::npos) return {};
  std::string_view rest = text.substr(body + 1);
  std::size_t end = rest.find("\n\n");
  if (!stop.empty()) end = std::min(end, find_line_starting(rest, {stop}));
  return end == std::string_view::npos ? rest : rest.substr(0, end);
}

}  // namespace

bool detect_apachejames(const Context& ctx) {
  if (body_has(ctx, {kGreeting})) return true;
  // Its notifications have no greeting: JavaMail's Message-ID and the fixed section heads.
  return header_has(ctx, "Message-ID", ".JavaMail.") && body_has(ctx, {kDetails}) &&
         body_has(ctx, {kErrorHeads[0], kErrorHeads[1]});
}

std::optional<Result> decode_apachejames(const Context& ctx) {
  std::string notice_storage = notice_text(ctx);
  std::string_view notice = notice_storage;
  // A broken multipart (a boundary parameter on an unfolded line) hides the text part.
  if (!util::contains_ci(notice, kDetails)) notice = raw_body(ctx);
  std::string_view error = lines_after(notice, kErrorHeads[0], kDetails);
  if (error.empty()) error = lines_after(notice, kErrorHeads[1], kDetails);
  std::vector<std::string> recipients;
  for (std::string_view line : split_lines(lines_after(notice, kFailed)))
    for (std::string& a : addresses_in(line)) recipients.push_back(std::move(a));
  if (recipients.empty()) {
    for (std::string_view line : split_lines(lines_after(notice, kDetails))) {
      line = util::trim(line);
      if (util::starts_with_ci(line, kRcptTo))
        for (std::string& a : addresses_in(line.substr(kRcptTo.size()))) recipients.push_back(std::move(a));
    }
  }
  std::vector<Record> records;
  for (const std::string& recipient : recipients)
    if (room_for_record(ctx, records)) records.push_back(text_record(recipient, error));  // docs/limits.md
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
