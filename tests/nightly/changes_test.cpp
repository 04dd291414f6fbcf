// The changes since the previous run (nightly/changes.hpp) and the watch list (analysis::watch):
// the merge of two address-ordered lists, why an address left, and what the policy still needs.
#include <gtest/gtest.h>

#include <vector>

#include "analysis/records.hpp"
#include "bouncekit/analysis.hpp"
#include "nightly/changes.hpp"

namespace {

namespace an = bouncekit::analysis;
using bouncekit::history::PublishedSuppression;
using bouncekit::nightly::detail::ChangeContext;
using bouncekit::nightly::detail::ChangeTracker;
using bouncekit::test::hard;
using bouncekit::test::record;
using bouncekit::test::soft;

an::RecipientHistory history_of(std::string recipient, std::vector<an::StoredRecord> records) {
  return an::RecipientHistory{std::move(recipient), std::move(records)};
}

an::Suppression suppression_of(const std::string& address, const char* reason = "userunknown") {
  an::Suppression s;
  s.recipient = address;
  s.reason = reason;
  s.rule = "hard";
  s.first_bounce = s.last_bounce = "2026-11-09T02:00:00Z";
  return s;
}

ChangeTracker::Previous from(std::vector<PublishedSuppression> list) {
  auto shared = std::make_shared<std::vector<PublishedSuppression>>(std::move(list));
  auto next = std::make_shared<std::size_t>(0);
  return [shared, next]() -> std::optional<PublishedSuppression> {
    if (*next >= shared->size()) return std::nullopt;
    return (*shared)[(*next)++];
  };
}

PublishedSuppression published(const std::string& address) {
  return {address, "mailboxfull", "soft-repeated", "2026-11-01T00:00:00Z", "2026-11-08T00:00:00Z"};
}

struct Seen {
  std::vector<an::AddressChange> rows;
  ChangeTracker::Emit emit() {
    return [this](const an::AddressChange& c) { rows.push_back(c); };
  }
};

TEST(ChangeTracker, OnAFirstRunEverySuppressionIsNew) {
  Seen seen;
  ChangeTracker t(from({}), ChangeContext{}, seen.emit(), 10);
  an::Suppression a = suppression_of("a@x.example"), b = suppression_of("b@x.example");
  EXPECT_TRUE(t.recipient(history_of("a@x.example", {hard("a@x.example", "2026-11-09T02:00:00Z")}), &a));
  EXPECT_FALSE(t.recipient(history_of("ab@x.example", {soft("ab@x.example", "2026-11-09T02:00:00Z")}), nullptr));
  EXPECT_TRUE(t.recipient(history_of("b@x.example", {hard("b@x.example", "2026-11-09T02:00:00Z")}), &b));
  t.finish();
  EXPECT_TRUE(t.changes().first_run);
  EXPECT_EQ(t.changes().added, 2u);
  EXPECT_EQ(t.changes().removed, 0u);
  ASSERT_EQ(seen.rows.size(), 2u);
  EXPECT_EQ(seen.rows[0].address, "a@x.example");
  EXPECT_EQ(seen.rows[0].change, "added");
  EXPECT_EQ(seen.rows[0].why, "new");
  EXPECT_EQ(seen.rows[1].address, "b@x.example");
}

TEST(ChangeTracker, MergesTheListsAndSaysWhyEachAddressLeft) {
  ChangeContext context;
  context.first_run = false;
  context.allowed = std::make_shared<const std::set<std::string>>(std::set<std::string>{"allowed@x.example"});
  context.forgotten = {"forgot@x.example"};
  Seen seen;
  ChangeTracker t(from({published("aged@x.example"), published("allowed@x.example"), published("forgot@x.example"),
                        published("kept@x.example"), published("mended@x.example"), published("zz-gone@x.example")}),
                  context, seen.emit(), 10);
  // In address (byte) order, as the history streams them.
  an::Suppression fresh = suppression_of("fresh@x.example"), kept = suppression_of("kept@x.example");
  EXPECT_FALSE(t.recipient(history_of("allowed@x.example", {hard("allowed@x.example", "2026-11-09T02:00:00Z")}), nullptr));
  EXPECT_TRUE(t.recipient(history_of("fresh@x.example", {hard("fresh@x.example", "2026-11-09T02:00:00Z")}), &fresh));
  EXPECT_FALSE(t.recipient(history_of("kept@x.example", {hard("kept@x.example", "2026-11-09T02:00:00Z")}), &kept));
  EXPECT_FALSE(t.recipient(
      history_of("mended@x.example", {soft("mended@x.example", "2026-11-09T02:00:00Z"),
                                      record("mended@x.example", "2026-11-10T02:00:00Z", "delivered", "none", "")}),
      nullptr));
  t.finish();
  EXPECT_FALSE(t.changes().first_run);
  EXPECT_EQ(t.changes().added, 1u);
  EXPECT_EQ(t.changes().removed, 5u);
  EXPECT_EQ(t.changes().removed_by_why,
            (std::map<std::string, std::uint64_t>{{"aged-out", 2}, {"allowed", 1}, {"forgotten", 1}, {"recovered", 1}}));
  std::vector<std::string> order;
  for (const auto& row : seen.rows) order.push_back(row.address + " " + row.change + " " + row.why);
  EXPECT_EQ(order, (std::vector<std::string>{"aged@x.example removed aged-out", "allowed@x.example removed allowed",
                                             "forgot@x.example removed forgotten", "fresh@x.example added new",
                                             "mended@x.example removed recovered",
                                             "zz-gone@x.example removed aged-out"}));
  // A removed address keeps the reason and dates it was suppressed with.
  EXPECT_EQ(seen.rows[0].reason, "mailboxfull");
  EXPECT_EQ(seen.rows[0].first_bounce, "2026-11-01T00:00:00Z");
}

TEST(ChangeTracker, APolicyChangeIsNamedUnlessAConcreteCauseIsKnown) {
  ChangeContext context;
  context.first_run = false;
  context.policy_changed = true;
  ChangeTracker t(from({published("a@x.example")}), context, {}, 10);
  EXPECT_FALSE(t.recipient(history_of("a@x.example", {soft("a@x.example", "2026-11-09T02:00:00Z")}), nullptr));
  t.finish();
  EXPECT_EQ(t.changes().removed_by_why, (std::map<std::string, std::uint64_t>{{"policy-changed", 1}}));
}

TEST(ChangeTracker, TheHeadIsCappedButTheCountsAreNot) {
  ChangeTracker t(from({}), ChangeContext{}, {}, 3);
  std::vector<an::Suppression> all;
  for (int i = 0; i < 10; ++i) all.push_back(suppression_of("u" + std::to_string(i) + "@x.example"));
  for (auto& s : all) t.recipient(history_of(s.recipient, {hard(s.recipient, "2026-11-09T02:00:00Z")}), &s);
  t.finish();
  EXPECT_EQ(t.changes().added, 10u);
  EXPECT_EQ(t.changes().head.size(), 3u);
}

TEST(WatchList, CountsRecipientSideSoftBouncesAndSaysWhatIsStillNeeded) {
  an::SuppressionPolicy policy;  // 3 soft bounces over at least 7 days
  auto w = an::watch(history_of("w@x.example", {soft("w@x.example", "2026-11-09T02:00:00Z"),
                                                soft("w@x.example", "2026-11-10T05:00:00Z")}),
                     policy);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->soft, 2u);
  EXPECT_EQ(w->more_bounces, 1u);
  EXPECT_EQ(w->not_before, "2026-11-16");
  EXPECT_EQ(w->first_bounce, "2026-11-09T02:00:00Z");
  EXPECT_EQ(w->last_bounce, "2026-11-10T05:00:00Z");
  EXPECT_EQ(w->last_reason, "mailboxfull");
  EXPECT_EQ(an::needs_text(*w), "1 more soft bounce, on or after 2026-11-16");

