// Mimecast, the mail gateway. Rules from Mimecast's knowledge base of SMTP rejection codes
// (host network not allowed, anti-spoofing policy, security policies, envelope blocked).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"mimecast.com"};

constexpr std::string_view kHosts[] = {
    "mimecast.com",  // *-smtp-inbound-*.mimecast.com
    "mimecast.co.za",
    "mimecast-offshore.com",
};

constexpr Rule kRules[] = {
    {"policyviolation", "host network not allowed", ""},
    {"policyviolation", "anti-spoofing policy", ""},
    {"policyviolation", "rejected due to security policies", ""},
    {"rejected", "envelope blocked", ""},
};

}  // namespace

const Provider mimecast{"mimecast", kDomains, kHosts, kRules};

}  // namespace bouncekit::providers
