// Apple: iCloud Mail. Rules from the words of iCloud's own replies, which refer senders to
// Apple's "Postmaster information for iCloud Mail" (support.apple.com, HT204137): an inactive
// address, the local-policy codes CS01 and HM08, and "not accepting connections" for a refused
// sending host.
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"icloud.com", "me.com", "mac.com"};

constexpr std::string_view kHosts[] = {
    "icloud.com",  // mx*.mail.icloud.com
    "apple.com",
    "me.com",
    "mac.com",
};

constexpr Rule kRules[] = {
    {"suspend", "inactive email address", ""},
    {"policyviolation", "[cs01]", ""},
    {"policyviolation", "[hm08]", ""},
    {"blocked", "not accepting connections", ""},
};

}  // namespace

const Provider apple{"apple", kDomains, kHosts, kRules};

}  // namespace bouncekit::providers
