// X5 (Sisimai's name for an unidentified MTA): a Japanese mail gateway that
// forwards a Sendmail-style DSN inside a message/rfc822 part of its own
// notice, from an ISO-2022-JP encoded "Mail Delivery Subsystem" to
// "NotificationRecipients". The enclosed DSN gives the records.
#include <array>

#include "bouncekit/mime.hpp"
#include "decode/mta/exim.hpp"
#include "decode/rfc3464.hpp"
#include "util/strings.hpp"

namespace bouncekit::decode {

bool detect_x5(const Context& ctx) {
  if (header_has(ctx, "To", "NotificationRecipients")) return true;
  const std::string from = ctx.message.root.value("From");
  return util::contains_ci(from, "=?iso-2022-jp?") &&
         util::contains_ci(mime::decode_header(from), "Mail Delivery Subsystem") && from_daemon(ctx);
}

std::optional<Result> decode_x5(const Context& ctx) { return decode_rfc3464(ctx); }

}  // namespace bouncekit::decode
