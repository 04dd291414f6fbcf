// Aggregation: totals and per-domain / per-provider counts from a stream of stored records.
#include <gtest/gtest.h>

#include "analysis/records.hpp"
#include "analysis/top_counter.hpp"
#include "bouncekit/analysis.hpp"

namespace an = bouncekit::analysis;
using bouncekit::test::hard;
using bouncekit::test::record;
using bouncekit::test::soft;

namespace {

an::StoredRecord at(an::StoredRecord r, std::string mta, std::string diagnostic = "") {
  r.remote_mta = std::move(mta);
  r.diagnostic = std::move(diagnostic);
  return r;
}

const an::GroupStats* find(const std::vector<an::GroupStats>& groups, const std::string& name) {
  for (const auto& g : groups)
    if (g.name == name) return &g;
  return nullptr;
}

// A small window: example.com at Google (one message with two records), example.net at
// Microsoft with a block, example.org on its own server.
an::Summary small_window(std::vector<an::Suppression>* suppressions = nullptr) {
  an::Aggregator agg;
  std::vector<an::StoredRecord> records = {
      at(hard("a@example.com", "2026-11-01T10:00:00Z", "m1"), "gmail-smtp-in.l.google.com", "550 5.1.1 no such user"),
      at(hard("b@example.com", "2026-11-01T10:00:00Z", "m1"), "gmail-smtp-in.l.google.com", "550 5.1.1 no such user"),
      at(soft("c@example.com", "2026-11-02T11:00:00Z", "m2"), "alt1.gmail-smtp-in.l.google.com", "452 4.2.2 over quota"),
      at(record("d@example.net", "2026-11-02T12:00:00Z", "blocked", "soft", "sender", "m3"),
         "example-net.mail.protection.outlook.com", "550 5.7.1 banned sending IP"),
      at(soft("e@example.org", "2026-11-03T09:00:00Z", "m4"), "mx.example.org", "451 try later"),
  };
  for (const auto& r : records) agg.add_record(r);
  for (const auto& r : records)
    if (auto s = agg.add_recipient({r.recipient, {r}}); s && suppressions) suppressions->push_back(*s);
  return agg.finish();
}

}  // namespace

TEST(Aggregator, WindowTotals) {
  auto s = small_window();
  EXPECT_EQ(s.messages, 4u);  // m1 has two records
  EXPECT_EQ(s.records, 5u);
  EXPECT_EQ(s.hard, 2u);
  EXPECT_EQ(s.soft, 3u);
  EXPECT_EQ(s.recipients, 5u);
  EXPECT_EQ(s.suppressed, 2u);  // the two hard bounces
  EXPECT_EQ(s.reasons, (std::map<std::string, std::uint64_t>{{"userunknown", 2}, {"mailboxfull", 2}, {"blocked", 1}}));
  EXPECT_EQ(s.owners, (std::map<std::string, std::uint64_t>{{"recipient", 4}, {"sender", 1}}));
  EXPECT_EQ(s.per_day, (std::map<std::string, std::uint64_t>{{"2026-11-01", 2}, {"2026-11-02", 2}, {"2026-11-03", 1}}));
}

