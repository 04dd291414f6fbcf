// Bigfoot (bigfoot.com, LiteMail): Sendmail-style DSNs. The DSN says
// everything; this decoder makes the records name Bigfoot.
#include <array>

#include "decode/mta/exim.hpp"
#include "decode/rfc3464.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::array<HeaderMark, 3> kHeaders{{
    {"From", "@bigfoot.com"},
    {"Received", "bigfoot.com (LiteMail"},
    {"Message-Id", "bigfoot.com>"},
}};

}  // namespace

bool detect_bigfoot(const Context& ctx) {
  return ctx.message.root.content_type.is("multipart/report") && from_daemon(ctx) &&
         has_header_mark(ctx, kHeaders);
}

std::optional<Result> decode_bigfoot(const Context& ctx) { return decode_rfc3464(ctx); }

}  // namespace bouncekit::decode
