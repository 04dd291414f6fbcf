// Which provider hosts a well-known mailbox domain, for records that do not name the remote MTA
// (about half of them: many bounces do not say which host refused the mail). A recipient at
// gmail.com is at Google whatever the bounce says, so the domain alone is enough for these.
//
// One line per domain, matched exactly (ignoring case): subdomains of these receive no mail.
// Provider names are those of provider_hosts.cpp. To add a domain, add a line here
// (docs/report.md, "Providers").
#include <array>
#include <string>
#include <string_view>

#include "analysis/provider_hosts.hpp"
#include "util/strings.hpp"

namespace bouncekit::analysis {
namespace {

constexpr std::array kProviderDomains = std::to_array<ProviderHost>({
    {"gmail.com", "google"},
    {"googlemail.com", "google"},
    {"outlook.com", "microsoft"},
    {"hotmail.com", "microsoft"},
    {"hotmail.co.uk", "microsoft"},
    {"hotmail.fr", "microsoft"},
    {"hotmail.de", "microsoft"},
    {"hotmail.it", "microsoft"},
    {"hotmail.es", "microsoft"},
    {"hotmail.co.jp", "microsoft"},
    {"live.com", "microsoft"},
    {"live.co.uk", "microsoft"},
    {"live.fr", "microsoft"},
    {"live.jp", "microsoft"},
    {"msn.com", "microsoft"},
    {"outlook.jp", "microsoft"},
    {"yahoo.com", "yahoo"},
    {"yahoo.co.uk", "yahoo"},
    {"yahoo.fr", "yahoo"},
    {"yahoo.de", "yahoo"},
    {"yahoo.it", "yahoo"},
    {"yahoo.es", "yahoo"},
    {"ymail.com", "yahoo"},
    {"rocketmail.com", "yahoo"},
    {"aol.com", "yahoo"},            // AOL mail is served by Yahoo's MX (mx-aol.mail.gm0.yahoodns.net)
    {"aim.com", "yahoo"},
    {"icloud.com", "apple"},
    {"me.com", "apple"},
    {"mac.com", "apple"},
    {"orange.fr", "orange"},
    {"wanadoo.fr", "orange"},
    {"mail.ru", "mail.ru"},
    {"inbox.ru", "mail.ru"},
    {"list.ru", "mail.ru"},
    {"bk.ru", "mail.ru"},
    {"yandex.ru", "yandex"},
    {"yandex.com", "yandex"},
    {"ya.ru", "yandex"},
    {"zoho.com", "zoho"},
    {"zohomail.com", "zoho"},
    {"gmx.net", "1&1"},
    {"gmx.de", "1&1"},
    {"gmx.com", "1&1"},
    {"web.de", "1&1"},
    {"comcast.net", "comcast"},
    {"cox.net", "cox"},
    {"att.net", "at&t"},
    {"sbcglobal.net", "at&t"},
    {"bellsouth.net", "at&t"},
    {"protonmail.com", "proton"},
    {"proton.me", "proton"},
    {"pm.me", "proton"},
    {"fastmail.com", "fastmail"},
    {"qq.com", "tencent"},
    {"163.com", "netease"},
    {"126.com", "netease"},
    {"naver.com", "naver"},
    {"t-online.de", "t-online"},
    {"free.fr", "free"},
    {"laposte.net", "laposte"},
    {"libero.it", "italiaonline"},
    {"rambler.ru", "rambler"},
    {"seznam.cz", "seznam"},
});

constexpr std::size_t kMaxDomain = 253;

}  // namespace

std::span<const ProviderHost> provider_domains() { return kProviderDomains; }

std::string_view provider_of_domain(std::string_view recipient_domain) {
  std::string_view domain = util::trim(recipient_domain);
  if (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
  if (domain.empty() || domain.size() > kMaxDomain) return {};
  for (const auto& line : kProviderDomains)
    if (util::iequals(domain, line.suffix)) return line.provider;
  return {};
}

}  // namespace bouncekit::analysis
