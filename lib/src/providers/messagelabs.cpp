// Broadcom (Symantec) MessageLabs, the mail gateway.
// Known by its host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kHosts[] = {"messagelabs.com"};  // cluster*.*.messagelabs.com

}  // namespace

const Provider messagelabs{"broadcom-messagelabs", {}, kHosts, {}};

}  // namespace bouncekit::providers
