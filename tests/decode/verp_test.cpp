// VERP: patterns (decode/verp.hpp) and what decode() makes of a bounce sent to a VERP address.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "decode/decode_support.hpp"
#include "decode/envelope.hpp"
#include "decode/verp.hpp"

namespace bouncekit::decode {
namespace {

using test::decode_file;

constexpr const char* kPostfixForm = "{list}+{local}={domain}@{host}";

// The built-in patterns are tokenized once, without a check at run time: they must be valid.
TEST(VerpPattern, BuiltInPatternsAreValid) {
  for (std::string_view pattern : kDefaultVerpPatterns) EXPECT_EQ(verp_pattern_problem(pattern), "") << pattern;
}

TEST(VerpPattern, PostfixFormGivesSubscriberAndListAddress) {
  auto m = match_verp(kPostfixForm, "mylist-bounces+ann.smith=Example.COM@Lists.Example.org");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->subscriber, "ann.smith@example.com");
  EXPECT_EQ(m->list, "mylist-bounces@lists.example.org");
}

TEST(VerpPattern, PlusAndEqualsInsideTheSubscriberLocalPartAreKept) {
  auto m = match_verp(kPostfixForm, "owner-news+Ann+tag=x=example.com@example.org");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->subscriber, "Ann+tag=x@example.com");  // local part as written
  EXPECT_EQ(m->list, "owner-news@example.org");
}

TEST(VerpPattern, EzmlmFormIsADefault) {
  auto m = match_verp({}, true, "mylist-return-1234-bob=example.net@lists.example.org");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->subscriber, "bob@example.net");
  EXPECT_EQ(m->list, "mylist@lists.example.org");
  // The message number is digits: without them the ezmlm pattern does not match.
  EXPECT_FALSE(match_verp("{list}-return-{number}-{local}={domain}@{host}",
                          "mylist-return-warn-bob=example.net@lists.example.org"));
}

TEST(VerpPattern, ACustomPatternWithALiteralPrefix) {
  const std::vector<std::string> mine{"news-owner-{local}={domain}@lists.example.org"};
  auto m = match_verp(mine, false, "news-owner-ann-marie=example.com@LISTS.example.org");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->subscriber, "ann-marie@example.com");
  EXPECT_EQ(m->list, "");  // no {list} in the pattern
  EXPECT_FALSE(match_verp(mine, false, "news-owner-ann=example.com@other.example.org"));
}

TEST(VerpPattern, OrdinaryAddressesDoNotMatch) {
  for (const char* address : {"john+news@example.com", "bounces@lists.example.org", "a+b=c@example.org",
                              "list+ann=example.@example.org", "list+=example.com@example.org",
                              "list+ann=.example.com@example.org", "+ann=example.com@example.org"})
    EXPECT_FALSE(match_verp({}, true, address)) << address;
  EXPECT_FALSE(match_verp({}, false, "mylist-bounces+ann=example.com@lists.example.org"));  // defaults off
}

TEST(VerpPattern, HostileAddressesAreRefusedOrBounded) {
  // Over the length limit: never matched.
  std::string long_local(400, 'a');
  EXPECT_FALSE(match_verp(kPostfixForm, "l+" + long_local + "=example.com@example.org"));
  // Control characters and spaces.
  EXPECT_FALSE(match_verp(kPostfixForm, "l+ann\r\nBcc: x=example.com@example.org"));
  EXPECT_FALSE(match_verp(kPostfixForm, std::string("l+an\0n=example.com@example.org", 29)));
  EXPECT_FALSE(match_verp(kPostfixForm, "l+ann smith=example.com@example.org"));
  // Many '+' and '=' at the length limit: every pattern, matched or not, within milliseconds.
  std::string plus(kMaxVerpAddress - 30, '+');
  std::string equals;
  for (std::size_t i = 0; i < kMaxVerpAddress - 30; ++i) equals += (i % 2) ? '=' : '+';
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) {
    EXPECT_FALSE(match_verp({}, true, "l" + plus + "=example@example.org"));
    auto m = match_verp({}, true, "l" + equals + "=example.com@example.org");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->list, "l@example.org");
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(VerpPattern, InvalidPatternsAreRefusedWithAReason) {
  EXPECT_EQ(verp_pattern_problem(kPostfixForm), "");
  EXPECT_EQ(verp_pattern_problem("mylist-{local}={domain}@example.org"), "");
  for (const char* bad : {"", "{list}+{local}={domain}", "{list}+{local}={domain}@{host}@x", "{list}{local}={domain}@h",
                          "{list}+{local}@{host}", "{list}+{user}={domain}@{host}", "{list}+{local}={domain}@{host}}",
                          "{list}+{local}={domain}@{host} ", "{local}={domain}@{host}+{list}",
                          "{list}+{local}={local}@{host}", "{local}=example.org@{domain}"})
    EXPECT_NE(verp_pattern_problem(bad), "") << bad;
  EXPECT_NE(verp_pattern_problem(std::string(300, 'a') + "{local}={domain}@h"), "");
  EXPECT_FALSE(match_verp("{list}+{user}={domain}@{host}", "l+a=example.com@h.example"));
}

TEST(VerpEnvelope, DeliveredToThenXOriginalToThenTo) {
  mime::Part root;
  root.fields = {{"To", "Someone <to@example.org>"},
                 {"X-Original-To", "orig@example.org"},
                 {"Delivered-To", "first@example.org"},
                 {"Delivered-To", "second@example.org"},
                 {"Delivered-To", "not an address"}};
  EXPECT_EQ(envelope_recipients(root),
            (std::vector<std::string>{"first@example.org", "second@example.org", "orig@example.org", "to@example.org"}));
  for (int i = 0; i < 50; ++i) root.fields.push_back({"Delivered-To", "d" + std::to_string(i) + "@example.org"});
  EXPECT_EQ(envelope_recipients(root).size(), kMaxEnvelopeAddresses);
}

