// User rules files: format, priority over built-in rules, and clear errors for malformed files.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "bouncekit/classify.hpp"
#include "test_support.hpp"

namespace bk = bouncekit::classify;
using bouncekit::Record;

namespace {

Record rec(std::string diagnostic, std::string status = "5.0.0") {
  Record r;
  r.diagnostic = std::move(diagnostic);
  r.status = std::move(status);
  r.reply_code = "550";
  r.action = "failed";
  return r;
}

std::string error_of(const std::string& file) {
  bk::Classifier c;
  try {
    c.load_rules(bouncekit::test::testdata("classify/" + file).string());
  } catch (const bk::RuleFileError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(UserRules, LoadedRulesComeBeforeTheBuiltInOnes) {
  bk::Classifier c;
  c.load_rules(bouncekit::test::testdata("classify/rules.txt").string());
  EXPECT_EQ(c.user_rule_count(), 4u);
  Record gateway = rec("550 'a@example.com' is not a registered gateway user");
  EXPECT_EQ(bouncekit::vocabulary::name(c.classify(gateway).reason), "userunknown");
  EXPECT_EQ(c.classify(gateway).evidence, bk::Evidence::user_rule);
  // The built-in phrases do not know it; the concept layer reads "not a registered ... user", which
  // without a status or the command it answered is not proof enough: filtered.
  EXPECT_EQ(bouncekit::vocabulary::name(bk::classify(gateway).reason), "filtered");
  EXPECT_EQ(bk::classify(gateway).evidence, bk::Evidence::concepts);

  // A user regex overrides a built-in phrase in the same text.
  Record frozen = rec("550 User unknown: account  frozen by ADMIN");
  EXPECT_EQ(bouncekit::vocabulary::name(c.classify(frozen).reason), "suspend");
  EXPECT_EQ(bouncekit::vocabulary::name(bk::classify(frozen).reason), "filtered");
  EXPECT_EQ(bouncekit::vocabulary::name(c.classify(rec("554 Your IP is listed at rbl.example")).reason), "blocked");
  EXPECT_EQ(bouncekit::vocabulary::name(c.classify(rec("452 Storage budget of the recipient used up")).reason), "mailboxfull");
}

TEST(UserRules, RulesFromAStreamAndFileOrder) {
  bk::Classifier c;
  std::istringstream in("# first match in file order wins\n"
                        "mailboxfull  regex:quota\\s+gone\n"
                        "suspend      quota gone\n");
  c.load_rules(in, "inline");
  EXPECT_EQ(bouncekit::vocabulary::name(c.classify(rec("550 quota gone")).reason), "mailboxfull");
}

TEST(UserRules, MalformedFilesNameTheFileAndLine) {
  std::string e = error_of("malformed.txt");
  EXPECT_NE(e.find("malformed.txt:5:"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown reason 'mailboxful'"), std::string::npos) << e;
  e = error_of("bad_regex.txt");
  EXPECT_NE(e.find("bad_regex.txt:1:"), std::string::npos) << e;
  EXPECT_NE(e.find("invalid regex"), std::string::npos) << e;
  e = error_of("no_phrase.txt");
  EXPECT_NE(e.find("no_phrase.txt:2:"), std::string::npos) << e;
  e = error_of("does-not-exist.txt");
  EXPECT_NE(e.find("cannot open"), std::string::npos) << e;

  std::istringstream not_a_bounce("vacation  out of office\n");
  bk::Classifier c;
  try {
    c.load_rules(not_a_bounce, "inline");
    FAIL() << "vacation accepted";
  } catch (const bk::RuleFileError& err) {
    EXPECT_EQ(err.line(), 1u);
    EXPECT_EQ(err.file(), "inline");
  }
  EXPECT_EQ(c.user_rule_count(), 0u);  // a bad file adds nothing
}
