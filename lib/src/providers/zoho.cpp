// Zoho Mail.
// Known by its domains and host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"zoho.com", "zohomail.com"};

constexpr std::string_view kHosts[] = {
    "zoho.com",  // mx.zoho.com
    "zoho.eu",
    "zohomail.com",
};

}  // namespace

const Provider zoho{"zoho", kDomains, kHosts, {}};

}  // namespace bouncekit::providers
