// MailFoundry (a spam-filtering gateway): plain text, one block per recipient:
//
//   Unable to deliver message to: <user@example.net>
//   Delivery failed for the following reason:
//   Server mx.example.net[192.0.2.1] failed with: 550 <user@example.net> No such user here
#include <array>
#include <string_view>

#include "decode/mta/appliances.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

// Its Received header names the product: "by gw.example.net (MAILFOUNDRY) id ...".
constexpr std::string_view kReceivedMark = "(MAILFOUNDRY)";
constexpr std::array<std::string_view, 1> kSubjects{"Message delivery has failed"};

constexpr std::string_view kRecipientLine = "Unable to deliver message to:";
constexpr std::string_view kReasonLine = "Delivery failed for the following reason:";
// "Server <host>[<ip>] failed with: <the server's reply>"
constexpr std::string_view kServerLine = "Server ";
constexpr std::string_view kServerReply = "failed with:";

// A record from the reason text: the server's reply is the diagnostic, the server the remote MTA.
Record record_for(std::string_view recipient, const std::string& reason) {
  std::string_view text = reason;
  std::size_t with = util::find_ci(text, kServerReply);
  if (!util::starts_with_ci(text, kServerLine) || with == std::string_view::npos)
    return text_record(recipient, text);
  Record r = text_record(recipient, text.substr(with + kServerReply.size()));
  std::string_view host = util::trim(text.substr(kServerLine.size(), with - kServerLine.size()));
  host = host.substr(0, host.find_first_of("[ "));
  r.remote_mta = util::to_lower(host);
  return r;
}

}  // namespace

bool detect_mailfoundry(const Context& ctx) {
  if (!header_has(ctx, "Received", kReceivedMark)) return false;
  return from_daemon(ctx) || subject_has(ctx, {kSubjects[0]});
}

std::optional<Result> decode_mailfoundry(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::vector<Record> records;
  std::string recipient;
  std::string reason;
  bool in_reason = false;
  auto flush = [&] {
    // The records-per-message limit (docs/limits.md): a recipient beyond it is counted, not built.
    if (!recipient.empty() && room_for_record(ctx, records)) records.push_back(record_for(recipient, reason));
    recipient.clear();
    reason.clear();
    in_reason = false;
  };
  for (std::string_view raw_line : split_lines(notice)) {
    std::string_view line = util::trim(raw_line);
    if (util::starts_with_ci(line, kRecipientLine)) {
      flush();
      auto found = addresses_in(line);
      if (!found.empty()) recipient = found.front();
    } else if (util::starts_with_ci(line, kReasonLine)) {
      in_reason = !recipient.empty();
    } else if (in_reason) {
      // The reason runs to the next blank line (the server's reply may be wrapped).
      if (line.empty()) {
        if (!reason.empty()) in_reason = false;
      } else {
        if (!reason.empty()) reason.push_back(' ');
        reason.append(line);
      }
    }
  }
  flush();
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
