// Proofpoint, the mail gateway, and Proofpoint Essentials.
// Known by its host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kHosts[] = {
    "pphosted.com",  // mx*.pphosted.com
    "ppe-hosted.com",  // Proofpoint Essentials
};

}  // namespace

const Provider proofpoint{"proofpoint", {}, kHosts, {}};

}  // namespace bouncekit::providers
