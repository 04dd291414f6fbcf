// GoDaddy: mail hosted on secureserver.net. Rules from GoDaddy's help pages on its bounce-back
// error codes (IB401 and the Spamhaus listing of the sending IP, the hourly recipient limit, an
// invalid From: domain).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"secureserver.net"};

constexpr std::string_view kHosts[] = {"secureserver.net"};  // mx*.secureserver.net

constexpr Rule kRules[] = {
    {"speeding", "too many recipients this hour", ""},
    {"blocked", "spamhaus", ""},
    {"blocked", "ib401", ""},
    {"rejected", "from: domain is invalid", ""},
};

}  // namespace

const Provider godaddy{"godaddy", kDomains, kHosts, kRules};

}  // namespace bouncekit::providers
