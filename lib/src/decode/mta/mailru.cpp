// Mail.ru runs Exim and sends Exim's notice, preceded by the same list under
// a Russian sentence of its own:
//
//   К сожалению, Ваше письмо не может быть доставлено одному или нескольким получателям:
//
//     user@example.org
//       SMTP error from remote mail server after RCPT TO:<user@example.org>:
//       host mx.example.org [192.0.2.1]: 550 5.1.1 No such user
#include <array>

#include "decode/mta/exim.hpp"
#include "decode/plain_text.hpp"

namespace bouncekit::decode {
namespace {

constexpr std::array<HeaderMark, 5> kHeaders{{
    {"From", "@corp.mail.ru"},
    {"Message-Id", "mail.ru>"},
    {"Message-Id", "smailru.net>"},
    {"X-Mailru-Intl-Transport", ""},
    {"X-Mru-Recipient-UID", ""},
}};

constexpr std::array<std::string_view, 3> kBodyMarkers{
    "address(es) failed", "could not be delivered to one or more of its",
    // "...сервером Mail.Ru" (created automatically by the Mail.Ru server), in UTF-8
    "\xD1\x81\xD0\xB5\xD1\x80\xD0\xB2\xD0\xB5\xD1\x80\xD0\xBE\xD0\xBC Mail.Ru"};

// "не может быть доставлено одному или нескольким получателям" (cannot be delivered to one or more recipients)
constexpr std::string_view kRussianOpening =
    "\xD0\xBD\xD0\xB5\xD1\x81\xD0\xBA\xD0\xBE\xD0\xBB\xD1\x8C\xD0\xBA\xD0\xB8\xD0\xBC "
    "\xD0\xBF\xD0\xBE\xD0\xBB\xD1\x83\xD1\x87\xD0\xB0\xD1\x82\xD0\xB5\xD0\xBB\xD1\x8F\xD0\xBC";

}  // namespace

bool detect_mailru(const Context& ctx) {
  return from_daemon(ctx) && has_header_mark(ctx, kHeaders) && body_has(ctx, kBodyMarkers);
}

std::optional<Result> decode_mailru(const Context& ctx) {
  // Both lists name the same addresses: the first one found is read.
  return bounce_result(exim_address_list(ctx, notice_text(ctx), {kRussianOpening}));
}

}  // namespace bouncekit::decode
