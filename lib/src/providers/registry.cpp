// The provider rows, and the lookups by host and by domain.
//
// Each host or domain name is listed by one row only (tests/providers/providers_test.cpp checks
// it), so the order below decides nothing but the order of all(). The lookups hash every listed
// name once; a name is then looked up by its label tails (the whole name, then what follows each
// '.'), longest first: at most one hash look-up per label, no scan of the rows.
#include <array>
#include <cstddef>
#include <string_view>
#include <unordered_map>

#include "providers/rows.hpp"
#include "util/strings.hpp"

namespace bouncekit::providers {
namespace {

constexpr std::array<const Provider*, 33> kRows{
    // With rules of their own.
    &google, &microsoft, &yahoo, &apple, &orange, &laposte, &godaddy, &mimecast, &cox, &facebook, &netease,
    &yandex, &mailchannels, &tonline,
    // Known by name only.
    &mailru, &zoho, &one_and_one, &comcast, &att, &proton, &fastmail, &messagelabs, &proofpoint, &barracuda,
    &amazonses, &sendgrid, &mailgun, &tencent, &naver, &free, &italiaonline, &rambler, &seznam,
};

constexpr std::size_t kMaxName = 253;  // RFC 1035: a longer name is no host or domain name

using Index = std::unordered_map<std::string_view, const Provider*>;

// Every name of one list of every row (hosts or domains) -> its row. The names are lower case
// (tested), so the table's own storage serves as keys.
Index index_of(std::span<const std::string_view> Provider::*names) {
  Index index;
  for (const Provider* row : kRows)
    for (std::string_view name : row->*names) index.emplace(name, row);
  return index;
}

// The row listing the longest label tail of `name`.
const Provider* find(const Index& index, std::string_view name) {
  name = util::trim(name);
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);  // a fully qualified "mx.example.com."
  if (name.empty() || name.size() > kMaxName) return nullptr;
  char lower[kMaxName];
  for (std::size_t i = 0; i < name.size(); ++i) lower[i] = util::ascii_lower(name[i]);
  const std::string_view lowered(lower, name.size());
  for (std::size_t start = 0; start < lowered.size();) {
    if (auto it = index.find(lowered.substr(start)); it != index.end()) return it->second;
    std::size_t dot = lowered.find('.', start);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return nullptr;
}

const Provider* if_rules(const Provider* row) { return row && !row->rules.empty() ? row : nullptr; }

}  // namespace

std::span<const Provider* const> all() { return kRows; }

const Provider* by_host(std::string_view host) {
  static const Index index = index_of(&Provider::hosts);
  return find(index, host);
}

const Provider* by_domain(std::string_view domain) {
  static const Index index = index_of(&Provider::domains);
  return find(index, domain);
}

const Provider* with_rules(std::string_view host, std::string_view domain) {
  if (const Provider* row = if_rules(by_host(host))) return row;
  return if_rules(by_domain(domain));
}

}  // namespace bouncekit::providers
