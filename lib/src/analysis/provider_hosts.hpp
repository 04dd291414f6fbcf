// The provider tables: host-name suffixes (behind analysis::provider_of_host) and well-known
// mailbox domains, for records that do not name their remote MTA.
#pragma once

#include <span>
#include <string_view>

namespace bouncekit::analysis {

struct ProviderHost {
  std::string_view suffix;    ///< lower-case host-name suffix, matched on a dot boundary
  std::string_view provider;  ///< short provider name shown in reports
};

/// Every line of the host-suffix table (provider_hosts.cpp), in file order.
std::span<const ProviderHost> provider_hosts();

/// Every line of the mailbox-domain table (provider_domains.cpp); `suffix` holds the whole domain.
std::span<const ProviderHost> provider_domains();

/// Provider hosting a well-known mailbox domain (gmail.com -> google), matched exactly; "" if none.
std::string_view provider_of_domain(std::string_view recipient_domain);

/// The provider a record is counted under: from its remote MTA's host name, else (unknown or
/// no host) from its recipient domain; "" if neither says.
std::string_view provider_of_record(std::string_view remote_mta, std::string_view recipient_domain);

}  // namespace bouncekit::analysis
