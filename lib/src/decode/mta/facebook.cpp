// Facebook's mail servers: RFC 3464 reports from its mailer daemon (mx.facebook.com).
#include <string_view>

#include "decode/mta/providers.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"

namespace bouncekit::decode {

bool detect_facebook(const Context& ctx) {
  return header_has(ctx, "From", "@mx.facebook.com") && from_daemon(ctx) && detect_rfc3464(ctx);
}

std::optional<Result> decode_facebook(const Context& ctx) { return decode_rfc3464(ctx); }

}  // namespace bouncekit::decode