  // Enough days already, too few bounces: no date is needed.
  w = an::watch(history_of("w@x.example", {soft("w@x.example", "2026-11-01T02:00:00Z"),
                                           soft("w@x.example", "2026-11-10T05:00:00Z")}),
                policy);
  ASSERT_TRUE(w);
  EXPECT_EQ(an::needs_text(*w), "1 more soft bounce");
  w = an::watch(history_of("w@x.example", {soft("w@x.example", "2026-11-10T05:00:00Z")}), policy);
  ASSERT_TRUE(w);
  EXPECT_EQ(an::needs_text(*w), "2 more soft bounces, the last on or after 2026-11-17");
}

TEST(WatchList, SenderSideRefusalsNeverCountTowardsAnAddress) {
  an::SuppressionPolicy policy;
  auto blocked = [](const char* date) { return record("w@x.example", date, "blocked", "soft", "sender"); };
  EXPECT_FALSE(an::watch(history_of("w@x.example", {blocked("2026-11-01T02:00:00Z"), blocked("2026-11-05T02:00:00Z"),
                                                    blocked("2026-11-10T02:00:00Z")}),
                         policy));
  auto w = an::watch(history_of("w@x.example", {blocked("2026-11-01T02:00:00Z"), soft("w@x.example", "2026-11-05T02:00:00Z"),
                                                blocked("2026-11-10T02:00:00Z")}),
                     policy);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->soft, 1u);
  EXPECT_EQ(w->last_bounce, "2026-11-05T02:00:00Z");
}

