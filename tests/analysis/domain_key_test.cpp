// One form per recipient domain (analysis/domain_key.hpp): the Unicode and the ASCII (xn--) form
// of an internationalised domain, in any case, are one domain in the aggregates, shown as Unicode.
#include <gtest/gtest.h>

#include <string>

#include "analysis/domain_key.hpp"
#include "analysis/records.hpp"
#include "bouncekit/analysis.hpp"

namespace {

namespace an = bouncekit::analysis;
using an::domain_key;
using bouncekit::test::hard;
using bouncekit::test::soft;

// 例え.jp: U+4F8B U+3048, whose A-label is xn--r8jz45g (RFC 3492 Punycode).
const std::string kTatoe = "\xE4\xBE\x8B\xE3\x81\x88.jp";

TEST(DomainKey, AsciiFormBecomesUnicode) {
  EXPECT_EQ(domain_key("xn--r8jz45g.jp"), kTatoe);
  EXPECT_EQ(domain_key("XN--R8JZ45G.JP"), kTatoe);
  EXPECT_EQ(domain_key("xn--r8jz45g.jp."), kTatoe);
}

TEST(DomainKey, UnicodeFormIsLoweredAndKept) {
  EXPECT_EQ(domain_key(kTatoe), kTatoe);
  EXPECT_EQ(domain_key("\xE4\xBE\x8B\xE3\x81\x88.JP"), kTatoe);
  EXPECT_EQ(domain_key("M\xC3\x9CNCHEN.de"), "m\xC3\xBCnchen.de");  // MÜNCHEN.de -> münchen.de
  EXPECT_EQ(domain_key("xn--mnchen-3ya.de"), "m\xC3\xBCnchen.de");
}

TEST(DomainKey, PlainAsciiIsOnlyLowered) {
  EXPECT_EQ(domain_key("Example.COM"), "example.com");
  EXPECT_EQ(domain_key("mail.example.org."), "mail.example.org");
  EXPECT_EQ(domain_key("[192.0.2.1]"), "[192.0.2.1]");
}

TEST(DomainKey, WhatIsNoIdnKeepsItsWrittenForm) {
  EXPECT_EQ(domain_key("xn--zz.jp"), "xn--zz.jp");  // not valid Punycode
  std::string huge(300, 'a');
  huge += ".\xE4\xBE\x8B";
  EXPECT_EQ(domain_key(huge), huge);  // longer than a domain can be: not handed to libidn2
  EXPECT_EQ(domain_key(std::string("a\0b.\xE4\xBE\x8B", 6)), std::string("a\0b.\xE4\xBE\x8B", 6));
}

TEST(DomainKey, AggregatorCountsBothFormsAsOneDomain) {
  an::Aggregator agg(an::SuppressionPolicy{});
  auto a = hard("ann@" + kTatoe, "2026-11-01T02:00:00Z", "m1");
  auto b = hard("Ben@xn--r8jz45g.jp", "2026-11-01T03:00:00Z", "m2");
  auto c = soft("cy@XN--R8JZ45G.JP", "2026-11-02T03:00:00Z", "m3");
  for (const auto& r : {a, b, c}) agg.add_record(r);
  for (const auto& r : {a, b, c}) agg.add_recipient({r.recipient, {r}});
  auto s = agg.finish();
  ASSERT_EQ(s.domains.size(), 1u);
  EXPECT_EQ(s.domains[0].name, kTatoe);
  EXPECT_EQ(s.domains[0].records, 3u);
  EXPECT_EQ(s.domains[0].suppressed, 2u);  // the two hard bounces, whichever form they were in
}

}  // namespace
