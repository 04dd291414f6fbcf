// Mailgun, the sending service.
// Known by its host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kHosts[] = {"mailgun.org"};  // mxa.mailgun.org

}  // namespace

const Provider mailgun{"mailgun", {}, kHosts, {}};

}  // namespace bouncekit::providers