TEST(Aggregator, PerDomainCounts) {
  std::vector<an::Suppression> suppressions;
  auto s = small_window(&suppressions);
  ASSERT_EQ(s.domains.size(), 3u);
  EXPECT_EQ(s.domains[0].name, "example.com");  // most records first
  const auto& com = s.domains[0];
  EXPECT_EQ(com.messages, 2u);
  EXPECT_EQ(com.records, 3u);
  EXPECT_EQ(com.hard, 2u);
  EXPECT_EQ(com.soft, 1u);
  EXPECT_EQ(com.suppressed, 2u);
  EXPECT_EQ(com.first_seen, "2026-11-01T10:00:00Z");
  EXPECT_EQ(com.last_seen, "2026-11-02T11:00:00Z");
  EXPECT_FALSE(com.sender_side_flag);
  ASSERT_EQ(com.top_remote_mtas.size(), 2u);
  EXPECT_EQ(com.top_remote_mtas[0], (std::pair<std::string, std::uint64_t>{"gmail-smtp-in.l.google.com", 2}));
  EXPECT_EQ(com.example_diagnostics, (std::vector<std::string>{"550 5.1.1 no such user", "452 4.2.2 over quota"}));

  const auto* net = find(s.domains, "example.net");
  ASSERT_NE(net, nullptr);
  // One refusal says the sender must act, but one is not a pattern (blocklists_test.cpp: the threshold).
  EXPECT_EQ(net->sender_side, 1u);
  EXPECT_FALSE(net->sender_side_flag);
  EXPECT_EQ(net->suppressed, 0u);
  EXPECT_EQ(net->owners, (std::map<std::string, std::uint64_t>{{"sender", 1}}));
  ASSERT_EQ(suppressions.size(), 2u);
  EXPECT_EQ(suppressions[0].recipient, "a@example.com");
}

TEST(Aggregator, PerProviderCountsLeaveUnknownHostsOut) {
  auto s = small_window();
  ASSERT_EQ(s.providers.size(), 2u);
  EXPECT_EQ(s.providers[0].name, "google");
  EXPECT_EQ(s.providers[0].records, 3u);
  EXPECT_EQ(s.providers[0].messages, 2u);
  EXPECT_EQ(s.providers[1].name, "microsoft");
  EXPECT_EQ(s.providers[1].sender_side, 1u);
  EXPECT_EQ(s.providers[1].blocklists, (std::map<std::string, std::uint64_t>{{"microsoft-365", 1}}));
  EXPECT_EQ(find(s.providers, ""), nullptr);
}

TEST(Aggregator, RecordsWithoutRemoteHostCountUnderTheirMailboxDomainsProvider) {
  an::Aggregator agg;
  agg.add_record(at(hard("a@gmail.com", "2026-11-01T00:00:00Z", "m1"), ""));
  agg.add_record(at(hard("b@example.com", "2026-11-01T00:00:00Z", "m2"), "aspmx.l.google.com"));
  agg.add_record(at(hard("c@example.org", "2026-11-01T00:00:00Z", "m3"), ""));
  auto s = agg.finish();
  ASSERT_EQ(s.providers.size(), 1u);
  EXPECT_EQ(s.providers[0].name, "google");
  EXPECT_EQ(s.providers[0].records, 2u);
}

TEST(Aggregator, ManySmallDomainsAtOneProviderAddUp) {
  an::Aggregator agg;
  for (int i = 0; i < 200; ++i)
    agg.add_record(at(hard("x@d" + std::to_string(i) + ".example", "2026-11-01T00:00:00Z", "m" + std::to_string(i)),
                      "tenant" + std::to_string(i) + ".mail.protection.outlook.com"));
  auto s = agg.finish();
  EXPECT_EQ(s.domains.size(), 200u);
  ASSERT_EQ(s.providers.size(), 1u);
  EXPECT_EQ(s.providers[0].records, 200u);
  EXPECT_EQ(s.providers[0].messages, 200u);
  EXPECT_EQ(s.providers[0].top_remote_mtas.size(), 5u);  // at most five
}

TEST(Aggregator, TopMtasMostFirstAndAtMostFive) {
  an::Aggregator agg;
  int n = 0;
  for (int host = 0; host < 8; ++host)
    for (int k = 0; k <= host; ++k)
      agg.add_record(at(soft("a@example.com", "2026-11-01T00:00:00Z", "m" + std::to_string(n++)),
                        "mx" + std::to_string(host) + ".example.com"));
  auto s = agg.finish();
  const auto& mtas = s.domains.at(0).top_remote_mtas;
  ASSERT_EQ(mtas.size(), 5u);
  EXPECT_EQ(mtas[0], (std::pair<std::string, std::uint64_t>{"mx7.example.com", 8}));
  EXPECT_EQ(mtas[4], (std::pair<std::string, std::uint64_t>{"mx3.example.com", 4}));
}

