// Deutsche Telekom's T-Online mail.
// Known by its domains and host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"t-online.de"};

constexpr std::string_view kHosts[] = {"t-online.de"};  // mx*.t-online.de

}  // namespace

const Provider tonline{"t-online", kDomains, kHosts, {}};

}  // namespace bouncekit::providers
