// Exim, the MTAs and providers whose bounces derive from it (Mail.ru, 1&1),
// and a group of other providers and anonymous MTAs: Yandex, the X1/X2/X5/X6
// families named by Sisimai, the Japanese carriers and providers (au by KDDI
// / EZweb, Biglobe), m-FILTER, Bigfoot. One decoder per family, one file each
// (lib/src/decode/mta/<family>.cpp); their order is in registry.cpp.
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

#include "bouncekit/decode.hpp"
#include "decode/context.hpp"
#include "decode/plain_text.hpp"

namespace bouncekit::decode {

/// A header that names a family: header `name` contains `needle` (any value if `needle` is empty).
struct HeaderMark {
  std::string_view name;
  std::string_view needle;
};

template <std::size_t N>
bool has_header_mark(const Context& ctx, const std::array<HeaderMark, N>& marks) {
  for (const HeaderMark& m : marks) {
    if (m.needle.empty() ? !ctx.message.root.value(m.name).empty() : header_has(ctx, m.name, m.needle))
      return true;
  }
  return false;
}

// Exim: plain text ("The following address(es) failed:"), delay warnings,
// malformed-address notices, and the same text with a DSN part. Registered
// twice under one name: its DSNs before the generic RFC 3464 decoder, its
// plain text after the providers whose bounces are Exim's text.
bool detect_exim(const Context& ctx);
bool detect_exim_dsn(const Context& ctx);
std::optional<Result> decode_exim(const Context& ctx);

/// Exim's list of failed (or delayed) addresses in `notice`: one record per
/// entry, in order. The list starts after the first line containing one of
/// Exim's own list openings or one of `openings` (for providers that wrote
/// their own sentence in front of Exim's layout). Empty if there is no list.
std::vector<Record> exim_address_list(const Context& ctx, std::string_view notice,
                                      std::initializer_list<std::string_view> openings = {});

/// Sets reply_code and status from a remote server's reply ("550 5.1.1 ...",
/// "550-5.7.1 ..."), when `reply` starts with a reply code; otherwise leaves them.
void set_remote_reply(Record& r, std::string_view reply);

bool detect_mailru(const Context& ctx);
std::optional<Result> decode_mailru(const Context& ctx);

bool detect_einsundeins(const Context& ctx);
std::optional<Result> decode_einsundeins(const Context& ctx);

bool detect_yandex(const Context& ctx);
std::optional<Result> decode_yandex(const Context& ctx);

bool detect_x1(const Context& ctx);
std::optional<Result> decode_x1(const Context& ctx);

bool detect_x2(const Context& ctx);
std::optional<Result> decode_x2(const Context& ctx);

bool detect_x5(const Context& ctx);
std::optional<Result> decode_x5(const Context& ctx);

bool detect_x6(const Context& ctx);
std::optional<Result> decode_x6(const Context& ctx);

bool detect_ezweb(const Context& ctx);
std::optional<Result> decode_ezweb(const Context& ctx);

bool detect_kddi(const Context& ctx);
std::optional<Result> decode_kddi(const Context& ctx);

bool detect_biglobe(const Context& ctx);
std::optional<Result> decode_biglobe(const Context& ctx);

bool detect_mfilter(const Context& ctx);
std::optional<Result> decode_mfilter(const Context& ctx);

bool detect_bigfoot(const Context& ctx);
std::optional<Result> decode_bigfoot(const Context& ctx);

}  // namespace bouncekit::decode
