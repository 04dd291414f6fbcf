// The knowledge tables: reply codes (every seed code), enhanced status codes (RFC 3463 and the IANA
// registry), reasons and text rules are complete and consistent (the provider table: tests/providers).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>

#include "bouncekit/classify.hpp"
#include "bouncekit/vocabulary.hpp"
#include "classify/reply_codes.hpp"
#include "classify/status_codes.hpp"
#include "classify/text_rules.hpp"
#include "providers/providers.hpp"

namespace bk = bouncekit::classify;
namespace vocabulary = bouncekit::vocabulary;

namespace {

// The vocabulary row named by a table's reason string, nullptr if the name is unknown.
const vocabulary::ReasonRow* find_reason(std::string_view name) {
  auto reason = vocabulary::reason_named(name);
  return reason ? &vocabulary::row(*reason) : nullptr;
}

// Every three-digit reply code the seed articles (../shared/seeds) discuss.
constexpr int kSeedCodes[] = {101, 111, 200, 211, 214, 220, 221, 250, 251, 252, 334, 354, 420, 421, 422,
                              431, 432, 441, 442, 446, 447, 449, 450, 451, 452, 455, 471, 500, 501, 502,
                              503, 504, 510, 511, 512, 513, 523, 530, 541, 550, 551, 552, 553, 554};
// RFC 5321 section 4.2.3, RFC 7504, RFC 3207 and RFC 4954.
constexpr int kRfcCodes[] = {211, 214, 220, 221, 235, 250, 251, 252, 334, 354, 421, 432, 450, 451, 452,
                             454, 455, 500, 501, 502, 503, 504, 521, 530, 534, 535, 538, 550, 551, 552,
                             553, 554, 555, 556};

}  // namespace

TEST(ReplyCodes, EverySeedAndRfcCodeIsPresentWithMeaningAndAdvice) {
  for (int code : kSeedCodes) {
    const auto* e = bk::find_reply_code(std::to_string(code));
    ASSERT_NE(e, nullptr) << code;
    EXPECT_FALSE(e->meaning.empty()) << code;
    EXPECT_FALSE(e->advice.empty()) << code;
  }
  for (int code : kRfcCodes) EXPECT_NE(bk::find_reply_code(std::to_string(code)), nullptr) << code;
}

TEST(ReplyCodes, TableIsSortedUniqueAndNamesKnownReasons) {
  int previous = 0;
  for (const auto& e : bk::all_reply_codes()) {
    EXPECT_GT(e.code, previous);
    previous = e.code;
    if (!e.reason.empty()) {
      EXPECT_NE(find_reason(e.reason), nullptr) << e.code;
    }
  }
}

TEST(ReplyCodes, ClassAndCategoryFollowTheDigits) {
  EXPECT_EQ(bk::reply_class("250"), "positive completion");
  EXPECT_EQ(bk::reply_class("354"), "positive intermediate");
  EXPECT_EQ(bk::reply_class("421"), "transient negative");
  EXPECT_EQ(bk::reply_class("550"), "permanent negative");
  EXPECT_EQ(bk::reply_class("650"), "");
  EXPECT_EQ(bk::reply_class("55"), "");
  EXPECT_EQ(bk::reply_category("500"), "syntax");
  EXPECT_EQ(bk::reply_category("421"), "connections");
  EXPECT_EQ(bk::reply_category("550"), "mail system");
  EXPECT_EQ(bk::find_reply_code("5a0"), nullptr);
  EXPECT_EQ(bk::find_reply_code("5500"), nullptr);
}

