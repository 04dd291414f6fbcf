// X2 (Sisimai's name for an unidentified MTA; old Yahoo-hosted domains):
//
//   Message from example.com.
//   Unable to deliver message to the following address(es).
//
//   <user@example.org>:
//   Sorry, your message to user@example.org cannot be delivered. This account is over quota.
//
//   --- Original message follows.
#include <array>

#include "decode/mta/exim.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kListMarker = "Unable to deliver message to the following address(es).";
constexpr std::array<std::string_view, 1> kCopyMarkers{"--- Original message follows."};

// X2's own fixed messages, and what they mean.
constexpr std::array<Phrase<vocabulary::Reason>, 4> kFixedMessages{{
    {"this account is over quota", vocabulary::Reason::mailboxfull},
    {"this account has been disabled or discontinued", vocabulary::Reason::suspend},
    {"user doesn't have a", vocabulary::Reason::userunknown},
    {"this message has been in the queue too long", vocabulary::Reason::expired},
}};

Record x2_record(std::string_view recipient, std::string_view diagnostic) {
  Record r = text_record(recipient, diagnostic);
  r.hint = first_phrase(r.diagnostic, kFixedMessages);
  return r;
}

// A recipient line: "<user@example.org>:" and nothing else.
bool is_recipient_line(std::string_view line) {
  return line.size() > 4 && line.front() == '<' && line.substr(line.size() - 2) == ">:";
}

// "<user@example.org>:" alone on its line opens a recipient; every later non-blank line up to the
// next one is the diagnostic.
std::string recipient_opening(std::string_view line, std::string_view& rest) {
  line = util::trim(line);
  if (!is_recipient_line(line)) return {};
  auto found = addresses_in(line);
  if (found.empty()) return {};
  rest = {};
  return found.front();
}

constexpr ParagraphFormat kParagraphs{.opening = recipient_opening,
                                      .rest_in_diagnostic = false,
                                      .blank = ParagraphFormat::Blank::skipped};

}  // namespace

bool detect_x2(const Context& ctx) { return from_daemon(ctx) && body_has(ctx, {kListMarker}); }

std::optional<Result> decode_x2(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::string_view text = cut_at_marker(notice, kCopyMarkers);
  std::size_t at = util::find_ci(text, kListMarker);
  if (at == std::string_view::npos) return std::nullopt;
  std::vector<Record> records;
  RecipientParagraphs paragraphs(text.substr(at + kListMarker.size()), kParagraphs, ctx.options.max_records,
                                 ctx.records_left_out);
  while (std::optional<Paragraph> p = paragraphs.next()) records.push_back(x2_record(p->address, p->diagnostic));
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