TEST(Aggregator, ExampleDiagnosticsAreDistinctAtMostThreeAndClipped) {
  an::Aggregator agg;
  const std::string longest(5000, 'x');
  for (const auto* d : {"one", "one", "two", "", "three", "four"})
    agg.add_record(at(soft("a@example.com", "2026-11-01T00:00:00Z"), "", d));
  an::Aggregator agg2;
  agg2.add_record(at(soft("a@example.com", "2026-11-01T00:00:00Z"), "", longest));
  EXPECT_EQ(agg.finish().domains.at(0).example_diagnostics, (std::vector<std::string>{"one", "two", "three"}));
  auto clipped = agg2.finish().domains.at(0).example_diagnostics.at(0);
  EXPECT_LT(clipped.size(), 400u);
  EXPECT_EQ(clipped.substr(clipped.size() - 3), "\xE2\x80\xA6");
}

TEST(Aggregator, ClippingNeverSplitsAUtf8Sequence) {
  an::Aggregator agg;
  std::string text;
  for (int i = 0; i < 200; ++i) text += "\xC3\xA9";  // é, two bytes each
  agg.add_record(at(soft("a@example.com", "2026-11-01T00:00:00Z"), "", "x" + text));
  auto example = agg.finish().domains.at(0).example_diagnostics.at(0);
  std::string body = example.substr(1, example.size() - 4);  // without "x" and the ellipsis
  ASSERT_EQ(body.size() % 2, 0u);
  for (std::size_t i = 0; i < body.size(); i += 2) ASSERT_EQ(body.substr(i, 2), "\xC3\xA9");
}

TEST(Aggregator, DistinctMessagesCountChangesOfFingerprint) {
  an::Aggregator agg;
  for (const char* fp : {"m1", "m1", "m1", "m2", "m3", "m3"})
    agg.add_record(hard("a@example.com", "2026-11-01T00:00:00Z", fp));
  auto s = agg.finish();
  EXPECT_EQ(s.messages, 3u);
  EXPECT_EQ(s.records, 6u);
  EXPECT_EQ(s.domains.at(0).messages, 3u);
}

TEST(Aggregator, NonBouncesCountAsRecordsButNeitherHardNorSoft) {
  an::Aggregator agg;
  agg.add_record(record("a@example.com", "2026-11-01T00:00:00Z", "vacation", "none", "", "v"));
  auto s = agg.finish();
  EXPECT_EQ(s.records, 1u);
  EXPECT_EQ(s.hard + s.soft, 0u);
  EXPECT_EQ(s.owners, (std::map<std::string, std::uint64_t>{{"", 1}}));
}

TEST(Aggregator, RecordsWithoutDomainOrDateAreKeptUnderNone) {
  an::Aggregator agg;
  auto r = soft("undisclosed", "not a date");
  agg.add_record(r);
  auto s = agg.finish();
  ASSERT_EQ(s.domains.size(), 1u);
  EXPECT_EQ(s.domains[0].name, "(none)");
  EXPECT_TRUE(s.per_day.empty());
  EXPECT_EQ(s.domains[0].first_seen, "");  // not "not a date"
  EXPECT_EQ(s.domains[0].last_seen, "");
}

TEST(Aggregator, FinishStartsAFreshWindow) {
  an::Aggregator agg;
  agg.add_record(hard("a@example.com", "2026-11-01T00:00:00Z"));
  EXPECT_EQ(agg.finish().records, 1u);
  EXPECT_EQ(agg.finish().records, 0u);
}

TEST(Aggregator, SuppressionUsesTheConfiguredPolicy) {
  an::SuppressionPolicy p;
  p.hard_suppresses = false;
  an::Aggregator agg(p);
  auto r = hard("a@example.com", "2026-11-01T00:00:00Z");
  agg.add_record(r);
  EXPECT_FALSE(agg.add_recipient({r.recipient, {r}}));
  EXPECT_EQ(agg.finish().suppressed, 0u);
}

