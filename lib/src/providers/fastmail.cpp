// Fastmail.
// Known by its domains and host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"fastmail.com"};

constexpr std::string_view kHosts[] = {
    "messagingengine.com",  // in*-smtp.messagingengine.com
    "fastmail.com",
};

}  // namespace

const Provider fastmail{"fastmail", kDomains, kHosts, {}};

}  // namespace bouncekit::providers
