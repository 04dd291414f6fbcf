// Seznam.cz mail.
// Known by its domains and host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"seznam.cz"};

constexpr std::string_view kHosts[] = {"seznam.cz"};

}  // namespace

const Provider seznam{"seznam", kDomains, kHosts, {}};

}  // namespace bouncekit::providers