TEST(WatchList, NothingToWatchWhenSuppressedAllowedRecoveredOrTheSoftRuleIsOff) {
  an::SuppressionPolicy policy;
  const auto twice = history_of("w@x.example", {soft("w@x.example", "2026-11-01T02:00:00Z"),
                                                soft("w@x.example", "2026-11-02T02:00:00Z")});
  EXPECT_TRUE(an::watch(twice, policy));
  EXPECT_FALSE(an::watch(history_of("w@x.example", {soft("w@x.example", "2026-11-01T02:00:00Z"),
                                                    record("w@x.example", "2026-11-03T02:00:00Z", "vacation", "none", "")}),
                         policy));
  EXPECT_FALSE(an::watch(history_of("w@x.example", {soft("w@x.example", "2026-11-01T02:00:00Z"),
                                                    soft("w@x.example", "2026-11-05T02:00:00Z"),
                                                    soft("w@x.example", "2026-11-09T02:00:00Z")}),
                         policy))
      << "suppressed: not on the watch list";
  an::SuppressionPolicy allowing = policy;
  allowing.allowed = std::make_shared<const std::set<std::string>>(std::set<std::string>{"w@x.example"});
  EXPECT_FALSE(an::watch(twice, allowing));
  an::SuppressionPolicy hard_only = policy;
  ASSERT_EQ(an::restrict_rules(hard_only, {"hard"}), "");
  EXPECT_FALSE(an::watch(twice, hard_only));
  an::SuppressionPolicy excluding = policy;
  excluding.excluded_reasons = {"mailboxfull"};
  EXPECT_FALSE(an::watch(twice, excluding));
}

TEST(PolicyText, NamesEachRuleSoAChangeCanBeTold) {
  an::SuppressionPolicy policy;
  EXPECT_EQ(an::describe(policy), "hard,feedback,soft>=3/7d");
  policy.excluded_reasons = {"mailboxfull"};
  EXPECT_EQ(an::describe(policy), "hard,feedback,soft>=3/7d,exclude=mailboxfull");
  ASSERT_EQ(an::restrict_rules(policy, {"hard"}), "");
  EXPECT_EQ(an::describe(policy), "hard,exclude=mailboxfull");
}

}  // namespace
