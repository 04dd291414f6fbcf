// Which provider a record is counted under in the report (docs/report.md, "Providers"), from the
// provider table (lib/src/providers).
#pragma once

#include <string_view>

namespace bouncekit::analysis {

/// Provider hosting a recipient domain (gmail.com -> google, vip.163.com -> netease); "" if none.
std::string_view provider_of_domain(std::string_view recipient_domain);

/// The provider a record is counted under: from its remote MTA's host name, else (unknown or
/// no host) from its recipient domain; "" if neither says.
std::string_view provider_of_record(std::string_view remote_mta, std::string_view recipient_domain);

}  // namespace bouncekit::analysis
