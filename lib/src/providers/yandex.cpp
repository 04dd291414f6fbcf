// Yandex (Yandex Mail help, "SMTP errors"): "Policy rejection on the target address" is Yandex's
// refusal for a mailbox that is blocked; "this user doesn't have a yandex account" an unknown one.
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"yandex.ru", "yandex.com", "ya.ru", "yandex.by", "yandex.kz", "yandex.ua"};

constexpr std::string_view kHosts[] = {
    "yandex.net",  // mx.yandex.net
    "yandex.ru",
};

constexpr Rule kRules[] = {
    {"suspend", "policy rejection on the target address", ""},
    {"userunknown", "doesn't have a yandex", ""},
};

}  // namespace

const Provider yandex{"yandex", kDomains, kHosts, kRules};

}  // namespace bouncekit::providers
