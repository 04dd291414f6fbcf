// Provider tables: the codes and phrases that large mailbox providers document for their refusals.
// A provider rule says what the provider means where the general rules would misread it (Microsoft's
// 5.4.1 is its directory saying "no such recipient"; Cox's "sender rejected ... AUP#CDRBL" is a block
// list, not a refused sender address).
#include "classify/providers.hpp"

#include <array>
#include <functional>
#include <string>
#include <unordered_map>

#include "util/strings.hpp"

namespace bouncekit::classify {
namespace {

using SV = std::string_view;

constexpr SV kGoogleHosts[] = {"google.com", "googlemail.com"};
constexpr SV kGoogleDomains[] = {"gmail.com", "googlemail.com"};
constexpr ProviderRule kGoogle[] = {
    {"userunknown", "account that you tried to reach does not exist", ""},
    {"suspend", "account that you tried to reach is disabled", ""},
    {"suspend", "account that you tried to reach is inactive", ""},
    {"mailboxfull", "inbox is out of storage", ""},
    {"mailboxfull", "account that you tried to reach is over quota", ""},
    {"speeding", "receiving mail at a rate", ""},
    {"speeding", "daily user sending limit", ""},
    {"blocked", "unusual rate of unsolicited mail", ""},
    {"spamdetected", "likely unsolicited mail", ""},
    {"requireptr", "sending guidelines regarding ptr records", ""},
    {"notcompliantrfc", "rfc 5322", ""},
    {"authfailure", "spf", "5.7.26"},
    {"authfailure", "dkim", "5.7.26"},
};

constexpr SV kMicrosoftHosts[] = {"outlook.com", "hotmail.com", "live.com", "msn.com"};
constexpr SV kMicrosoftDomains[] = {"outlook.com", "hotmail.com", "live.com",  "msn.com",     "outlook.jp",
                                    "hotmail.co.jp", "hotmail.co.uk", "hotmail.fr", "live.jp", "passport.com"};
constexpr ProviderRule kMicrosoft[] = {
    // Directory-based edge blocking: the recipient is not in the tenant's directory.
    {"userunknown", "", "5.4.1"},
    {"userunknown", "", "5.1.10"},
    // Hotmail answers an address it does not have with RFC 5321's text for 550, which other servers
    // use for any refusal.
    {"userunknown", "requested action not taken: mailbox unavailable", ""},
    {"blocked", "banned sending ip", ""},
    {"blocked", "traffic not accepted from this ip", ""},
    {"blocked", "unregistered domain", ""},
    {"blocked", "on our block list", ""},
    {"blocked", "sc-004", ""},
    {"blocked", "unwanted messages have been sent", ""},
    {"badreputation", "ip reputation", ""},
};

constexpr SV kYahooHosts[] = {"yahoodns.net", "yahoo.com", "aol.com"};
constexpr SV kYahooDomains[] = {"yahoo.com",  "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com",
                                "rocketmail.com", "aol.com", "aim.com", "aol.co.uk"};
constexpr ProviderRule kYahoo[] = {
    {"userunknown", "user doesn't have a", ""},
    {"userunknown", "mailbox not found", ""},
    {"suspend", "mailbox is disabled", ""},
    {"blocked", "[tss09]", ""},
    {"blocked", "[bl21]", ""},
    {"blocked", "[bl22]", ""},
    {"blocked", "[bl23]", ""},
    {"badreputation", "[tss04]", ""},
    {"badreputation", "[gl01]", ""},
    {"policyviolation", "not accepted for policy reasons", ""},
    // AOL's own codes (before its mail moved to Yahoo's servers).
    {"blocked", "rly:b", ""},
    {"blocked", "dyn:t1", ""},
    {"blocked", "hvu:b1", ""},
    {"blocked", "rtr:bl", ""},
    {"blocked", "con:b1", ""},
    {"requireptr", "rtr:rd", ""},
};

constexpr SV kAppleHosts[] = {"icloud.com", "apple.com", "me.com", "mac.com"};
constexpr SV kAppleDomains[] = {"icloud.com", "me.com", "mac.com"};
constexpr ProviderRule kApple[] = {
    {"suspend", "inactive email address", ""},
    {"policyviolation", "[cs01]", ""},
    {"policyviolation", "[hm08]", ""},
    {"blocked", "not accepting connections", ""},
};

constexpr SV kOrangeHosts[] = {"orange.fr", "wanadoo.fr", "laposte.net"};
constexpr SV kOrangeDomains[] = {"orange.fr", "wanadoo.fr", "laposte.net"};
constexpr ProviderRule kOrange[] = {
    {"userunknown", "adresse destinataire invalide", ""},
    {"suspend", "compte du destinataire est bloque", ""},
    {"blocked", "adresse ip source bloquee", ""},
    // "Service refuse": the sending IP is refused (LPN001, LPN006, OFR_999).
    {"blocked", "service refuse", ""},
    {"spamdetected", "spam", ""},
    {"spamdetected", "mail rejete", ""},
};

constexpr SV kGoDaddyHosts[] = {"secureserver.net"};
constexpr SV kGoDaddyDomains[] = {"secureserver.net"};
constexpr ProviderRule kGoDaddy[] = {
    {"speeding", "too many recipients this hour", ""},
    {"blocked", "spamhaus", ""},
    {"blocked", "ib401", ""},
    {"rejected", "from: domain is invalid", ""},
};

constexpr SV kMimecastHosts[] = {"mimecast.com", "mimecast.co.za", "mimecast-offshore.com"};
constexpr SV kMimecastDomains[] = {"mimecast.com"};
constexpr ProviderRule kMimecast[] = {
    {"policyviolation", "host network not allowed", ""},
    {"policyviolation", "anti-spoofing policy", ""},
    {"policyviolation", "rejected due to security policies", ""},
    {"rejected", "envelope blocked", ""},
};

constexpr SV kCoxHosts[] = {"cox.net"};
constexpr SV kCoxDomains[] = {"cox.net"};
constexpr ProviderRule kCox[] = {
    {"blocked", "aup#cdrbl", ""},
    {"blocked", "aup#cxbl", ""},
    {"blocked", "aup#ipbl", ""},
    {"requireptr", "aup#cxdns", ""},
    {"toomanyconn", "aup#cxcnct", ""},
    {"speeding", "aup#cxmxrt", ""},
};

constexpr SV kFacebookHosts[] = {"facebook.com", "fb.com"};
constexpr SV kFacebookDomains[] = {"facebook.com"};
constexpr ProviderRule kFacebook[] = {
    {"filtered", "recipient preferences", ""},
};

// NetEase (163.com, 126.com, yeah.net): its refusal codes, documented on its help pages
// (mail.163.com/help/help_spam_16.htm, "企业退信代码"): DT:SPM is content judged to be spam,
// RP:RDN / RP:CEL are a reputation or rate block of the sending IP, MI:NHD a missing HELO name.
constexpr SV kNetEaseHosts[] = {"163.com", "126.com", "netease.com", "yeah.net", "163.net"};
constexpr SV kNetEaseDomains[] = {"163.com", "126.com", "yeah.net", "188.com", "vip.163.com"};
constexpr ProviderRule kNetEase[] = {
    {"spamdetected", "dt:spm", ""},
    {"badreputation", "rp:rdn", ""},
    {"speeding", "rp:cel", ""},
    {"blocked", "mi:nhd", ""},
};

// Yandex (Yandex Mail help, "SMTP errors"): "Policy rejection on the target address" is Yandex's
// refusal for a mailbox that is blocked; "this user doesn't have a yandex account" an unknown one.
constexpr SV kYandexHosts[] = {"yandex.net", "yandex.ru"};
constexpr SV kYandexDomains[] = {"yandex.ru", "yandex.com", "ya.ru", "yandex.by", "yandex.kz", "yandex.ua"};
constexpr ProviderRule kYandex[] = {
    {"suspend", "policy rejection on the target address", ""},
    {"userunknown", "doesn't have a yandex", ""},
};

constexpr std::array<Provider, 11> kProviders{{
    {"google", kGoogleHosts, kGoogleDomains, kGoogle},
    {"microsoft", kMicrosoftHosts, kMicrosoftDomains, kMicrosoft},
    {"yahoo", kYahooHosts, kYahooDomains, kYahoo},
    {"apple", kAppleHosts, kAppleDomains, kApple},
    {"orange", kOrangeHosts, kOrangeDomains, kOrange},
    {"godaddy", kGoDaddyHosts, kGoDaddyDomains, kGoDaddy},
    {"mimecast", kMimecastHosts, kMimecastDomains, kMimecast},
    {"cox", kCoxHosts, kCoxDomains, kCox},
    {"facebook", kFacebookHosts, kFacebookDomains, kFacebook},
    {"netease", kNetEaseHosts, kNetEaseDomains, kNetEase},
    {"yandex", kYandexHosts, kYandexDomains, kYandex},
}};

// The host (or domain) names of the table, lower-cased, each with the first provider that lists
// it. `name` is within a listed name exactly when one of its tails that starts the name or
// follows a '.' is that name: so the first provider is the lowest index found among those
// tails, one hash look-up per label instead of a comparison with every listed name.
class SuffixIndex {
 public:
  explicit SuffixIndex(std::span<const std::string_view> Provider::*names) {
    for (std::size_t i = 0; i < kProviders.size(); ++i)
      for (std::string_view n : kProviders[i].*names) first_.try_emplace(util::to_lower(n), i);
  }

  /// Index of the first provider `name` is within, kProviders.size() if none.
  std::size_t find(std::string_view name) const {
    std::size_t best = kProviders.size();
    std::string lowered = util::to_lower(name);
    std::string_view tail = lowered;
    for (std::size_t p = 0; p <= tail.size();) {
      if (auto it = first_.find(tail.substr(p)); it != first_.end() && it->second < best) best = it->second;
      std::size_t dot = tail.find('.', p);
      if (dot == std::string_view::npos) break;
      p = dot + 1;
    }
    return best;
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> first_;
};

}  // namespace

std::span<const Provider> providers() { return kProviders; }

const Provider* find_provider(std::string_view remote_mta, std::string_view recipient_domain) {
  static const SuffixIndex hosts(&Provider::hosts);
  static const SuffixIndex domains(&Provider::domains);
  if (!remote_mta.empty())
    if (std::size_t i = hosts.find(remote_mta); i < kProviders.size()) return &kProviders[i];
  if (!recipient_domain.empty())
    if (std::size_t i = domains.find(recipient_domain); i < kProviders.size()) return &kProviders[i];
  return nullptr;
}

}  // namespace bouncekit::classify
