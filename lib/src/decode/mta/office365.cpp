// Office 365 / Exchange Online: the notices of Exchange 2007 and later (see
// exchange2007.cpp), written by Microsoft's hosted servers.
#include <string_view>

#include "decode/mta/providers.hpp"
#include "decode/plain_text.hpp"

namespace bouncekit::decode {
namespace {

// Host names of Microsoft's hosted service: Generating server, Reporting-MTA, Message-ID.
constexpr std::string_view kHostedDomain = ".outlook.com";
constexpr std::string_view kTenantDomain = ".onmicrosoft.com";

}  // namespace

bool detect_office365(const Context& ctx) {
  if (!detect_exchange2007(ctx)) return false;
  return header_has(ctx, "Message-ID", kHostedDomain) || header_has(ctx, "From", kTenantDomain) ||
         body_has(ctx, {kHostedDomain});
}

std::optional<Result> decode_office365(const Context& ctx) { return decode_exchange2007(ctx); }

}  // namespace bouncekit::decode
