// Barracuda Spam & Virus Firewall: a delivery-status report (built by its
// amavis core) under a fixed subject; the text says what blocked the message:
//
//   Your message to: user@example.net
//   was blocked by our Spam & Virus Firewall. ...
//
// Without a delivery-status part, the text alone gives the records.
#include <array>
#include <string_view>

#include "decode/mta/appliances.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::array<std::string_view, 1> kSubjects{"Message you sent blocked by our bulk email filter"};
constexpr std::string_view kReceivedMark = "(Barracuda)";
constexpr std::array<std::string_view, 2> kBodyMarkers{"blocked by our Spam & Virus Firewall",
                                                       "blocked by our Spam Firewall"};

constexpr std::string_view kRecipientLine = "Your message to:";

// "Your message to: a@b" opens a recipient; the lines after it, up to a blank line, say why.
std::string recipient_opening(std::string_view line, std::string_view& rest) {
  line = util::trim(line);
  if (!util::starts_with_ci(line, kRecipientLine)) return {};
  auto found = addresses_in(line);
  if (found.empty()) return {};
  rest = {};
  return found.front();
}
constexpr ParagraphFormat kParagraphs{.opening = recipient_opening, .rest_in_diagnostic = false};

std::vector<Record> records_from_text(const Context& ctx, std::string_view notice) {
  std::vector<Record> records;
  RecipientParagraphs paragraphs(notice, kParagraphs, ctx.options.max_records, ctx.records_left_out);
  while (std::optional<Paragraph> p = paragraphs.next()) records.push_back(text_record(p->address, p->diagnostic));
  return records;
}

}  // namespace

bool detect_barracuda(const Context& ctx) {
  if (subject_has(ctx, {kSubjects[0]})) return true;
  if (!from_daemon(ctx)) return false;
  return header_has(ctx, "Received", kReceivedMark) || body_has(ctx, {kBodyMarkers[0], kBodyMarkers[1]});
}

std::optional<Result> decode_barracuda(const Context& ctx) {
  if (std::optional<Result> result = decode_rfc3464(ctx)) return result;
  return bounce_result(records_from_text(ctx, notice_text(ctx)));
}

}  // namespace bouncekit::decode
