// Amazon SES inbound (email receiving): RFC 3464 reports written by Amazon's
// inbound servers ("Reporting-MTA: dns; inbound-smtp.<region>.amazonaws.com")
// and sent out through SES (X-SES-Outgoing).
#include <string_view>

#include "decode/mta/providers.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"

namespace bouncekit::decode {

bool detect_receivingses(const Context& ctx) {
  return !ctx.message.root.value_view("X-SES-Outgoing").empty() && body_has(ctx, {"inbound-smtp."}) &&
         body_has(ctx, {".amazonaws.com"}) && detect_rfc3464(ctx);
}

std::optional<Result> decode_receivingses(const Context& ctx) { return decode_rfc3464(ctx); }

}  // namespace bouncekit::decode
