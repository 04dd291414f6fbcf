// User regexes are bounded (docs/limits.md): patterns whose nested repetition provably backtracks
// exponentially are refused at load, naming the line; a pattern that slips past that check and
// blows its run-time budget is disabled for the rest of the run, with one warning naming it.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bouncekit/classify.hpp"
#include "classify/user_rules.hpp"

namespace bk = bouncekit::classify;
using bouncekit::Record;

namespace {

Record rec(std::string diagnostic) {
  Record r;
  r.diagnostic = std::move(diagnostic);
  r.status = "5.0.0";
  r.reply_code = "550";
  r.action = "failed";
  return r;
}

// Collects the warnings a classifier gives (from any thread).
struct Warnings {
  std::mutex lock;
  std::vector<std::string> seen;
  void attach(bk::Classifier& c) {
    c.set_warning_sink([this](const std::string& m) {
      std::lock_guard<std::mutex> g(lock);
      seen.push_back(m);
    });
  }
};

}  // namespace

TEST(RegexBudget, IssueExampleIsRefusedAtLoadNamingTheLine) {
  bk::Classifier c;
  std::istringstream rules("# mine\nuserunknown  no such mailbox\nblocked regex:(\\w+\\s?)+$\n");
  try {
    c.load_rules(rules, "site.rules");
    FAIL() << "loaded";
  } catch (const bk::RuleFileError& e) {
    EXPECT_EQ(e.line(), 3u);
    std::string what = e.what();
    EXPECT_EQ(what.rfind("site.rules:3: regex '(\\w+\\s?)+$' can backtrack exponentially", 0), 0u) << what;
  }
  EXPECT_EQ(c.user_rule_count(), 0u);  // a bad file adds nothing
}

TEST(RegexBudget, StaticCheckRefusesProvenNestingOnly) {
  for (const char* bad : {"(a+)+", "(x*)*", "(?:a+)+b", "((a+)?)+", "(.*?)+x", "(a+){2,}", "(\\w+\\s?)+$",
                          "(?<w>\\d+ ?)*;", "x|(y(z+)*)+"})
    EXPECT_NE(bk::catastrophic_nesting(bad), "") << bad;
  for (const char* fine : {"(a+b)+", "(\\w+\\s)+", "(\\d+\\.)+\\d+", "(a|aa)+$", "a++", "(a+)++", "(?>a+)+",
                           "[(a+)+]", "\\(a+\\)+", "(a+){1,5}", "user .+ unknown", "(?i)quota (is )?full",
                           "\\Q(a+)+\\E", "(?#(a+)+)x", "(a?)*"})
    EXPECT_EQ(bk::catastrophic_nesting(fine), "") << fine;
}

TEST(RegexBudget, RuleThatBlowsItsBudgetIsDisabledWithOneWarning) {
  bk::Classifier c;
  Warnings w;
  w.attach(c);
  std::istringstream rules("blocked regex:(a|aa)+$\nmailboxfull regex:quota\\s+exceeded\n");
  c.load_rules(rules, "site.rules");
  ASSERT_EQ(c.user_rule_count(), 2u);
  EXPECT_EQ(c.classify(rec("550 aaaa")).evidence, bk::Evidence::user_rule);  // it works while cheap

  // 2,000 records, each with its own 1,000-character near miss, from four threads at once.
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&c, t] {
      for (int i = 0; i < 500; ++i) c.classify(rec(std::string(1000, 'a') + "! " + std::to_string(t * 500 + i)));
    });
  for (auto& th : threads) th.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("2,000 near misses: %.3f s\n", seconds);
  EXPECT_LT(seconds, 10.0);  // without the budget: 2,000 x ~25 ms = 50 s of work

  ASSERT_EQ(w.seen.size(), 1u);
  EXPECT_NE(w.seen[0].find("rule '(a|aa)+$' (blocked) disabled for the rest of the run"), std::string::npos)
      << w.seen[0];
  // Disabled now (a new text: the thread's last answer for the same text would be kept).
  EXPECT_NE(c.classify(rec("550 aaaaaa")).evidence, bk::Evidence::user_rule);
  Record quota = rec("552 quota   exceeded");
  EXPECT_EQ(bouncekit::vocabulary::name(c.classify(quota).reason), "mailboxfull");  // the other rule still runs
  EXPECT_EQ(c.classify(quota).evidence, bk::Evidence::user_rule);
}

TEST(RegexBudget, OrdinaryRulesKeepRunning) {
  bk::Classifier c;
  Warnings w;
  w.attach(c);
  std::istringstream rules("blocked regex:listed (at|by) [a-z.]+\n");
  c.load_rules(rules, "site.rules");
  for (int i = 0; i < 20000; ++i)
    EXPECT_EQ(c.classify(rec("554 host " + std::to_string(i) + " listed at rbl.example " + std::string(900, 'x')))
                  .evidence,
              bk::Evidence::user_rule);
  EXPECT_TRUE(w.seen.empty());
}
