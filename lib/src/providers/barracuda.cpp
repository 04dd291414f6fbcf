// Barracuda Email Security Service, the mail gateway.
// Known by its host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kHosts[] = {"barracudanetworks.com"};  // *.ess.barracudanetworks.com

}  // namespace

const Provider barracuda{"barracuda", {}, kHosts, {}};

}  // namespace bouncekit::providers
