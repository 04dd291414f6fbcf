// Which mailbox provider runs a remote MTA, from the public MX host names providers use.
//
// One line per host-name suffix. A host matches a suffix when it equals it or ends in "." + suffix
// (ignoring case), so "alt1.gmail-smtp-in.l.google.com" is google but "evilgoogle.com" is not. When
// several suffixes match, the longest wins (so a more specific line can override a general one). To add a provider
// or a host, add a line here (docs/report.md, "Provider table").
//
// This table only groups report lines; the classifier's provider rules (lib/src/classify/providers.cpp)
// are a separate concern (codes and phrases), so the two tables are not merged.
#include <array>
#include <string_view>
#include <unordered_map>

#include "analysis/provider_hosts.hpp"
#include "bouncekit/analysis.hpp"
#include "util/strings.hpp"

namespace bouncekit::analysis {
namespace {

constexpr std::array kProviderHosts = std::to_array<ProviderHost>({
    {"google.com", "google"},            // gmail-smtp-in.l.google.com, aspmx.l.google.com
    {"googlemail.com", "google"},        // gmr-smtp-in.l.googlemail.com
    {"outlook.com", "microsoft"},        // *.mail.protection.outlook.com, *.olc.protection.outlook.com
    {"hotmail.com", "microsoft"},        // mx*.hotmail.com (older MX names)
    {"msn.com", "microsoft"},
    {"yahoodns.net", "yahoo"},           // mta*.am0.yahoodns.net, also AOL's MX since its move to Yahoo
    {"yahoo.com", "yahoo"},
    {"icloud.com", "apple"},             // mx*.mail.icloud.com
    {"me.com", "apple"},
    {"mac.com", "apple"},
    {"aol.com", "yahoo"},                // mailin-*.mx.aol.com: AOL, part of Yahoo, now on yahoodns.net
    {"orange.fr", "orange"},             // smtp-in.orange.fr
    {"wanadoo.fr", "orange"},
    {"secureserver.net", "godaddy"},     // mx*.secureserver.net
    {"mimecast.com", "mimecast"},        // *.mimecast.com
    {"mimecast-offshore.com", "mimecast"},
    {"mail.ru", "mail.ru"},              // mxs.mail.ru
    {"yandex.net", "yandex"},            // mx.yandex.net
    {"yandex.ru", "yandex"},
    {"zoho.com", "zoho"},                // mx.zoho.com
    {"zoho.eu", "zoho"},
    {"zohomail.com", "zoho"},
    {"gmx.net", "1&1"},                  // mx*.gmx.net
    {"gmx.com", "1&1"},
    {"web.de", "1&1"},                   // mx-ha*.web.de
    {"kundenserver.de", "1&1"},          // mx*.kundenserver.de (IONOS hosting)
    {"ionos.com", "1&1"},
    {"comcast.net", "comcast"},          // mx*.comcast.net
    {"cox.net", "cox"},                  // *.cox.net
    {"att.net", "at&t"},                 // al-ip4-mx-vip*.prodigy.net serves att.net too
    {"prodigy.net", "at&t"},
    {"sbcglobal.net", "at&t"},
    {"protonmail.ch", "proton"},         // mail.protonmail.ch
    {"proton.me", "proton"},
    {"messagingengine.com", "fastmail"}, // in*-smtp.messagingengine.com
    {"fastmail.com", "fastmail"},
    {"messagelabs.com", "broadcom-messagelabs"},  // cluster*.*.messagelabs.com
    {"pphosted.com", "proofpoint"},      // mx*.pphosted.com
    {"ppe-hosted.com", "proofpoint"},    // Proofpoint Essentials
    {"barracudanetworks.com", "barracuda"},  // *.ess.barracudanetworks.com
    {"amazonses.com", "amazonses"},      // *.smtp-out.amazonses.com
    {"sendgrid.net", "sendgrid"},        // mx.sendgrid.net
    {"mailgun.org", "mailgun"},          // mxa.mailgun.org
    {"qq.com", "tencent"},               // mx*.qq.com
    {"netease.com", "netease"},          // 163mx*.mxmail.netease.com (163.com, 126.com)
    {"naver.com", "naver"},              // mx*.naver.com
    {"t-online.de", "t-online"},         // mx*.t-online.de
    {"free.fr", "free"},                 // mx*.free.fr
    {"laposte.net", "laposte"},
    {"libero.it", "italiaonline"},       // mx*.libero.it
    {"rambler.ru", "rambler"},
    {"seznam.cz", "seznam"},
});

// The table as a hash map from suffix to provider, built once.
const std::unordered_map<std::string_view, std::string_view>& suffix_map() {
  static const auto map = [] {
    std::unordered_map<std::string_view, std::string_view> m;
    for (const auto& entry : kProviderHosts) m.emplace(entry.suffix, entry.provider);
    return m;
  }();
  return map;
}

constexpr std::size_t kMaxHostName = 253;  // RFC 1035; anything longer is not a host name

}  // namespace

std::span<const ProviderHost> provider_hosts() { return kProviderHosts; }

std::string_view provider_of_record(std::string_view remote_mta, std::string_view recipient_domain) {
  std::string_view provider = provider_of_host(remote_mta);
  return provider.empty() ? provider_of_domain(recipient_domain) : provider;
}

std::string_view provider_of_host(std::string_view remote_mta) {
  std::string_view host = util::trim(remote_mta);
  // A fully qualified name may end in the root dot ("mx.example.com.").
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (host.empty() || host.size() > kMaxHostName) return {};
  char lower[kMaxHostName];
  for (std::size_t i = 0; i < host.size(); ++i) lower[i] = util::ascii_lower(host[i]);
  const std::string_view name(lower, host.size());
  // The whole name first, then each suffix after a dot: the first hit is the longest suffix.
  const auto& map = suffix_map();
  for (std::size_t start = 0; start < name.size();) {
    if (auto it = map.find(name.substr(start)); it != map.end()) return it->second;
    auto dot = name.find('.', start);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return {};
}

}  // namespace bouncekit::analysis
