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

}  // namespace

bool detect_kddi(const Context& ctx) { return has_header_mark(ctx, kHeaders) && body_has(ctx, {kRecipientLine}); }

std::optional<Result> decode_kddi(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::vector<Record> records;
  std::string recipient, diagnostic;
  auto flush = [&] {
    if (recipient.empty()) return;
    Record r = text_record(recipient, diagnostic);
    r.hint = first_phrase(r.diagnostic, kFixedMessages);
    records.push_back(std::move(r));
    recipient.clear();
    diagnostic.clear();
  };
  for (std::string_view line : split_lines(notice)) {
    std::string_view text = util::trim(line);
    if (util::starts_with_ci(text, kRecipientLine)) {
      flush();
      auto found = addresses_in(text);
      if (!found.empty()) recipient = found.front();
    } else if (text.empty() || util::starts_with_ci(text, "Your mail sent on:")) {
      flush();
    } else if (!recipient.empty()) {
      if (!diagnostic.empty()) diagnostic.push_back(' ');
      diagnostic.append(text);
    }
  }
  flush();
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
