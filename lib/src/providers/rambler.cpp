// Rambler mail.
// Known by its domains and host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"rambler.ru"};

constexpr std::string_view kHosts[] = {"rambler.ru"};

}  // namespace

const Provider rambler{"rambler", kDomains, kHosts, {}};

}  // namespace bouncekit::providers
