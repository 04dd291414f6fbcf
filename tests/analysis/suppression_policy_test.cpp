// The suppression policy: each rule, and the boundaries of the repeated-soft rule.
#include <gtest/gtest.h>

#include "analysis/records.hpp"
#include "bouncekit/analysis.hpp"

namespace an = bouncekit::analysis;
using bouncekit::test::hard;
using bouncekit::test::record;
using bouncekit::test::soft;

namespace {

const std::string kAddr = "ann@example.com";

an::RecipientHistory history(std::vector<an::StoredRecord> records) { return {kAddr, std::move(records)}; }

// Soft bounces on the given days of November 2026.
an::RecipientHistory soft_on_days(std::initializer_list<int> days) {
  std::vector<an::StoredRecord> records;
  for (int d : days) {
    std::string day = (d < 10 ? "0" : "") + std::to_string(d);
    records.push_back(soft(kAddr, "2026-11-" + day + "T03:00:00Z", "fp" + day));
  }
  return history(std::move(records));
}

}  // namespace

TEST(SuppressionPolicy, DefaultsAreThoseDocumented) {
  an::SuppressionPolicy p;
  EXPECT_TRUE(p.hard_suppresses);
  EXPECT_EQ(p.soft_threshold, 3);
  EXPECT_EQ(p.soft_min_days, 7);
  EXPECT_TRUE(p.feedback_suppresses);
}

TEST(SuppressionPolicy, OneHardBounceSuppressesAtOnce) {
  auto s = an::decide(history({hard(kAddr, "2026-11-02T10:00:00Z", "m1")}), {});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->recipient, kAddr);
  EXPECT_EQ(s->rule, "hard");
  EXPECT_EQ(s->reason, "userunknown");
  EXPECT_EQ(s->count, 1u);
  EXPECT_EQ(s->first_bounce, "2026-11-02T10:00:00Z");
  EXPECT_EQ(s->last_bounce, "2026-11-02T10:00:00Z");
  EXPECT_EQ(s->evidence, "/var/mail/bounces/cur/m1:2,S");
}

TEST(SuppressionPolicy, HardRuleCanBeTurnedOff) {
  an::SuppressionPolicy p;
  p.hard_suppresses = false;
  EXPECT_FALSE(an::decide(history({hard(kAddr, "2026-11-02T10:00:00Z")}), p));
}

TEST(SuppressionPolicy, SeveralHardBouncesAreCountedAndTheLatestIsTheEvidence) {
  auto s = an::decide(history({hard(kAddr, "2026-11-01T10:00:00Z", "m1"), soft(kAddr, "2026-11-02T10:00:00Z", "m2"),
                               record(kAddr, "2026-11-03T10:00:00Z", "hostunknown", "hard", "recipient", "m3")}),
                      {});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->rule, "hard");
  EXPECT_EQ(s->count, 2u);
  EXPECT_EQ(s->reason, "hostunknown");
  EXPECT_EQ(s->first_bounce, "2026-11-01T10:00:00Z");
  EXPECT_EQ(s->last_bounce, "2026-11-03T10:00:00Z");
  EXPECT_EQ(s->evidence, "/var/mail/bounces/cur/m3:2,S");
}

TEST(SuppressionPolicy, ThreeSoftBouncesSpanningSevenDaysSuppress) {
  auto s = an::decide(soft_on_days({1, 4, 8}), {});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->rule, "soft-repeated");
  EXPECT_EQ(s->reason, "mailboxfull");
  EXPECT_EQ(s->count, 3u);
  EXPECT_EQ(s->first_bounce, "2026-11-01T03:00:00Z");
  EXPECT_EQ(s->last_bounce, "2026-11-08T03:00:00Z");
  EXPECT_EQ(s->evidence, "/var/mail/bounces/cur/fp08:2,S");
}

TEST(SuppressionPolicy, OneSoftBounceFewerThanTheThresholdKeepsTheAddress) {
  EXPECT_FALSE(an::decide(soft_on_days({1, 20}), {}));  // N-1 soft, however far apart
}

TEST(SuppressionPolicy, EnoughSoftBouncesWithinFewerThanTheMinimumDaysKeepTheAddress) {
  EXPECT_FALSE(an::decide(soft_on_days({1, 3, 7}), {}));        // span 6 days < 7
  EXPECT_FALSE(an::decide(soft_on_days({5, 5, 5, 5, 5}), {}));  // many, all on one day
}

TEST(SuppressionPolicy, DaysAreCalendarDaysNotHoursApart) {
  // 6 days and 2 hours apart, but on calendar days seven apart: a nightly run sees day 1 and day 8.
  auto h = history({soft(kAddr, "2026-11-01T23:00:00Z", "a"), soft(kAddr, "2026-11-04T12:00:00Z", "b"),
                    soft(kAddr, "2026-11-08T01:00:00Z", "c")});
  EXPECT_TRUE(an::decide(h, {}));
}

