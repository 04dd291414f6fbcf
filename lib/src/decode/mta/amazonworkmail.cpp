// Amazon WorkMail's notices: a text part listing the recipients, then the
// delivery-status fields written as text below "Technical report:" (there is
// no message/delivery-status part).
#include <string>
#include <string_view>

#include "decode/address.hpp"
#include "decode/delivery_status.hpp"
#include "decode/mta/providers.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"
#include "decode/smtp_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kLead = "An error occurred while trying to deliver the mail to the following recipients";
constexpr std::string_view kReport = "Technical report:";
// WorkMail's own summary when it gives up retrying (the remote reply in brackets is only the last attempt's).
constexpr std::string_view kExpired = "Message expired:";

std::string host_of(std::string_view typed) {
  std::string host = split_typed(typed).value;
  std::string_view h = util::trim(host);
  return util::to_lower(h.substr(0, h.find_first_of(" \t")));
}

// "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>":
// WorkMail's own summary, then in angle brackets the last reply of the remote
// server, which says more about the failure. Returns that reply, or "".
std::string_view last_remote_reply(std::string_view diagnostic) {
  std::size_t open = diagnostic.rfind('<');
  if (open == std::string_view::npos || diagnostic.back() != '>') return {};
  std::string_view inner = diagnostic.substr(open + 1, diagnostic.size() - open - 2);
  return find_reply_code(inner).empty() ? std::string_view() : inner;
}

}  // namespace

bool detect_amazonworkmail(const Context& ctx) {
  return header_has(ctx, "X-Mailer", "Amazon WorkMail") && body_has(ctx, {kReport});
}

std::optional<Result> decode_amazonworkmail(const Context& ctx) {
  std::string text = notice_text(ctx);
  std::size_t report = find_line_starting(text, {kReport});
  if (report == std::string::npos) return std::nullopt;
  DeliveryStatus ds =
      parse_delivery_status(std::string_view(text).substr(report + kReport.size()), ctx.options.max_records);
  ctx.records_left_out += ds.recipients_left_out;
  std::string reporting = host_of(ds.per_message.get("Reporting-MTA"));

  std::vector<Record> records;
  for (const FieldGroup& block : ds.recipients) {
    std::string recipient = clean_address(block.get("Final-Recipient"));
    if (recipient.empty()) continue;
    std::string diagnostic = split_typed(block.get("Diagnostic-Code")).value;
    std::string_view remote = last_remote_reply(util::trim(diagnostic));
    Record r = text_record(recipient, remote.empty() ? std::string_view(diagnostic) : remote);
    r.diagnostic = util::collapse_space(diagnostic);
    if (r.status.empty()) {
      r.status = find_status(block.get("Status"));
      settle_status(r);
      if (!remote.empty()) r.reply_code = find_reply_code(remote);
    }
    std::string action = util::to_lower(util::trim(block.get("Action")));
    if (!action.empty()) r.action = action;
    r.reporting_mta = reporting;
    if (util::contains_ci(r.diagnostic, kExpired)) r.hint = vocabulary::Reason::expired;
    records.push_back(std::move(r));
  }
  if (records.empty()) {
    // Only the list of recipients below the lead survived.
    std::size_t lead = find_line_starting(text, {kLead});
    if (lead != std::string::npos) {
      for (std::string_view line : split_lines(std::string_view(text).substr(lead, report - lead)))
        if (looks_like_address(util::trim(line)) && room_for_record(ctx, records))
          records.push_back(text_record(util::trim(line), ""));
    }
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
