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
#include <unordered_map>
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

// "user@example.org: 550 5.1.1 ..." opens a recipient; a re-wrapped diagnostic continues on the
// next lines, up to the next recipient (blank lines do not end it).
std::string recipient_opening(std::string_view line, std::string_view& rest) {
  line = util::trim(line);
  std::size_t colon = line.find(": ");
  if (colon == std::string_view::npos) return {};
  std::string address = clean_address(line.substr(0, colon));
  if (!looks_like_address(address)) return {};
  rest = line.substr(colon + 2);
  return address;
}
constexpr ParagraphFormat kParagraphs{.opening = recipient_opening, .blank = ParagraphFormat::Blank::skipped};

// The recipient lines of the notice, in order: at most `max` (the rest counted in `left_out`).
std::vector<Paragraph> recipient_lines(std::string_view notice, std::size_t max, std::size_t& left_out) {
  std::vector<Paragraph> lines;
  std::size_t at = util::find_ci(notice, kListIntro);
  if (at == std::string_view::npos) return lines;
  std::string_view list = notice.substr(at + kListIntro.size());
  list = cut_at_marker(list, {kListEnd[0], kListEnd[1]});
  RecipientParagraphs paragraphs(list, kParagraphs, max, left_out);
  while (std::optional<Paragraph> p = paragraphs.next()) lines.push_back(std::move(*p));
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
  std::size_t not_listed = 0;  // with a DSN, its own blocks are what the limit counts
  std::vector<Paragraph> lines = recipient_lines(notice, ctx.options.max_records, not_listed);
  if (std::optional<Result> dsn = decode_rfc3464(ctx)) {
    // The first line of each (lower-cased) recipient: one look-up per DSN record, not a scan.
    std::unordered_map<std::string, const Paragraph*> by_address;
    for (const Paragraph& line : lines) by_address.emplace(util::to_lower(line.address), &line);
    for (Record& r : dsn->records) {
      // No Diagnostic-Code (diagnostic_type empty): the notice's own line is the
      // diagnostic, wrapped lines and all.
      if (!r.diagnostic_type.empty()) continue;
      auto found = by_address.find(util::to_lower(r.recipient));
      if (found == by_address.end()) continue;
      r.diagnostic = util::collapse_space(found->second->diagnostic);
      settle_status(r);
      add_own_reason(r);
    }
    return dsn;
  }
  bool delayed = util::contains_ci(notice, kDelayed);
  ctx.records_left_out += not_listed;
  std::vector<Record> records;
  for (const Paragraph& line : lines) {
    Record r = text_record(line.address, line.diagnostic);
    if (delayed) r.action = "delayed";
    add_own_reason(r);
    records.push_back(std::move(r));
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
