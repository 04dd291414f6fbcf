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

// "Your message to: a@b" and the paragraph after it, one record per such line.
std::vector<Record> records_from_text(std::string_view notice) {
  std::vector<Record> records;
  std::vector<std::string_view> lines = split_lines(notice);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = util::trim(lines[i]);
    if (!util::starts_with_ci(line, kRecipientLine)) continue;
    auto found = addresses_in(line);
    if (found.empty()) continue;
    std::string paragraph;
    for (std::size_t j = i + 1; j < lines.size() && !util::trim(lines[j]).empty(); ++j)
      paragraph.append(util::trim(lines[j])).push_back(' ');
    records.push_back(text_record(found.front(), paragraph));
  }
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
  return bounce_result(records_from_text(notice_text(ctx)));
}

}  // namespace bouncekit::decode