TEST(TopCounter, ExactUpToCapacityBoundedBeyond) {
  an::TopCounter counter(4);
  for (int i = 0; i < 3; ++i) counter.add("early");
  EXPECT_EQ(counter.top(10), (std::vector<std::pair<std::string, std::uint64_t>>{{"early", 3}}));
  // 500 of 1503 values: more than a quarter, so Space-Saving must keep it among four slots.
  for (int i = 0; i < 1000; ++i) {
    counter.add("rare" + std::to_string(i));
    if (i % 2 == 0) counter.add("heavy");
  }
  auto top = counter.top(10);
  EXPECT_EQ(top.size(), 4u);  // never more slots than the capacity
  EXPECT_EQ(top[0].first, "heavy");
  EXPECT_GE(top[0].second, 500u);
}

TEST(Aggregator, RecipientsCountedApartAndMergedCountAsInOne) {
  // nightly::run reads the recipients into an Aggregator of their own (on another thread) and
  // merges them: the Summary must be the one a single Aggregator gives. lonely.example has a
  // suppressed recipient but no record in the window's records: its group comes from the merge.
  std::vector<an::StoredRecord> records = {
      hard("a@example.com", "2026-11-01T10:00:00Z", "m1"), hard("b@example.com", "2026-11-01T10:00:00Z", "m1"),
      soft("c@example.net", "2026-11-02T11:00:00Z", "m2"), hard("d@example.net", "2026-11-03T09:00:00Z", "m3")};
  std::vector<an::RecipientHistory> recipients;
  for (const auto& r : records) recipients.push_back({r.recipient, {r}});
  recipients.push_back({"x@lonely.example", {hard("x@lonely.example", "2026-11-04T09:00:00Z", "m4")}});

  an::Aggregator one;
  for (const auto& r : records) one.add_record(r);
  for (const auto& h : recipients) one.add_recipient(h);
  an::Summary expected = one.finish();

  an::Aggregator by_records, by_recipients;
  for (const auto& r : records) by_records.add_record(r);
  for (const auto& h : recipients) by_recipients.add_recipient(h);
  by_records.merge_recipients(by_recipients);
  an::Summary merged = by_records.finish();

  EXPECT_EQ(merged.recipients, 5u);
  EXPECT_EQ(merged.suppressed, 4u);
  EXPECT_EQ(merged.recipients, expected.recipients);
  EXPECT_EQ(merged.suppressed, expected.suppressed);
  EXPECT_EQ(merged.records, expected.records);
  EXPECT_EQ(merged.messages, expected.messages);
  ASSERT_EQ(merged.domains.size(), 3u);
  ASSERT_EQ(merged.domains.size(), expected.domains.size());
  for (std::size_t i = 0; i < merged.domains.size(); ++i) {
    SCOPED_TRACE(expected.domains[i].name);
    EXPECT_EQ(merged.domains[i].name, expected.domains[i].name);
    EXPECT_EQ(merged.domains[i].records, expected.domains[i].records);
    EXPECT_EQ(merged.domains[i].messages, expected.domains[i].messages);
    EXPECT_EQ(merged.domains[i].suppressed, expected.domains[i].suppressed);
  }
  const an::GroupStats* lonely = find(merged.domains, "lonely.example");
  ASSERT_NE(lonely, nullptr);
  EXPECT_EQ(lonely->suppressed, 1u);
  EXPECT_EQ(lonely->records, 0u);
  EXPECT_EQ(find(merged.domains, "example.com")->suppressed, 2u);
  EXPECT_EQ(find(merged.domains, "example.net")->suppressed, 1u);
}

