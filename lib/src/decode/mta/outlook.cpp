// Outlook.com / Hotmail: RFC 3464 reports from Microsoft's consumer mail
// servers, which mark them with an X-DSNContext header or send them from a
// hotmail postmaster. (X-Message-Delivery is no marker: Outlook.com stamps it
// on every message it receives, bounces of other MTAs included.)
#include <string_view>

#include "decode/mta/providers.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::string_view kContextHeader = "X-DSNContext";
constexpr std::string_view kDomain = "hotmail.";

}  // namespace

bool detect_outlook(const Context& ctx) {
  bool marked = !ctx.message.root.value_view(kContextHeader).empty() || header_has(ctx, "From", kDomain);
  return marked && from_daemon(ctx) && detect_rfc3464(ctx);
}

std::optional<Result> decode_outlook(const Context& ctx) { return decode_rfc3464(ctx); }

}  // namespace bouncekit::decode