TEST(StatusCodes, Rfc3463AndRegistryEntriesArePresent) {
  const char* codes[] = {"5.0.0", "5.1.0", "5.1.1", "5.1.2", "5.1.3", "5.1.4", "5.1.5", "5.1.6", "5.1.7",
                         "5.1.8", "5.1.9", "5.1.10", "5.2.0", "5.2.1", "5.2.2", "5.2.3", "5.2.4", "5.3.0",
                         "5.3.1", "5.3.2", "5.3.3", "5.3.4", "5.3.5", "5.3.6", "4.4.0", "4.4.1", "4.4.2",
                         "4.4.3", "4.4.4", "4.4.5", "4.4.6", "4.4.7", "5.5.0", "5.5.1", "5.5.2", "5.5.3",
                         "5.5.4", "5.5.5", "5.5.6", "5.6.0", "5.6.1", "5.6.2", "5.6.3", "5.6.4", "5.6.5",
                         "5.6.6", "5.6.7", "5.6.8", "5.6.9", "5.7.0"};
  for (const char* c : codes) EXPECT_NE(bk::find_status_code(c), nullptr) << c;
  for (int d = 0; d <= 30; ++d) EXPECT_NE(bk::find_status_code("5.7." + std::to_string(d)), nullptr) << d;
}

TEST(StatusCodes, SubjectsReasonsAndParsing) {
  EXPECT_EQ(bk::status_subject("5.1.1"), "addressing");
  EXPECT_EQ(bk::status_subject("4.2.2"), "mailbox");
  EXPECT_EQ(bk::status_subject("5.3.4"), "mail system");
  EXPECT_EQ(bk::status_subject("4.4.7"), "network and routing");
  EXPECT_EQ(bk::status_subject("5.5.2"), "protocol");
  EXPECT_EQ(bk::status_subject("5.6.0"), "content");
  EXPECT_EQ(bk::status_subject("5.7.26"), "security or policy");
  EXPECT_EQ(bk::find_status_code("5.1.10")->reason, "notaccept");
  EXPECT_EQ(bk::find_status_code("5.7.25")->reason, "requireptr");
  EXPECT_EQ(bk::find_status_code("5.7.26")->reason, "authfailure");
  EXPECT_EQ(bk::find_status_code("3.1.1"), nullptr);
  EXPECT_EQ(bk::find_status_code("5.1"), nullptr);
  EXPECT_EQ(bk::find_status_code("5.1.1000"), nullptr);
  EXPECT_TRUE(bk::is_inferred_status("5.0.911"));
  EXPECT_TRUE(bk::is_inferred_status("4.0.947"));
  EXPECT_FALSE(bk::is_inferred_status("5.1.1"));
  for (const auto& e : bk::all_status_codes()) {
    EXPECT_FALSE(e.meaning.empty());
    if (!e.reason.empty()) {
      EXPECT_NE(find_reason(e.reason), nullptr) << e.subject << "." << e.detail;
    }
  }
}

