// Cox. Rules from Cox's published email error codes (AUP#...): CDRBL, CXBL and IPBL are block
// lists, CXDNS a missing reverse DNS, CXCNCT too many connections, CXMXRT too many messages.
// "sender rejected ... AUP#CDRBL" is a block list, not a refused sender address.
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"cox.net"};

constexpr std::string_view kHosts[] = {"cox.net"};  // *.cox.net

constexpr Rule kRules[] = {
    {"blocked", "aup#cdrbl", ""},
    {"blocked", "aup#cxbl", ""},
    {"blocked", "aup#ipbl", ""},
    {"requireptr", "aup#cxdns", ""},
    {"toomanyconn", "aup#cxcnct", ""},
    {"speeding", "aup#cxmxrt", ""},
};

}  // namespace

const Provider cox{"cox", kDomains, kHosts, kRules};

}  // namespace bouncekit::providers
