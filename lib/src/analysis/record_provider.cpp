// A record's provider for the report's per-provider lines: the provider table's row of the host
// that refused the mail, else of the recipient's domain (about half of all bounces name no
// remote host; a recipient at gmail.com is at Google whatever the bounce says).
#include "analysis/record_provider.hpp"

#include "bouncekit/analysis.hpp"
#include "providers/providers.hpp"

namespace bouncekit::analysis {
namespace {

std::string_view name_of(const providers::Provider* row) { return row ? row->name : std::string_view(); }

}  // namespace

std::string_view provider_of_host(std::string_view remote_mta) { return name_of(providers::by_host(remote_mta)); }

std::string_view provider_of_domain(std::string_view recipient_domain) {
  return name_of(providers::by_domain(recipient_domain));
}

std::string_view provider_of_record(std::string_view remote_mta, std::string_view recipient_domain) {
  std::string_view provider = provider_of_host(remote_mta);
  return provider.empty() ? provider_of_domain(recipient_domain) : provider;
}

}  // namespace bouncekit::analysis
