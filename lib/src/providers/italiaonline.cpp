// Italiaonline: Libero mail.
// Known by its domains and host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"libero.it"};

constexpr std::string_view kHosts[] = {"libero.it"};  // mx*.libero.it

}  // namespace

const Provider italiaonline{"italiaonline", kDomains, kHosts, {}};

}  // namespace bouncekit::providers
