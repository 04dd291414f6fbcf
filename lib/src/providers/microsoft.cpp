// Microsoft: Outlook.com / Hotmail consumer mail and Exchange Online (Microsoft 365) tenants.
// Rules from Microsoft's Exchange Online documentation, "Email non-delivery reports and SMTP
// errors in Exchange Online" (5.4.1 and 5.1.10: the recipient is not in the tenant's directory,
// directory-based edge blocking) and the Outlook.com postmaster pages (the banned / unregistered
// sending IP and block-list refusals, "SC-004", IP reputation).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {
    "outlook.com",   "outlook.jp",    "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.de",
    "hotmail.it",    "hotmail.es",    "hotmail.co.jp", "live.com",    "live.co.uk", "live.fr",
    "live.jp",       "msn.com",       "passport.com",
};

constexpr std::string_view kHosts[] = {
    "outlook.com",  // *.mail.protection.outlook.com, *.olc.protection.outlook.com
    "hotmail.com",  // mx*.hotmail.com (older MX names)
    "live.com",
    "msn.com",
};

constexpr Rule kRules[] = {
    // Directory-based edge blocking: the recipient is not in the tenant's directory.
    {"userunknown", "", "5.4.1"},
    {"userunknown", "", "5.1.10"},
    // Hotmail answers an address it does not have with RFC 5321's text for 550, which other servers
    // use for any refusal.
    {"userunknown", "requested action not taken: mailbox unavailable", ""},
    {"blocked", "banned sending ip", ""},
    {"blocked", "traffic not accepted from this ip", ""},
    {"blocked", "unregistered domain", ""},
    {"blocked", "on our block list", ""},
    {"blocked", "sc-004", ""},
    {"blocked", "unwanted messages have been sent", ""},
    {"badreputation", "ip reputation", ""},
};

}  // namespace

const Provider microsoft{"microsoft", kDomains, kHosts, kRules};

}  // namespace bouncekit::providers
