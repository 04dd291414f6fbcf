// Proton Mail.
// Known by its domains and host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"protonmail.com", "proton.me", "pm.me"};

constexpr std::string_view kHosts[] = {
    "protonmail.ch",  // mail.protonmail.ch
    "proton.me",
};

}  // namespace

const Provider proton{"proton", kDomains, kHosts, {}};

}  // namespace bouncekit::providers
