// Hostile diagnostics: a 1 MB line and inputs built to make backtracking regexes explode are
// classified quickly (the bound is generous for sanitizer builds; bench/ measures the real figure).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>

#include "bouncekit/classify.hpp"

namespace bk = bouncekit::classify;
using bouncekit::Record;

namespace {

constexpr double kBoundMs = 500.0;

double ms_to_classify(const bk::Classifier& c, const Record& r, std::string& reason) {
  auto t0 = std::chrono::steady_clock::now();
  reason = std::string(bouncekit::vocabulary::name(c.classify(r).reason));
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

Record with(std::string diagnostic) {
  Record r;
  r.diagnostic = std::move(diagnostic);
  r.status = "5.0.0";
  r.reply_code = "550";
  return r;
}

}  // namespace

TEST(Pathological, OneMegabyteDiagnostic) {
  std::string text = "550 ";
  while (text.size() < (1u << 20)) text += "mailbox <aaaaaaaa@example.com> xx 550-5.7.1 ";
  std::string reason;
  double ms = ms_to_classify(bk::default_classifier(), with(text), reason);
  EXPECT_LT(ms, kBoundMs);
  EXPECT_EQ(reason, "onhold");
  text += " mailbox full";  // a phrase at the very end is still found
  ms = ms_to_classify(bk::default_classifier(), with(text), reason);
  EXPECT_LT(ms, kBoundMs);
  EXPECT_EQ(reason, "mailboxfull");
}

TEST(Pathological, RegexExplosionInBuiltInAndUserPatterns) {
  bk::Classifier c;
  // (a+)+$ is refused at load now (regex_budget_test.cpp); (a|aa)+$ explodes the same way and passes.
  std::istringstream rules("blocked regex:(a|aa)+$\nblocked regex:(x|xx)+y\nblocked regex:(.*a){12}\n");
  c.load_rules(rules, "hostile");
  std::string reason;
  for (std::string text : {std::string(40000, 'a') + "!", std::string(40000, 'x'),
                           "mailbox " + std::string(300000, 'a') + "@" + std::string(300000, 'b')}) {
    double ms = ms_to_classify(c, with(text), reason);
    EXPECT_LT(ms, kBoundMs) << text.size();
    RecordProperty("user_rules_ms_" + std::to_string(text.size()), std::to_string(ms));
    std::printf("user rules, %zu bytes: %.2f ms\n", text.size(), ms);
    ms = ms_to_classify(bk::default_classifier(), with(text), reason);
    EXPECT_LT(ms, kBoundMs) << text.size();
    std::printf("built-in rules, %zu bytes: %.2f ms\n", text.size(), ms);
  }
}
