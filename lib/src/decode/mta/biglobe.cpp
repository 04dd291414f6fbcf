// BIGLOBE (biglobe.ne.jp):
//
//      ----- The following addresses had delivery problems -----
//   user@example.jp
//
//      ----- Non-delivered information -----
//   The number of messages in recipient's mailbox exceeded the local limit.
#include <array>

#include "decode/mta/exim.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::array<HeaderMark, 2> kHeaders{{
    {"From", "@biglobe.ne.jp"},
    {"Message-Id", "biglobe.ne.jp>"},
}};

constexpr std::string_view kListMarker = "----- The following addresses had delivery problems -----";
constexpr std::string_view kInfoMarker = "----- Non-delivered information -----";

// BIGLOBE's own fixed messages, and what they mean.
constexpr std::array<Phrase<vocabulary::Reason>, 1> kFixedMessages{{
    {"mailbox exceeded the local limit", vocabulary::Reason::mailboxfull},
}};

}  // namespace

bool detect_biglobe(const Context& ctx) {
  return from_daemon(ctx) && has_header_mark(ctx, kHeaders) && body_has(ctx, {kListMarker});
}

std::optional<Result> decode_biglobe(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::string_view text = notice;
  std::size_t list = find_line_starting(text, {kListMarker});
  if (list == std::string_view::npos) return std::nullopt;
  std::size_t info = find_line_starting(text, {kInfoMarker}, list);
  std::string diagnostic;
  if (info != std::string_view::npos) {
    std::string_view rest = text.substr(info);
    rest = rest.substr(std::min(rest.size(), rest.find('\n')));
    std::size_t blank = rest.find("\n\n", 1);
    diagnostic = util::collapse_space(rest.substr(0, blank));
  }
  std::optional<vocabulary::Reason> reason = first_phrase(diagnostic, kFixedMessages);
  std::vector<Record> records;
  std::string_view addresses = text.substr(list, (info == std::string_view::npos ? text.size() : info) - list);
  for (std::string_view line : split_lines(addresses.substr(std::min(addresses.size(), addresses.find('\n'))))) {
    for (const std::string& a : addresses_in(line)) {
      if (!room_for_record(ctx, records)) continue;  // the records-per-message limit (docs/limits.md)
      Record r = text_record(a, diagnostic);
      r.hint = reason;
      records.push_back(std::move(r));
    }
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