TEST(VerpDecode, ABounceWithoutReadableRecipientYieldsTheSubscriber) {
  Result r = decode_file("verp/no_readable_recipient.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << test::dump(r);
  ASSERT_EQ(r.records.size(), 1u) << test::dump(r);
  EXPECT_EQ(r.records[0].recipient, "ann.smith@example.com");
  EXPECT_EQ(r.records[0].subscriber, "ann.smith@example.com");
  EXPECT_EQ(r.records[0].decoded_by, "verp");
  EXPECT_EQ(r.records[0].action, "failed");
  EXPECT_EQ(r.records[0].list, "mylist-bounces@lists.example.org");
  EXPECT_EQ(r.records[0].sender, "mylist-bounces@lists.example.org");  // not the VERP address itself
  EXPECT_NE(r.problem.find("VERP"), std::string::npos) << r.problem;
}

TEST(VerpDecode, WithoutAMatchingPatternItStaysUndecodable) {
  DecodeOptions no_defaults;
  no_defaults.verp_defaults = false;
  Result r = decode_file("verp/no_readable_recipient.eml", no_defaults);
  EXPECT_EQ(r.kind, Kind::undecodable) << test::dump(r);
  EXPECT_TRUE(r.records.empty());
}

TEST(VerpDecode, ACustomPatternReadsAQmailStylePrefix) {
  // The '-' form has no built-in pattern (verp.hpp says why)...
  EXPECT_EQ(decode_file("verp/qmail_style.eml").kind, Kind::undecodable);
  // ...the user names the prefix.
  DecodeOptions mine;
  mine.verp_patterns = {"news-owner-{local}={domain}@{host}"};
  Result r = decode_file("verp/qmail_style.eml", mine);
  ASSERT_EQ(r.records.size(), 1u) << test::dump(r);
  EXPECT_EQ(r.records[0].recipient, "ann.smith@example.com");
  EXPECT_EQ(r.records[0].subscriber, "ann.smith@example.com");
}

TEST(VerpDecode, APatternWithoutListGivesNoSenderRatherThanTheVerpAddress) {
  DecodeOptions mine;
  mine.verp_patterns = {"news-owner-{local}={domain}@{host}"};
  Result r = decode_file("verp/qmail_style.eml", mine);
  ASSERT_EQ(r.records.size(), 1u) << test::dump(r);
  EXPECT_EQ(r.records[0].list, "");
  EXPECT_EQ(r.records[0].sender, "");  // not news-owner-ann.smith=example.com@..., which names the subscriber
}

TEST(VerpDecode, HostileEnvelopeHeadersNameNobodyAndStayBounded) {
  const std::string body =
      "From: MAILER-DAEMON@relay.example.net\nSubject: Undeliverable mail\n"
      "Content-Type: text/plain\n\nDelivery of your message failed permanently.\n";
  std::string many_plus = "l";
  for (int i = 0; i < 300; ++i) many_plus += "+a=";
  many_plus += "example.com@lists.example.org";
  const std::string long_local = "l+" + std::string(5000, 'a') + "=example.com@lists.example.org";
  std::string many_headers;
  for (int i = 0; i < 2000; ++i) many_headers += "Delivered-To: l+" + std::to_string(i) + "@x\n";
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& headers :
       {"Delivered-To: " + many_plus + "\n", "Delivered-To: " + long_local + "\n",
        std::string("Delivered-To: l+ann\x01=example.com@lists.example.org\n"),
        std::string("Delivered-To: \"l+ann smith=example.com\"@lists.example.org\n"), many_headers}) {
    Result r = decode(test::raw_message(headers + body));
    EXPECT_EQ(r.kind, Kind::undecodable) << test::dump(r);
    EXPECT_TRUE(r.records.empty()) << test::dump(r);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(VerpDecode, AReadableReportKeepsItsRecipientBesideTheSubscriber) {
  Result r = decode_file("verp/forwarded_dsn.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << test::dump(r);
  ASSERT_EQ(r.records.size(), 1u) << test::dump(r);
  const Record& rec = r.records[0];
  EXPECT_EQ(rec.recipient, "ann@forward.example.net");
  EXPECT_EQ(rec.subscriber, "ann.smith@example.com");
  EXPECT_EQ(rec.decoded_by, "rfc3464");
  EXPECT_EQ(rec.status, "5.1.1");
  EXPECT_EQ(rec.list, "mylist.lists.example.org");  // List-Id wins over the VERP list address
  EXPECT_EQ(rec.sender, "mylist@lists.example.org");  // the returned message's From
}

TEST(VerpDecode, AnOrdinaryMailToAVerpAddressIsNoBounce) {
  const std::string mail =
      "Delivered-To: mylist-bounces+ann=example.com@lists.example.org\n"
      "From: Ann <ann@example.com>\nTo: mylist-bounces+ann=example.com@lists.example.org\n"
      "Subject: please unsubscribe me\n\nThanks.\n";
  Result r = decode(test::raw_message(mail));
  EXPECT_EQ(r.kind, Kind::not_bounce) << test::dump(r);
  EXPECT_TRUE(r.records.empty());
}

}  // namespace
}  // namespace bouncekit::decode
