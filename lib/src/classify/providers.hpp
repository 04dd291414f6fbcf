// Mailbox providers with their own codes and words. A record whose remote MTA host or recipient
// domain belongs to a provider is first classified with that provider's table.
#pragma once

#include <span>
#include <string_view>

namespace bouncekit::classify {

struct ProviderRule {
  std::string_view reason;
  std::string_view phrase;  ///< lower case, found anywhere in the diagnostic; "" = any text
  std::string_view status;  ///< exact enhanced status the rule needs; "" = any status
};

struct Provider {
  std::string_view name;
  std::span<const std::string_view> hosts;    ///< remote MTA host names ending in one of these
  std::span<const std::string_view> domains;  ///< recipient domains equal to or below one of these
  std::span<const ProviderRule> rules;        ///< in priority order
};

/// Every provider table.
std::span<const Provider> providers();

/// The provider the remote MTA host belongs to, else the one the recipient domain belongs to; nullptr if none.
const Provider* find_provider(std::string_view remote_mta, std::string_view recipient_domain);

}  // namespace bouncekit::classify
