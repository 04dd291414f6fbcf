// summary.json: the shape documented in docs/report.md.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "bouncekit/report_files.hpp"
#include "report/sample_summary.hpp"

namespace rp = bouncekit::report;
using nlohmann::json;

namespace {

json written(const bouncekit::analysis::Summary& s) {
  std::ostringstream out;
  rp::write_summary_json(out, s);
  return json::parse(out.str());
}

}  // namespace

TEST(SummaryJson, TopLevelShape) {
  bouncekit::analysis::Summary summary = bouncekit::test::sample_summary();
  summary.run_pruned_messages = 3;
  summary.run_pruned_records = 4;
  auto j = written(summary);
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"blocking_threshold", "blocklists", "changes", "domains", "generated_at",
                                            "hosts", "lists", "owners", "per_day", "providers", "reasons", "run",
                                            "sender_side_per_day", "since", "window"}));
  EXPECT_EQ(j["lists"], json::array());  // no record of the sample names a list
  EXPECT_EQ(j["generated_at"], "2026-11-22T04:00:00Z");
  EXPECT_EQ(j["since"], "2026-11-15T00:00:00Z");
  EXPECT_EQ(j["run"], json::parse(R"({"read":12,"new_messages":10,"already_counted":2,"bounces":9,
                                      "non_bounces":2,"undecodable":1,"records":11,
                                      "pruned_messages":3,"pruned_records":4})"));
  EXPECT_EQ(j["window"],
            json::parse(R"({"messages":30,"records":34,"hard":20,"soft":14,"recipients":31,"suppressed":21})"));
  EXPECT_EQ(j["reasons"]["blocked"], 9);
  EXPECT_EQ(j["owners"]["sender"], 9);
  EXPECT_EQ(j["per_day"]["2026-11-21"], 24);
}

TEST(SummaryJson, GroupShape) {
  auto j = written(bouncekit::test::sample_summary());
  ASSERT_EQ(j["domains"].size(), 2u);
  const auto& com = j["domains"][0];
  EXPECT_EQ(com["name"], "example.com");
  EXPECT_EQ(com["messages"], 25);
  EXPECT_EQ(com["records"], 28);
  EXPECT_EQ(com["hard"], 18);
  EXPECT_EQ(com["soft"], 10);
  EXPECT_EQ(com["suppressed"], 19);
  EXPECT_EQ(com["sender_side_flag"], true);
  EXPECT_EQ(com["reasons"]["userunknown"], 18);
  EXPECT_EQ(com["owners"]["recipient"], 22);
  EXPECT_EQ(com["top_remote_mtas"][0], json::parse(R"({"host":"gmail-smtp-in.l.google.com","records":20})"));
  EXPECT_EQ(com["example_diagnostics"][0], "550 5.1.1 \"no\" such user, sorry");
  EXPECT_EQ(com["first_seen"], "2026-11-20T01:00:00Z");
  EXPECT_EQ(com["last_seen"], "2026-11-21T23:00:00Z");
  EXPECT_EQ(j["providers"][0]["name"], "google");
}

TEST(SummaryJson, WhoIsBlockingMe) {
  auto j = written(bouncekit::test::sample_summary());
  const auto& com = j["domains"][0];
  EXPECT_EQ(com["sender_side"], 6);
  EXPECT_EQ(com["sender_side_messages"], 5);
  EXPECT_DOUBLE_EQ(com["sender_side_share"].get<double>(), 0.2142);  // 6 of 28, cut to 4 decimals
  EXPECT_EQ(com["blocklists"], json::parse(R"({"barracuda":1,"spamhaus-zen":4})"));
  const auto& org = j["domains"][1];
  EXPECT_EQ(org["sender_side_flag"], false);
  EXPECT_DOUBLE_EQ(org["sender_side_share"].get<double>(), 0.5);
  EXPECT_TRUE(org["blocklists"].is_object() && org["blocklists"].empty());
  // The window's lists, most records first, each with its page from the table.
  ASSERT_EQ(j["blocklists"].size(), 2u);
  EXPECT_EQ(j["blocklists"][0]["name"], "spamhaus-zen");
  EXPECT_EQ(j["blocklists"][0]["records"], 4);
  EXPECT_EQ(j["blocklists"][0]["lookup_url"], "https://check.spamhaus.org/");
  EXPECT_EQ(j["blocklists"][1]["name"], "barracuda");
  EXPECT_EQ(j["sender_side_per_day"], json::parse(R"j({"(none)":{"2026-11-21":3},
                                                      "google":{"2026-11-20":2,"2026-11-21":4}})j"));
  // The threshold the flags were set by: the Summary's (the Aggregator's), today's by default.
  EXPECT_EQ(j["blocking_threshold"], json::parse(R"({"min_messages":3,"min_share_percent":10})"));
  bouncekit::analysis::Summary other = bouncekit::test::sample_summary();
  other.blocking = {5, 40};
  EXPECT_EQ(written(other)["blocking_threshold"], json::parse(R"({"min_messages":5,"min_share_percent":40})"));
}

