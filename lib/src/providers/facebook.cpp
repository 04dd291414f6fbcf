// Facebook (its former facebook.com mail): "recipient preferences", the recipient's own
// setting refused the message.
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"facebook.com"};

constexpr std::string_view kHosts[] = {"facebook.com", "fb.com"};

constexpr Rule kRules[] = {
    {"filtered", "recipient preferences", ""},
};

}  // namespace

const Provider facebook{"facebook", kDomains, kHosts, kRules};

}  // namespace bouncekit::providers
