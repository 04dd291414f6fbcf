// The provider table: one row per mailbox provider (or mail gateway) that bouncekit knows by name.
// A row says which recipient domains the provider hosts, which host names its MX and outbound
// MTAs use, and what its own refusal codes and words mean. It is knowledge, not a stage: it
// parses no mail, and both classify (the rules) and analysis (the per-provider report lines)
// read it.
//
// One file per provider in this folder (google.cpp, microsoft.cpp, ...), each defining its row
// with its sources; registry.cpp lists the rows and answers the lookups below. To add a
// provider: a file, one line in rows.hpp and one in registry.cpp (docs/classifier.md,
// "Provider table").
#pragma once

#include <span>
#include <string_view>

namespace bouncekit::providers {

/// One of a provider's own codes or wordings and the reason it means.
struct Rule {
  std::string_view reason;  ///< a reason name of bouncekit/vocabulary.hpp (the tests check it)
  std::string_view phrase;  ///< lower case, found anywhere in the diagnostic; "" = any text
  std::string_view status;  ///< exact enhanced status the rule needs; "" = any status
};

/// One provider.
struct Provider {
  std::string_view name;                      ///< short name shown in reports and by `explain`
  std::span<const std::string_view> domains;  ///< recipient domains it hosts (a domain equal to or below one)
  std::span<const std::string_view> hosts;    ///< host-name suffixes of its MTAs (a host equal to or below one)
  std::span<const Rule> rules;                ///< in priority order; empty when it is known only by name
};

/// Every row, in registry order.
std::span<const Provider* const> all();

/// The provider whose MTAs use this host name: the row listing the longest suffix the name equals
/// or ends in after a '.', ignoring case, surrounding blanks and a final root dot; nullptr if
/// none (or the name is longer than a host name can be).
const Provider* by_host(std::string_view host);

/// The provider hosting this recipient domain, matched as by_host matches hosts
/// (vip.163.com is NetEase's); nullptr if none.
const Provider* by_domain(std::string_view domain);

/// The provider whose rules apply to a refusal by `host` for a recipient at `domain`: the host's
/// provider when it has rules, else the domain's when it has rules; nullptr if neither.
const Provider* with_rules(std::string_view host, std::string_view domain);

}  // namespace bouncekit::providers
