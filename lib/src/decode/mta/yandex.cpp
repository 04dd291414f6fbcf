// Yandex.Mail: standard DSNs written by its own Postfix build (X-Yandex-*
// headers, a Russian notice before Postfix's English one). The DSN says
// everything; this decoder only makes the records name Yandex.
#include <array>

#include "decode/mta/exim.hpp"
#include "decode/rfc3464.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::array<HeaderMark, 4> kHeaders{{
    {"X-Yandex-Front", ""},
    {"X-Yandex-Uniq", ""},
    {"X-Yandex-Forward", ""},
    {"From", "mailer-daemon@yandex."},
}};

}  // namespace

bool detect_yandex(const Context& ctx) {
  return ctx.message.root.content_type.is("multipart/report") && has_header_mark(ctx, kHeaders) &&
         from_daemon(ctx);
}

std::optional<Result> decode_yandex(const Context& ctx) { return decode_rfc3464(ctx); }

}  // namespace bouncekit::decode
