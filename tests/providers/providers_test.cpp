// The provider table (lib/src/providers): every row well formed, every name reachable, the
// hashed lookups answering what a scan of the rows answers, and the order classify relies on.
#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bouncekit/vocabulary.hpp"
#include "providers/providers.hpp"

namespace providers = bouncekit::providers;
using providers::Provider;

namespace {

bool lower_case_name(std::string_view n) {
  if (n.empty() || n.front() == '.' || n.back() == '.' || n.find('.') == std::string_view::npos) return false;
  for (char c : n)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '.' ||
          c == '-'))
      return false;
  return true;
}

// `name` equals `suffix` or ends in "." + suffix, ignoring case.
bool within(std::string_view name, std::string_view suffix) {
  if (name.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(name[name.size() - suffix.size() + i])) !=
        std::tolower(static_cast<unsigned char>(suffix[i])))
      return false;
  return name.size() == suffix.size() || name[name.size() - suffix.size() - 1] == '.';
}

// The lookups' answer found the slow way: every listed name of every row, the longest that
// `name` is within.
const Provider* scan(std::string_view name, std::span<const std::string_view> Provider::*list) {
  while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  if (name.empty() || name.size() > 253) return nullptr;
  const Provider* best = nullptr;
  std::size_t best_size = 0;
  for (const Provider* row : providers::all())
    for (std::string_view listed : row->*list)
      if (within(name, listed) && listed.size() > best_size) {
        best = row;
        best_size = listed.size();
      }
  return best;
}

}  // namespace

TEST(ProviderTable, RowsAreNamedAndTheirNamesWellFormedAndListedOnce) {
  std::set<std::string_view> names, hosts, domains;
  for (const Provider* row : providers::all()) {
    ASSERT_NE(row, nullptr);
    EXPECT_FALSE(row->name.empty());
    EXPECT_TRUE(names.insert(row->name).second) << "two rows named " << row->name;
    EXPECT_FALSE(row->hosts.empty()) << row->name;
    for (std::string_view h : row->hosts) {
      EXPECT_TRUE(lower_case_name(h)) << row->name << ": " << h;
      EXPECT_TRUE(hosts.insert(h).second) << "host listed twice: " << h;
    }
    for (std::string_view d : row->domains) {
      EXPECT_TRUE(lower_case_name(d)) << row->name << ": " << d;
      EXPECT_TRUE(domains.insert(d).second) << "domain listed twice: " << d;
    }
  }
  EXPECT_GE(names.size(), 30u);
}

TEST(ProviderTable, EveryListedNameReachesItsRow) {
  for (const Provider* row : providers::all()) {
    for (std::string_view h : row->hosts) {
      EXPECT_EQ(providers::by_host(h), row) << h;
      EXPECT_EQ(providers::by_host("mx1." + std::string(h)), row) << h;
    }
    for (std::string_view d : row->domains) {
      EXPECT_EQ(providers::by_domain(d), row) << d;
      EXPECT_EQ(providers::by_domain("vip." + std::string(d)), row) << d;
    }
  }
}

TEST(ProviderTable, RulesNameKnownReasonsAndSaySomething) {
  std::size_t with_rules = 0;
  for (const Provider* row : providers::all()) {
    if (!row->rules.empty()) ++with_rules;
    for (const auto& r : row->rules) {
      EXPECT_TRUE(bouncekit::vocabulary::reason_named(r.reason).has_value()) << row->name << ": " << r.reason;
      EXPECT_FALSE(r.phrase.empty() && r.status.empty()) << row->name;
      for (char c : r.phrase) EXPECT_FALSE(c >= 'A' && c <= 'Z') << row->name << ": " << r.phrase;
    }
  }
  EXPECT_GE(with_rules, 12u);
}

// The lookups use a hash index; they must answer what a scan of the rows answers, for every
// listed name and its variants (case, a label more, a character less, a root dot, blanks).
TEST(ProviderTable, IndexAgreesWithAScanOfTheRows) {
  std::vector<std::string> names{"", "example.org", "com", ".", "a..b", "  ", std::string(300, 'a') + ".gmail.com"};
  for (const Provider* row : providers::all())
    for (auto list : {row->hosts, row->domains})
      for (std::string_view n : list) {
        std::string upper(n);
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        for (std::string v : {std::string(n), "mx1." + std::string(n), "x" + std::string(n), upper, "MX." + upper,
                              std::string(n) + ".", std::string(n) + "..", " " + std::string(n) + " ",
                              std::string(n).substr(1), std::string(n) + ".example"})
          names.push_back(v);
      }
  for (const auto& n : names) {
    EXPECT_EQ(providers::by_host(n), scan(n, &Provider::hosts)) << n;
    EXPECT_EQ(providers::by_domain(n), scan(n, &Provider::domains)) << n;
  }
}

TEST(ProviderLookup, HostsOnADotBoundaryIgnoringCaseRootDotAndBlanks) {
  EXPECT_EQ(providers::by_host("gmail-smtp-in.l.google.com")->name, "google");
  EXPECT_EQ(providers::by_host("EXAMPLE-COM.MAIL.PROTECTION.OUTLOOK.COM.")->name, "microsoft");
  EXPECT_EQ(providers::by_host("  mta6.am0.yahoodns.net ")->name, "yahoo");
  EXPECT_EQ(providers::by_host("mailin-01.mx.aol.com")->name, "yahoo");  // AOL is part of Yahoo
  EXPECT_EQ(providers::by_host("smtpz4.laposte.net")->name, "laposte");
  EXPECT_EQ(providers::by_host("notgoogle.com"), nullptr);
  EXPECT_EQ(providers::by_host("google.com.attacker.example"), nullptr);
  EXPECT_EQ(providers::by_host("192.0.2.7"), nullptr);
  EXPECT_EQ(providers::by_host(""), nullptr);
  EXPECT_EQ(providers::by_host(std::string(100000, 'a')), nullptr);
}

TEST(ProviderLookup, DomainsEqualToOrBelowAListedOne) {
  EXPECT_EQ(providers::by_domain("gmail.com")->name, "google");
  EXPECT_EQ(providers::by_domain("Hotmail.CO.UK")->name, "microsoft");
  EXPECT_EQ(providers::by_domain("vip.163.com")->name, "netease");
  EXPECT_EQ(providers::by_domain("laposte.net")->name, "laposte");
  EXPECT_EQ(providers::by_domain("notgmail.com"), nullptr);
  EXPECT_EQ(providers::by_domain("example.com"), nullptr);
}

// The classifier's choice: the host's provider when it has rules, else the domain's.
TEST(ProviderLookup, WithRulesPrefersTheHostThenTheDomain) {
  EXPECT_EQ(providers::with_rules("example-com.mail.protection.outlook.com", "gmail.com")->name, "microsoft");
  EXPECT_EQ(providers::with_rules("mx.example.org", "gmail.com")->name, "google");
  EXPECT_EQ(providers::with_rules("", "aol.com")->name, "yahoo");
  // A host the table knows by name only says nothing about rules: the domain's provider's apply.
  ASSERT_TRUE(providers::by_host("mx0a-00123401.pphosted.com"));
  EXPECT_TRUE(providers::by_host("mx0a-00123401.pphosted.com")->rules.empty());
  EXPECT_EQ(providers::with_rules("mx0a-00123401.pphosted.com", "yahoo.com")->name, "yahoo");
  EXPECT_EQ(providers::with_rules("mxs.mail.ru", "mail.ru"), nullptr);
  EXPECT_EQ(providers::with_rules("", ""), nullptr);
}