TEST(SuppressionPolicy, SoftKnobsAreHonoured) {
  an::SuppressionPolicy p;
  p.soft_threshold = 2;
  p.soft_min_days = 0;
  EXPECT_TRUE(an::decide(soft_on_days({5, 5}), p));
  EXPECT_FALSE(an::decide(soft_on_days({5}), p));
  p.soft_threshold = 0;  // soft bounces never suppress
  EXPECT_FALSE(an::decide(soft_on_days({1, 4, 8, 12}), p));
}

TEST(SuppressionPolicy, ADeliveryOrAutoReplyAfterSoftBouncesStartsTheCountAgain) {
  auto h = soft_on_days({1, 4});
  h.records.push_back(record(kAddr, "2026-11-05T00:00:00Z", "delivered", "none", "", "d"));
  h.records.push_back(soft(kAddr, "2026-11-09T00:00:00Z", "x"));
  EXPECT_FALSE(an::decide(h, {}));  // only one soft bounce since the delivery
  h.records.push_back(record(kAddr, "2026-11-10T00:00:00Z", "vacation", "none", "", "v"));
  h.records.push_back(soft(kAddr, "2026-11-11T00:00:00Z", "y"));
  h.records.push_back(soft(kAddr, "2026-11-14T00:00:00Z", "z"));
  h.records.push_back(soft(kAddr, "2026-11-18T00:00:00Z", "w"));
  auto s = an::decide(h, {});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->count, 3u);
  EXPECT_EQ(s->first_bounce, "2026-11-11T00:00:00Z");
}

TEST(SuppressionPolicy, SenderSideReasonsNeverSuppress) {
  std::vector<an::StoredRecord> records;
  for (int d = 1; d <= 20; ++d) {
    std::string day = (d < 10 ? "0" : "") + std::to_string(d);
    records.push_back(record(kAddr, "2026-11-" + day + "T00:00:00Z", d % 2 ? "blocked" : "badreputation", "soft",
                             "sender", "s" + day));
  }
  // Even one the classifier called hard: the sender must act, not the address.
  records.push_back(record(kAddr, "2026-11-21T00:00:00Z", "authfailure", "hard", "sender", "h"));
  EXPECT_FALSE(an::decide(history(records), {}));
}

TEST(SuppressionPolicy, MessageContentBouncesDoNotCountAgainstTheAddress) {
  std::vector<an::StoredRecord> records;
  for (int d : {1, 5, 9, 13})
    records.push_back(record(kAddr, "2026-11-" + std::string(d < 10 ? "0" : "") + std::to_string(d) + "T00:00:00Z",
                             "spamdetected", "soft", "message", std::to_string(d)));
  EXPECT_FALSE(an::decide(history(records), {}));
}

TEST(SuppressionPolicy, SenderSideRecordsDoNotHideTheAddresssOwnBounces) {
  auto h = soft_on_days({1, 4, 8});
  h.records.insert(h.records.begin() + 1, record(kAddr, "2026-11-02T00:00:00Z", "blocked", "soft", "sender", "b"));
  auto s = an::decide(h, {});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->count, 3u);
}

TEST(SuppressionPolicy, FeedbackSuppressesAndWinsOverOtherRules) {
  auto complaint = record(kAddr, "2026-11-03T00:00:00Z", "feedback", "none", "", "arf");
  complaint.feedback_type = "abuse";
  auto s = an::decide(history({hard(kAddr, "2026-11-01T00:00:00Z", "h"), complaint}), {});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->rule, "feedback");
  EXPECT_EQ(s->reason, "feedback");
  EXPECT_EQ(s->count, 1u);
  EXPECT_EQ(s->evidence, "/var/mail/bounces/cur/arf:2,S");

  an::SuppressionPolicy p;
  p.feedback_suppresses = false;
  EXPECT_FALSE(an::decide(history({complaint}), p));
  auto fallback = an::decide(history({hard(kAddr, "2026-11-01T00:00:00Z", "h"), complaint}), p);
  ASSERT_TRUE(fallback);
  EXPECT_EQ(fallback->rule, "hard");
}

TEST(SuppressionPolicy, VacationAndDeliveredNeverSuppress) {
  std::vector<an::StoredRecord> records;
  for (int d = 1; d <= 15; ++d) {
    std::string day = (d < 10 ? "0" : "") + std::to_string(d);
    records.push_back(record(kAddr, "2026-11-" + day + "T00:00:00Z", d % 2 ? "vacation" : "delivered", "none", "",
                             "n" + day));
  }
  EXPECT_FALSE(an::decide(history(records), {}));
}

TEST(SuppressionPolicy, EmptyHistoryAndUndatedRecordsAreSafe) {
  EXPECT_FALSE(an::decide(history({}), {}));
  // Soft bounces with no usable date have no span: they cannot meet a minimum of days.
  auto h = history({soft(kAddr, "", "a"), soft(kAddr, "garbage", "b"), soft(kAddr, "2026-13-45T00:00:00Z", "c")});
  EXPECT_FALSE(an::decide(h, {}));
  an::SuppressionPolicy p;
  p.soft_min_days = 0;
  EXPECT_TRUE(an::decide(h, p));
}

