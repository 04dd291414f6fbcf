// Tencent: QQ Mail.
// Known by its domains and host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"qq.com"};

constexpr std::string_view kHosts[] = {"qq.com"};  // mx*.qq.com

}  // namespace

const Provider tencent{"tencent", kDomains, kHosts, {}};

}  // namespace bouncekit::providers