TEST(Reasons, VocabularyIsCompleteWithOwnersAndUniqueInferredCodes) {
  const char* design[] = {"userunknown", "hostunknown", "hasmoved", "notaccept", "mailboxfull", "suspend",
                          "expired", "networkerror", "toomanyconn", "speeding", "blocked", "spamdetected",
                          "policyviolation", "authfailure", "badreputation", "requireptr", "notcompliantrfc",
                          "rejected", "norelaying", "securityerror", "virusdetected", "contenterror",
                          "mesgtoobig", "exceedlimit", "filtered", "systemerror", "systemfull", "mailererror",
                          "syntaxerror", "failedstarttls", "suppressed", "onhold", "undefined", "delivered",
                          "feedback", "vacation"};
  EXPECT_EQ(vocabulary::reasons().size(), std::size(design));
  std::set<int> codes;
  for (const char* name : design) {
    const auto* r = find_reason(name);
    ASSERT_NE(r, nullptr) << name;
    EXPECT_FALSE(r->meaning.empty());
    EXPECT_FALSE(r->advice.empty());
    if (r->inferred_detail) {
      EXPECT_TRUE(codes.insert(r->inferred_detail).second) << name;
      EXPECT_GE(r->inferred_detail, 900);
      EXPECT_LE(r->inferred_detail, 999);
    }
  }
  EXPECT_EQ(find_reason("userunknown")->owner, vocabulary::Owner::recipient);
  EXPECT_EQ(find_reason("blocked")->owner, vocabulary::Owner::sender);
  EXPECT_EQ(find_reason("spamdetected")->owner, vocabulary::Owner::message);
  EXPECT_EQ(find_reason("networkerror")->owner, vocabulary::Owner::remote);
  EXPECT_EQ(find_reason("vacation")->owner, vocabulary::Owner::none);
  EXPECT_EQ(vocabulary::name(vocabulary::Owner::none), "");
  // The rows are in the enum's order, and names go both ways.
  for (std::size_t i = 0; i < vocabulary::reasons().size(); ++i) {
    const auto& r = vocabulary::reasons()[i];
    EXPECT_EQ(static_cast<std::size_t>(r.reason), i) << r.name;
    EXPECT_EQ(vocabulary::reason_named(r.name), r.reason) << r.name;
    EXPECT_EQ(vocabulary::name(r.reason), r.name);
    // Only proofs of life are left out of reports; non-bounces are never hard or soft.
    EXPECT_EQ(vocabulary::is_reported(r.reason), r.kind != vocabulary::Kind::alive) << r.name;
    EXPECT_EQ(vocabulary::is_bounce(r.reason), r.when_permanent != vocabulary::Bounce::none) << r.name;
  }
  EXPECT_FALSE(vocabulary::reason_named("user_unknown").has_value());
  EXPECT_FALSE(vocabulary::is_reported(vocabulary::Reason::delivered));
  EXPECT_TRUE(vocabulary::is_reported(vocabulary::Reason::feedback));
  EXPECT_FALSE(vocabulary::is_bounce(vocabulary::Reason::feedback));
}

TEST(TextRules, EveryRuleNamesAKnownBounceReasonAndIsLowerCase) {
  for (const auto& r : bk::text_rules()) {
    const auto* info = find_reason(r.reason);
    ASSERT_NE(info, nullptr) << r.phrase;
    EXPECT_NE(info->inferred_detail, 0) << r.phrase;
    for (char c : r.phrase) EXPECT_FALSE(c >= 'A' && c <= 'Z') << r.phrase;
    if (r.definite) {
      EXPECT_EQ(r.reason, "userunknown");
    }
  }
  for (const auto& r : bk::pattern_rules()) EXPECT_NE(find_reason(r.reason), nullptr) << r.pattern;
}

TEST(TextRules, EveryPhraseClassifiesToItsOwnReasonOrAnEarlierMoreSpecificOne) {
  // A phrase alone must reach its rule, unless an earlier rule is a sub-phrase of it (then that one wins).
  std::size_t i = 0;
  for (const auto& rule : bk::text_rules()) {
    bouncekit::Record r;
    r.diagnostic = "550 " + std::string(rule.phrase);
    r.smtp_command = "RCPT";
    bk::Verdict v = bk::classify(r);
    ASSERT_EQ(v.evidence, bk::Evidence::text_rule) << rule.phrase;
    if (v.rule != rule.phrase) {
      bool earlier = false;
      for (std::size_t j = 0; j < i; ++j)
        if (bk::text_rules()[j].phrase == v.rule) earlier = true;
      EXPECT_TRUE(earlier) << rule.phrase << " was decided by " << v.rule;
    }
    ++i;
  }
}

TEST(Reasons, EveryBounceReasonIsReachable) {
  std::set<std::string> reached;
  for (const auto& r : bk::text_rules()) reached.insert(std::string(r.reason));
  for (const auto* p : bouncekit::providers::all())
    for (const auto& r : p->rules) reached.insert(std::string(r.reason));
  for (const auto& s : bk::all_status_codes()) reached.insert(std::string(s.reason));
  reached.insert("filtered");  // a "user unknown" after DATA
  reached.insert("onhold");
  reached.insert("undefined");
  reached.insert("delivered");
  reached.insert("feedback");  // set by the ARF decoder
  reached.insert("vacation");  // set by the auto-reply decoder
  for (const auto& r : vocabulary::reasons()) EXPECT_TRUE(reached.count(std::string(r.name))) << r.name;
}
