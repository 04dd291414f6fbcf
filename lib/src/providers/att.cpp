// AT&T: att.net and the former SBC and BellSouth mailboxes.
// Known by its domains and host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"att.net", "sbcglobal.net", "bellsouth.net"};

constexpr std::string_view kHosts[] = {
    "att.net",
    "prodigy.net",  // al-ip4-mx-vip*.prodigy.net serves att.net too
    "sbcglobal.net",
};

}  // namespace

const Provider att{"at&t", kDomains, kHosts, {}};

}  // namespace bouncekit::providers
