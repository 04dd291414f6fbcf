// 1&1 / United Internet: GMX, WEB.DE, and IONOS hosting.
// Known by its domains and host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"gmx.net", "gmx.de", "gmx.com", "web.de"};

constexpr std::string_view kHosts[] = {
    "gmx.net",  // mx*.gmx.net
    "gmx.com",
    "web.de",  // mx-ha*.web.de
    "kundenserver.de",  // mx*.kundenserver.de (IONOS hosting)
    "ionos.com",
};

}  // namespace

const Provider one_and_one{"1&1", kDomains, kHosts, {}};

}  // namespace bouncekit::providers