TEST(SuppressionPolicy, NoSuppressionWithoutAnAddress) {
  EXPECT_FALSE(an::decide({"", {hard("", "2026-11-02T10:00:00Z")}}, {}));
  // The history's name is enough when the records lack it.
  auto s = an::decide({kAddr, {hard("", "2026-11-02T10:00:00Z")}}, {});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->recipient, kAddr);
}

// --only, --exclude-reason and the allowlist (issue 18).

namespace {

an::StoredRecord complaint_on(const std::string& date) {
  auto complaint = record(kAddr, date, "feedback", "none", "", "arf");
  complaint.feedback_type = "abuse";
  return complaint;
}

}  // namespace

TEST(SuppressionPolicy, OnlyHardAndComplaintsLeavesRepeatedSoftBouncesAlone) {
  an::SuppressionPolicy p;
  EXPECT_EQ(an::restrict_rules(p, {"hard", "complaints"}), "");
  EXPECT_TRUE(p.hard_suppresses);
  EXPECT_TRUE(p.feedback_suppresses);
  EXPECT_FALSE(an::decide(soft_on_days({1, 4, 9}), p));
  EXPECT_TRUE(an::decide(soft_on_days({1, 4, 9}), {}));  // the default policy suppresses it
  EXPECT_TRUE(an::decide(history({hard(kAddr, "2026-11-02T10:00:00Z")}), p));
  EXPECT_TRUE(an::decide(history({complaint_on("2026-11-02T10:00:00Z")}), p));
}

TEST(SuppressionPolicy, OnlyHardStillSuppressesAnAddressThatAlsoComplained) {
  // The complaint rule is off, so the hard bounce decides (feedback would otherwise win).
  an::SuppressionPolicy p;
  EXPECT_EQ(an::restrict_rules(p, {"hard"}), "");
  auto s = an::decide(history({hard(kAddr, "2026-11-01T10:00:00Z"), complaint_on("2026-11-02T10:00:00Z")}), p);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->rule, "hard");
  EXPECT_FALSE(an::decide(history({complaint_on("2026-11-02T10:00:00Z")}), p));
}

TEST(SuppressionPolicy, OnlyComplaintsAndAllAndUnknownNames) {
  an::SuppressionPolicy complaints;
  EXPECT_EQ(an::restrict_rules(complaints, {"complaints"}), "");
  EXPECT_FALSE(an::decide(history({hard(kAddr, "2026-11-02T10:00:00Z")}), complaints));
  EXPECT_TRUE(an::decide(history({complaint_on("2026-11-02T10:00:00Z")}), complaints));

  an::SuppressionPolicy all;
  EXPECT_EQ(an::restrict_rules(all, {"all"}), "");
  EXPECT_TRUE(all.hard_suppresses && all.feedback_suppresses);
  EXPECT_EQ(all.soft_threshold, 3);

  an::SuppressionPolicy bad;
  EXPECT_EQ(an::restrict_rules(bad, {"hard", "bounces"}), "bounces");
  EXPECT_TRUE(bad.feedback_suppresses);  // unchanged on an unknown name
  EXPECT_EQ(an::rule_group_names(), (std::vector<std::string>{"all", "hard", "complaints", "soft"}));
}

TEST(SuppressionPolicy, AnExcludedReasonNeverCounts) {
  an::SuppressionPolicy p;
  p.excluded_reasons = {"mailboxfull"};
  EXPECT_FALSE(an::decide(soft_on_days({1, 4, 9}), p));
  p.excluded_reasons = {"userunknown"};
  EXPECT_FALSE(an::decide(history({hard(kAddr, "2026-11-02T10:00:00Z")}), p));
  // Another hard reason still suppresses, and only its records are counted.
  auto s = an::decide(history({hard(kAddr, "2026-11-01T10:00:00Z"),
                               record(kAddr, "2026-11-03T10:00:00Z", "hostunknown", "hard", "recipient", "m3")}),
                      p);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->reason, "hostunknown");
  EXPECT_EQ(s->count, 1u);
}

TEST(SuppressionPolicy, AnAllowedAddressIsNeverSuppressed) {
  an::SuppressionPolicy p;
  p.allowed = std::make_shared<const std::set<std::string>>(std::set<std::string>{kAddr});
  EXPECT_FALSE(an::decide(history({hard(kAddr, "2026-11-02T10:00:00Z"), complaint_on("2026-11-03T10:00:00Z")}), p));
  an::RecipientHistory other{"bob@example.com", {hard("bob@example.com", "2026-11-02T10:00:00Z")}};
  EXPECT_TRUE(an::decide(other, p));
}