// Issue 18: what changed since the previous recorded run.
TEST(SummaryJson, ChangesSinceThePreviousRun) {
  bouncekit::analysis::Summary summary = bouncekit::test::sample_summary();
  EXPECT_TRUE(written(summary)["changes"].is_null()) << "a Summary the nightly job did not compare has no changes";
  bouncekit::analysis::Changes& c = summary.changes;
  c.computed = true;
  c.first_run = false;
  c.previous_run = "2026-11-21T04:00:00Z";
  c.added = 1;
  c.removed = 1;
  c.removed_by_why = {{"allowed", 1}};
  c.watched = 3;
  c.new_sender_side_domains = {"example.net"};
  c.head = {{"new@example.com", "added", "userunknown", "hard", "new", "2026-11-21T01:00:00Z", "2026-11-21T01:00:00Z"},
            {"old@example.com", "removed", "mailboxfull", "soft-repeated", "allowed", "2026-11-01T01:00:00Z",
             "2026-11-09T01:00:00Z"}};
  c.counts = {{"suppressed", 22, 21}, {"watched", 2, 3}};
  auto j = written(summary)["changes"];
  EXPECT_EQ(j["first_run"], false);
  EXPECT_EQ(j["previous_run"], "2026-11-21T04:00:00Z");
  EXPECT_EQ(j["added"], 1);
  EXPECT_EQ(j["removed_by_why"], json::parse(R"({"allowed":1})"));
  EXPECT_EQ(j["new_sender_side_domains"], json::parse(R"(["example.net"])"));
  EXPECT_EQ(j["counts"]["suppressed"], json::parse(R"({"previous":22,"current":21,"change":-1})"));
  EXPECT_EQ(j["counts"]["watched"]["change"], 1);
  ASSERT_EQ(j["addresses"].size(), 2u);
  EXPECT_EQ(j["addresses"][1]["why"], "allowed");
  EXPECT_EQ(j["addresses_complete"], true);

  // A first run has no previous counts: null, not 0.
  summary.changes.first_run = true;
  summary.changes.previous_run.clear();
  j = written(summary)["changes"];
  EXPECT_TRUE(j["previous_run"].is_null());
  EXPECT_TRUE(j["counts"]["suppressed"]["previous"].is_null());
  EXPECT_TRUE(j["counts"]["suppressed"]["change"].is_null());
}

TEST(SummaryJson, EmptySummaryHasNullsAndEmptyCollections) {
  auto j = written({});
  EXPECT_TRUE(j["generated_at"].is_null());
  EXPECT_TRUE(j["since"].is_null());
  EXPECT_EQ(j["window"]["records"], 0);
  EXPECT_TRUE(j["reasons"].is_object() && j["reasons"].empty());
  EXPECT_TRUE(j["domains"].is_array() && j["domains"].empty());
  EXPECT_TRUE(j["blocklists"].is_array() && j["blocklists"].empty());
  EXPECT_TRUE(j["sender_side_per_day"].is_object() && j["sender_side_per_day"].empty());
}

TEST(SummaryJson, InvalidUtf8IsReplacedNotThrown) {
  auto s = bouncekit::test::sample_summary();
  s.domains[0].example_diagnostics = {"bad \xFF\xFE byte"};
  json j;
  ASSERT_NO_THROW(j = written(s));
  EXPECT_EQ(j["domains"][0]["example_diagnostics"][0], "bad \xEF\xBF\xBD\xEF\xBF\xBD byte");
}
