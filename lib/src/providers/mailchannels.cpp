// MailChannels, the outbound filtering relay that hosting providers send through
// (docs.mailchannels.com/outbound/smtp-errors): it refuses a message with "550 5.7.1" and a bracketed
// tag that says why. [SS]: the message matches a known spam signature; [RBL]: the sending IP or
// domain is on a global block list. The tag decides over the generic 5.7.1.
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kHosts[] = {"mailchannels.net"};  // relay.mailchannels.net

constexpr Rule kRules[] = {
    {"spamdetected", "[ss]", ""},
    {"blocked", "[rbl]", ""},
};

}  // namespace

const Provider mailchannels{"mailchannels", {}, kHosts, kRules};

}  // namespace bouncekit::providers
