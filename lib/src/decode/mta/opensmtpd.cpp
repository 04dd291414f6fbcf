// OpenSMTPD: a plain-text notice listing "recipient: diagnostic" lines;
// since 6.x a delivery-status part follows it, whose blocks say nothing the
// text does not (no Diagnostic-Code), so the text lines complete them.
//
//       This is the MAILER-DAEMON, please DO NOT REPLY to this email.
//
//       An error has occurred while attempting to deliver a message for
//       the following list of recipients:
//
//   user@example.org: 550 5.1.1 <user@example.org>... User unknown
//
//       Below is a copy of the original message:
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "decode/address.hpp"
#include "decode/mta/unix.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kGreeting = "This is the MAILER-DAEMON, please DO NOT REPLY to this";
constexpr std::string_view kListIntro = "list of recipients:";
// After the list: the delay notice's reassurance, or the returned copy.
constexpr std::string_view kListEnd[] = {"Please note that this is only a temporary failure report",
                                         "Below is a copy of the original message"};
constexpr std::string_view kDelayed = "A message is delayed";

// OpenSMTPD's own messages (no remote reply) that always mean one reason.
constexpr std::array<Phrase<vocabulary::Reason>, 2> kOwnMessages{{
    {"Envelope expired", vocabulary::Reason::expired},
    {"Network error on destination MXs", vocabulary::Reason::networkerror},
}};

struct Line {
  std::string recipient;
  std::string diagnostic;
};

// The "recipient: diagnostic" lines of the notice, in order.
std::vector<Line> recipient_lines(std::string_view notice) {
  std::vector<Line> lines;
  std::size_t at = util::find_ci(notice, kListIntro);
  if (at == std::string_view::npos) return lines;
  std::string_view list = notice.substr(at + kListIntro.size());
  list = cut_at_marker(list, {kListEnd[0], kListEnd[1]});
  for (std::string_view line : split_lines(list)) {
    line = util::trim(line);
    std::size_t colon = line.find(": ");
    if (colon == std::string_view::npos) {
      // A re-wrapped diagnostic continues on the next line.
      if (!lines.empty() && !line.empty()) lines.back().diagnostic.append(" ").append(line);
      continue;
    }
    std::string address = clean_address(line.substr(0, colon));
    if (!looks_like_address(address)) {
      if (!lines.empty()) lines.back().diagnostic.append(" ").append(line);
      continue;
    }
    lines.push_back({std::move(address), std::string(util::trim(line.substr(colon + 2)))});
  }
  return lines;
}

void add_own_reason(Record& r) {
  if (!r.reply_code.empty()) return;
  r.hint = first_phrase(r.diagnostic, kOwnMessages);
}

}  // namespace

bool detect_opensmtpd(const Context& ctx) {
  if (body_has(ctx, {kGreeting})) return true;
  return subject_has(ctx, {"Delivery status notification"}) && header_has(ctx, "Received", "(OpenSMTPD)");
}

std::optional<Result> decode_opensmtpd(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::vector<Line> lines = recipient_lines(notice);
  if (std::optional<Result> dsn = decode_rfc3464(ctx)) {
    for (Record& r : dsn->records) {
      // No Diagnostic-Code (diagnostic_type empty): the notice's own line is the
      // diagnostic, wrapped lines and all.
      if (!r.diagnostic_type.empty()) continue;
      for (const Line& line : lines)
        if (util::iequals(line.recipient, r.recipient)) {
          r.diagnostic = util::collapse_space(line.diagnostic);
          settle_status(r);
          add_own_reason(r);
          break;
        }
    }
    return dsn;
  }
  bool delayed = util::contains_ci(notice, kDelayed);
  std::vector<Record> records;
  for (const Line& line : lines) {
    Record r = text_record(line.recipient, line.diagnostic);
    if (delayed) r.action = "delayed";
    add_own_reason(r);
    records.push_back(std::move(r));
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
