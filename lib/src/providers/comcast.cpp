// Comcast (Xfinity).
// Known by its domains and host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"comcast.net"};

constexpr std::string_view kHosts[] = {"comcast.net"};  // mx*.comcast.net

}  // namespace

const Provider comcast{"comcast", kDomains, kHosts, {}};

}  // namespace bouncekit::providers
