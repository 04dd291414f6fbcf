// Google Groups refusing a post: a notice from Gmail's mailer daemon, in the
// poster's language, saying that the group may not exist or that the sender
// may not post to it. The group's address is only in X-Failed-Recipients.
#include <string>
#include <string_view>

#include "decode/address.hpp"
#include "decode/mta/providers.hpp"
#include "decode/plain_text.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {
namespace {

// The help link every language version of the notice carries.
constexpr std::string_view kHelpLink = "groups.google.com/support";
constexpr std::string_view kOriginal = "----- Original message -----";
// The notice has one meaning whatever its language: the post was refused.
constexpr vocabulary::Reason kReason = vocabulary::Reason::rejected;

}  // namespace

bool detect_googlegroups(const Context& ctx) {
  return from_daemon(ctx) && header_has(ctx, "From", "@googlemail.com") &&
         !ctx.message.root.value_view("X-Failed-Recipients").empty() && body_has(ctx, {kHelpLink});
}

std::optional<Result> decode_googlegroups(const Context& ctx) {
  std::string text = notice_text(ctx);
  std::string_view notice = util::trim(cut_at_marker(text, {kOriginal}));
  if (!util::contains_ci(notice, kHelpLink)) return std::nullopt;
  std::vector<Record> records;
  for (const std::string& group : addresses_in(ctx.message.root.value("X-Failed-Recipients"))) {
    if (!room_for_record(ctx, records)) continue;  // the records-per-message limit (docs/limits.md)
    Record r = text_record(group, notice);
    r.hint = kReason;
    records.push_back(std::move(r));
  }
  return bounce_result(std::move(records));
}

}  // namespace bouncekit::decode
