// Deutsche Telekom's T-Online mail.
// postmaster.t-online.de, "Notes for mail server operators" (4.6, 4.7): T-Online refuses the
// connection of hosts with a bad or unknown reputation, naming the refused IP and a contact address,
// and ends the reply with a short code: "(BL)" for a host on its block list, "(DIAL)" for an address
// it takes for a dial-up or otherwise transient one. Both refuse the sending host: blocked.
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"t-online.de"};

constexpr std::string_view kHosts[] = {"t-online.de"};  // mx*.t-online.de

constexpr Rule kRules[] = {
    {"blocked", "(bl)", ""},
    {"blocked", "(dial)", ""},
};

}  // namespace

const Provider tonline{"t-online", kDomains, kHosts, kRules};

}  // namespace bouncekit::providers
