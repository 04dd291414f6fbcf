// Yahoo, with AOL (which Yahoo owns and whose mail its servers now receive). Rules from the
// Yahoo Sender Hub's "SMTP error codes" page (its bracketed codes: TSS04 and GL01 for the
// sending IP's reputation, TSS09 and BL21-BL23 for blocks) and AOL's former postmaster
// error-code list (RLY:B, DYN:T1, HVU:B1, RTR:BL, CON:B1 blocks, RTR:RD no reverse DNS).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {
    "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "yahoo.it", "yahoo.es", "ymail.com", "rocketmail.com",
    "aol.com",  // AOL mail is served by Yahoo's MX (mx-aol.mail.gm0.yahoodns.net)
    "aim.com",  "aol.co.uk",
};

constexpr std::string_view kHosts[] = {
    "yahoodns.net",  // mta*.am0.yahoodns.net, also AOL's MX since its move to Yahoo
    "yahoo.com",
    "aol.com",       // mailin-*.mx.aol.com
};

constexpr Rule kRules[] = {
    {"userunknown", "user doesn't have a", ""},
    {"userunknown", "mailbox not found", ""},
    {"suspend", "mailbox is disabled", ""},
    {"blocked", "[tss09]", ""},
    {"blocked", "[bl21]", ""},
    {"blocked", "[bl22]", ""},
    {"blocked", "[bl23]", ""},
    {"badreputation", "[tss04]", ""},
    {"badreputation", "[gl01]", ""},
    {"policyviolation", "not accepted for policy reasons", ""},
    // AOL's own codes (before its mail moved to Yahoo's servers).
    {"blocked", "rly:b", ""},
    {"blocked", "dyn:t1", ""},
    {"blocked", "hvu:b1", ""},
    {"blocked", "rtr:bl", ""},
    {"blocked", "con:b1", ""},
    {"requireptr", "rtr:rd", ""},
};

}  // namespace

const Provider yahoo{"yahoo", kDomains, kHosts, kRules};

}  // namespace bouncekit::providers
