// fml, a mailing-list manager: its error notices to a member or to the list
// admin name the address concerned in angle brackets on a fixed sentence
// ("Duplicated Message-ID in <list@example.org>.", "NOT MEMBER article from
// <user@example.net>"), before a copy of the mail ("Original mail as follows:").
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "decode/mta/unix.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kMlServer = "fml";
constexpr std::string_view kCopyMarkers[] = {"Original mail as follows:", "--- original mail ---"};

// fml's fixed error sentences and what each means.
constexpr std::array<Phrase<vocabulary::Reason>, 9> kErrors{{
    {"Duplicated Message-ID", vocabulary::Reason::systemerror},
    {"has detected a loop condition", vocabulary::Reason::systemerror},
    {"header may cause mail loop", vocabulary::Reason::rejected},
    {"NOT MEMBER article from", vocabulary::Reason::rejected},
    {"reject mail from", vocabulary::Reason::rejected},
    {"reject spammers:", vocabulary::Reason::rejected},
    {"You are not a member of this mailing list", vocabulary::Reason::rejected},
    {"are not member", vocabulary::Reason::rejected},
    {"Security alert:", vocabulary::Reason::securityerror},
}};

}  // namespace

bool detect_fml(const Context& ctx) {
  if (!header_has(ctx, "X-MLServer", kMlServer)) return false;
  for (const auto& p : kErrors)
    if (body_has(ctx, {p.text})) return true;
  return false;
}

std::optional<Result> decode_fml(const Context& ctx) {
  std::string notice = notice_text(ctx);
  std::string_view text = cut_at_marker(notice, {kCopyMarkers[0], kCopyMarkers[1]});
  std::vector<Record> records;
  for (std::string_view line : split_lines(text)) {
    for (const auto& p : kErrors) {
      if (!util::contains_ci(line, p.text)) continue;
      for (const std::string& address : addresses_in(line)) {
        if (!room_for_record(ctx, records)) continue;  // the records-per-message limit (docs/limits.md)
        Record r = text_record(address, line);
        r.hint = p.meaning;
        records.push_back(std::move(r));
      }
      break;
    }
    if (!records.empty()) break;  // one notice, one error
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
