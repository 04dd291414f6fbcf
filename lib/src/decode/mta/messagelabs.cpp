// Symantec MessageLabs (Email Security.cloud): a delivery-status report from
// MAILER-DAEMON@messagelabs.com, whose text reads
//
//   This is the mail delivery agent at messagelabs.com.
//   I was unable to deliver your message to the following addresses:
//   user@example.net
//   Reason: 550 user@example.net... No such user
//   The message subject was: ...
//
// Without a delivery-status part (or where it lacks a diagnostic), the text gives them.
#include <array>
#include <string_view>

#include "decode/mta/appliances.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kFromDomain = "@messagelabs.com";
constexpr std::array<std::string_view, 2> kBodyMarkers{
    "This is the mail delivery agent at messagelabs.com",
    "This is the mail delivery agent at Symantec Email Security.cloud",
};

constexpr std::string_view kListHeading = "I was unable to deliver your message to the following addresses";
constexpr std::string_view kReason = "Reason:";
// The facts about the original message that follow the list.
constexpr std::string_view kListEnd = "The message subject was:";

struct Failure {
  std::string recipient;
  std::string reason;
};

std::vector<Failure> failures_in(std::string_view notice) {
  std::size_t start = find_line_starting(notice, {kListHeading});
  if (start == std::string_view::npos) return {};
  std::string_view text = cut_at_marker(notice.substr(start), {kListEnd});
  std::vector<Failure> failures;
  std::size_t pending = 0;  // the first failure still without a reason
  std::size_t group = 0;    // the first failure the current reason belongs to
  bool in_reason = false;
  std::vector<std::string_view> lines = split_lines(text);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::string_view line = util::trim(lines[i]);
    if (line.empty()) {
      in_reason = false;
    } else if (util::starts_with_ci(line, kReason)) {
      // One reason for every address listed since the previous reason.
      group = pending;
      pending = failures.size();
      for (std::size_t k = group; k < pending; ++k)
        failures[k].reason = std::string(util::trim(line.substr(kReason.size())));
      in_reason = group < pending;
    } else if (in_reason) {
      // The reason's wrapped lines (a multi-line reply).
      for (std::size_t k = group; k < pending; ++k) failures[k].reason.append(" ").append(line);
    } else {
      for (const std::string& address : addresses_in(line)) failures.push_back({address, {}});
    }
  }
  return failures;
}

}  // namespace

bool detect_messagelabs(const Context& ctx) {
  if (!from_daemon(ctx)) return false;
  return header_has(ctx, "From", kFromDomain) || body_has(ctx, {kBodyMarkers[0], kBodyMarkers[1]});
}

std::optional<Result> decode_messagelabs(const Context& ctx) {
  std::vector<Failure> failures = failures_in(notice_text(ctx));
  std::optional<Result> result = decode_rfc3464(ctx);
  if (!result) {
    std::vector<Record> records;
    for (const Failure& f : failures) records.push_back(text_record(f.recipient, f.reason));
    return bounce_result(std::move(records));
  }
  for (Record& r : result->records) {
    // Without a Diagnostic-Code (its type is unset), the reason the text gives is the diagnostic.
    if (!r.diagnostic_type.empty()) continue;
    for (const Failure& f : failures) {
      if (!util::iequals(f.recipient, r.recipient) || f.reason.empty()) continue;
      r.diagnostic = util::collapse_space(f.reason);
      settle_status(r);
    }
  }
  return result;
}

}  // namespace bouncekit::decode
