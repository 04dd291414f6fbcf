// Free (free.fr).
// Known by its domains and host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"free.fr"};

constexpr std::string_view kHosts[] = {"free.fr"};  // mx*.free.fr

}  // namespace

const Provider free{"free", kDomains, kHosts, {}};

}  // namespace bouncekit::providers
