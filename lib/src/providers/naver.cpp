// Naver Mail.
// Known by its domains and host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"naver.com"};

constexpr std::string_view kHosts[] = {"naver.com"};  // mx*.naver.com

}  // namespace

const Provider naver{"naver", kDomains, kHosts, {}};

}  // namespace bouncekit::providers
