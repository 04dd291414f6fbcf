// AOL: RFC 3464 reports from AOL's mail servers (mailer daemon at aol.com,
// X-AOL-* headers on the report itself).
#include <string_view>

#include "decode/mta/providers.hpp"
#include "decode/plain_text.hpp"
#include "decode/rfc3464.hpp"

namespace bouncekit::decode {

bool detect_aol(const Context& ctx) {
  bool marked = header_has(ctx, "From", "@aol.com") || !ctx.message.root.value_view("X-AOL-IP").empty();
  return marked && from_daemon(ctx) && detect_rfc3464(ctx);
}

std::optional<Result> decode_aol(const Context& ctx) { return decode_rfc3464(ctx); }

}  // namespace bouncekit::decode
