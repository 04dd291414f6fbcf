// au one net (KDDI, dion.ne.jp / auone-net.jp): a Japanese sentence, then
//
//   Your mail sent on: Thu, 29 Apr 2013 23:45:22 +0900
//        Could not be delivered to: <user@example.jp>
//        As their mailbox is full.
#include <array>

#include "decode/mta/exim.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::array<HeaderMark, 3> kHeaders{{
    {"Message-Id", ".auone-net.jp>"},
    {"Reply-To", "@app.auone-net.jp"},
    {"From", ".dion.ne.jp"},
}};

constexpr std::string_view kRecipientLine = "Could not be delivered to:";

// KDDI's own fixed messages, and what they mean.
constexpr std::array<Phrase<vocabulary::Reason>, 3> kFixedMessages{{
    {"as their mailbox is full", vocabulary::Reason::mailboxfull},
    {"due to the following smtp relay error", vocabulary::Reason::norelaying},
    {"as the remote domain doesnt exist", vocabulary::Reason::hostunknown},
}};

// "Could not be delivered to: <user@example.org>" opens a recipient.
std::string recipient_opening(std::string_view line, std::string_view& rest) {
  line = util::trim(line);
  if (!util::starts_with_ci(line, kRecipientLine)) return {};
  auto found = addresses_in(line);
  if (found.empty()) return {};
  rest = {};
  return found.front();
}

// The lines after it, up to a blank line, the line about when the mail was sent, or a recipient
// line without an address, are the diagnostic.
constexpr std::string_view kParagraphEnds[] = {"Your mail sent on:", kRecipientLine};
constexpr ParagraphFormat kParagraphs{
    .opening = recipient_opening, .rest_in_diagnostic = false, .paragraph_ends = kParagraphEnds};

}  // namespace

bool detect_kddi(const Context& ctx) { return has_header_mark(ctx, kHeaders) && body_has(ctx, {kRecipientLine}); }

std::optional<Result> decode_kddi(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::vector<Record> records;
  RecipientParagraphs paragraphs(notice, kParagraphs, ctx.options.max_records, ctx.records_left_out);
  while (std::optional<Paragraph> p = paragraphs.next()) {
    Record r = text_record(p->address, p->diagnostic);
    r.hint = first_phrase(r.diagnostic, kFixedMessages);
    records.push_back(std::move(r));
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
