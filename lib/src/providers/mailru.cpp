// Mail.ru (VK): Mail.ru, Inbox.ru, List.ru, Bk.ru mailboxes.
// Known by its domains and host names only: no rules of its own (the general rules read its
// replies).
#include "providers/rows.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::string_view kDomains[] = {"mail.ru", "inbox.ru", "list.ru", "bk.ru"};

constexpr std::string_view kHosts[] = {"mail.ru"};  // mxs.mail.ru

}  // namespace

const Provider mailru{"mail.ru", kDomains, kHosts, {}};

}  // namespace bouncekit::providers
