// The provider table behind analysis::provider_of_host, for its consistency test.
#pragma once

#include <span>
#include <string_view>

namespace bouncekit::analysis {

struct ProviderHost {
  std::string_view suffix;    ///< lower-case host-name suffix, matched on a dot boundary
  std::string_view provider;  ///< short provider name shown in reports
};

/// Every line of the table, in file order.
std::span<const ProviderHost> provider_hosts();

}  // namespace bouncekit::analysis