// A fleet's history (docs/fleet.md): the records split by the host that counted their message.
TEST(Aggregator, PerHostCountsAndSuppressionsOncePerHostOfTheRecipient) {
  auto on = [](an::StoredRecord r, std::string host) {
    r.host = std::move(host);
    return r;
  };
  an::Aggregator agg;
  // ann's two hard bounces were counted by mx1, her third by mx2; bob's soft one by mx2; carol's
  // before hosts were stored.
  const an::RecipientHistory ann{"ann@example.com",
                                 {on(hard("ann@example.com", "2026-11-01T10:00:00Z", "m1"), "mx1"),
                                  on(hard("ann@example.com", "2026-11-02T10:00:00Z", "m2"), "mx1"),
                                  on(hard("ann@example.com", "2026-11-03T10:00:00Z", "m3"), "mx2")}};
  const an::RecipientHistory bob{"bob@example.net", {on(soft("bob@example.net", "2026-11-02T10:00:00Z", "m4"), "mx2")}};
  const an::RecipientHistory carol{"carol@example.org", {hard("carol@example.org", "2026-11-02T10:00:00Z", "m5")}};
  for (const auto* h : {&ann, &bob, &carol})
    for (const auto& r : h->records) agg.add_record(r);
  for (const auto* h : {&ann, &bob, &carol}) agg.add_recipient(*h);
  auto s = agg.finish();
  ASSERT_EQ(s.hosts.size(), 2u);  // carol's record has no host: in no group
  const an::GroupStats* mx1 = find(s.hosts, "mx1");
  const an::GroupStats* mx2 = find(s.hosts, "mx2");
  ASSERT_NE(mx1, nullptr);
  ASSERT_NE(mx2, nullptr);
  EXPECT_EQ(mx1->records, 2u);
  EXPECT_EQ(mx2->records, 2u);
  EXPECT_EQ(mx2->soft, 1u);
  EXPECT_EQ(mx1->suppressed, 1u);  // ann, once
  EXPECT_EQ(mx2->suppressed, 1u);  // ann again: one of her records was counted there
}

TEST(Aggregator, PerListCountsAndSuppressionsOncePerListOfTheRecipient) {
  auto in_list = [](an::StoredRecord r, std::string list) {
    r.list = std::move(list);
    return r;
  };
  an::Aggregator agg;
  // ann bounced hard from two lists (two messages), bob softly from one, carol from no known list.
  const an::RecipientHistory ann{"ann@example.com",
                                 {in_list(hard("ann@example.com", "2026-11-01T10:00:00Z", "m1"), "news.example.org"),
                                  in_list(hard("ann@example.com", "2026-11-02T10:00:00Z", "m2"), "deals.example.org"),
                                  in_list(hard("ann@example.com", "2026-11-03T10:00:00Z", "m3"), "news.example.org")}};
  const an::RecipientHistory bob{"bob@example.net",
                                 {in_list(soft("bob@example.net", "2026-11-02T10:00:00Z", "m4"), "news.example.org")}};
  const an::RecipientHistory carol{"carol@example.org", {hard("carol@example.org", "2026-11-02T10:00:00Z", "m5")}};
  for (const auto* h : {&ann, &bob, &carol})
    for (const auto& r : h->records) agg.add_record(r);
  for (const auto* h : {&ann, &bob, &carol}) agg.add_recipient(*h);
  auto s = agg.finish();
  ASSERT_EQ(s.lists.size(), 2u);  // carol's list is unknown: in no group
  EXPECT_EQ(s.lists[0].name, "news.example.org");  // most records first
  EXPECT_EQ(s.lists[0].records, 3u);
  EXPECT_EQ(s.lists[0].hard, 2u);
  EXPECT_EQ(s.lists[0].soft, 1u);
  EXPECT_EQ(s.lists[0].suppressed, 1u);  // ann once, though two of her records are of the list
  const an::GroupStats* deals = find(s.lists, "deals.example.org");
  ASSERT_NE(deals, nullptr);
  EXPECT_EQ(deals->records, 1u);
  EXPECT_EQ(deals->suppressed, 1u);
  EXPECT_EQ(s.suppressed, 2u);  // ann and carol
}
