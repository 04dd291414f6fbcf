// Microsoft Exchange 5.5 - 2003 (Internet Mail Service / Internet Mail
// Connector) notices: no delivery-status part, the recipients listed below a
// fixed lead, each with the date and Exchange's own diagnostic lines:
//
//   did not reach the following recipient(s):
//
//   someone@example.org on Thu, 29 Apr 2004 16:51:51 -0500
//       The recipient name is not recognized
//       The MTS-ID of the original message is: c=us;a= ;p=example;l=HOST0404291651AB12
//       MSEXCH:IMS:EXAMPLE:SITE:HOST 0 (000C05A6) Unknown Recipient
#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "decode/address.hpp"
#include "decode/mta/providers.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::array<std::string_view, 2> kLeads{
    "did not reach the following recipient",
    "The following recipient(s) could not be reached",
};
constexpr std::string_view kMtsId = "The MTS-ID of the original message is:";
constexpr std::string_view kExchangeCode = "MSEXCH:";


// Exchange's own fixed explanations and error numbers.
constexpr std::array<Phrase<vocabulary::Reason>, 2> kReasons{{
    {"The recipient name is not recognized", vocabulary::Reason::userunknown},
    {"(000C05A6)", vocabulary::Reason::userunknown},  // "Unknown Recipient"
}};

// "someone@example.org on <date>" (or the address alone): the start of a recipient's entry.
std::string recipient_of(std::string_view line) {
  std::string_view first = line.substr(0, line.find_first_of(" \t"));
  std::string_view rest = util::trim(line.substr(first.size()));
  if (!rest.empty() && !util::starts_with_ci(rest, "on ")) return {};
  std::string address = clean_address(first);
  return looks_like_address(address) ? address : std::string();
}

// The diagnostic without the MTS-ID (an X.400 message identifier, which
// Exchange wraps across lines): it runs up to the MSEXCH code when there is one.
std::string without_mts_id(std::string diagnostic) {
  std::size_t at = diagnostic.find(kMtsId);
  if (at == std::string::npos) return diagnostic;
  std::size_t end = diagnostic.find(kExchangeCode, at);
  diagnostic.erase(at, end == std::string::npos ? std::string::npos : end - at);
  return diagnostic;
}

// A recipient's entry runs to the next one; blank lines do not end it, a MIME boundary ("--": the
// notice was not split into parts) ends the list.
std::string entry_opening(std::string_view line, std::string_view& rest) {
  rest = {};
  return recipient_of(util::trim(line));
}
constexpr std::string_view kListEnds[] = {"--"};
constexpr ParagraphFormat kParagraphs{.opening = entry_opening,
                                      .rest_in_diagnostic = false,
                                      .blank = ParagraphFormat::Blank::skipped,
                                      .list_ends = kListEnds};

}  // namespace

bool detect_exchange2003(const Context& ctx) {
  if (header_has(ctx, "X-Mailer", "Internet Mail Service (") ||
      header_has(ctx, "X-Mailer", "Microsoft Exchange Server Internet Mail Connector"))
    return body_has(ctx, {kLeads[0], kLeads[1]});
  return body_has(ctx, {kExchangeCode}) && body_has(ctx, {kLeads[0], kLeads[1]});
}

std::optional<Result> decode_exchange2003(const Context& ctx) {
  std::string text = notice_text(ctx);
  std::size_t lead = find_line_starting(text, {kLeads[0], kLeads[1]});
  if (lead == std::string::npos) return std::nullopt;

  std::string_view list = std::string_view(text).substr(lead);
  list = list.substr(std::min(list.size(), list.find('\n')));  // the lines after the lead
  std::vector<Record> records;
  RecipientParagraphs paragraphs(list, kParagraphs, ctx.options.max_records, ctx.records_left_out);
  while (std::optional<Paragraph> p = paragraphs.next()) {
    Record r = text_record(p->address, without_mts_id(std::move(p->diagnostic)));
    r.hint = first_phrase(r.diagnostic, kReasons);
    records.push_back(std::move(r));
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
