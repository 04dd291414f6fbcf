// SendGrid (Twilio), the sending service.
// Known by its host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kHosts[] = {"sendgrid.net"};  // mx.sendgrid.net

}  // namespace

const Provider sendgrid{"sendgrid", {}, kHosts, {}};

}  // namespace bouncekit::providers
