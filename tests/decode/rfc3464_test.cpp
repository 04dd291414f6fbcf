// pipeline::decode_and_classify() on the RFC 3464 / RFC 6533 delivery status notifications in testdata/decode/.
// Every field of every record is compared exactly (see expect_record.hpp).
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "bouncekit/decode.hpp"
#include "bouncekit/pipeline.hpp"
#include "decode/decode_support.hpp"
#include "decode/expect_record.hpp"

namespace {

using bouncekit::decode::DecodeOptions;
using bouncekit::decode::Kind;
using bouncekit::decode::Result;
using bouncekit::decode::test::decode_file;
using bouncekit::decode::test::decode_path;
using bouncekit::decode::test::dump;
using bouncekit::decode::test::expect_record;
using bouncekit::decode::test::Expected;
using bouncekit::decode::test::fields_of;
using bouncekit::decode::test::valid_utf8;

DecodeOptions with_campaign() {
  DecodeOptions o;
  o.extra_headers = {"X-Campaign-Id"};
  return o;
}

TEST(DecodeRfc3464, PostfixUserUnknown) {
  Result r = decode_file("01_postfix_user_unknown.eml", with_campaign());
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.problem, "");
  EXPECT_EQ(r.records[0].origin, decode_path("01_postfix_user_unknown.eml"));
  expect_record(r.records[0],
                {.fields = {{"timestamp", "2024-03-05T08:14:25Z"},
                            {"recipient", "walter.finch@example.org"},
                            {"original_recipient", "Walter.Finch@example.org"},
                            {"recipient_domain", "example.org"},
                            {"sender", "newsletter-bounces@example.com"},
                            {"action", "failed"},
                            {"status", "5.1.1"},
                            {"reply_code", "550"},
                            {"diagnostic",
                             "550 5.1.1 <walter.finch@example.org>: Recipient address rejected: no such mailbox here"},
                            {"diagnostic_type", "SMTP"},
                            {"reason", "userunknown"},
                            {"bounce", "hard"},
                            {"remote_mta", "mx2.example.org"},
                            {"reporting_mta", "relay1.example.net"},
                            {"smtp_command", "RCPT"},
                            {"decoded_by", "postfix"},  // Postfix's own DSN (X-Postfix-Queue-ID)
                            {"message_id", "<spring-sale.20240305.8812@app3.example.com>"},
                            {"subject", "Spring seeds are here"},
                            {"list_id", "Garden Supply Weekly <weekly.example.com>"},
                            {"list", "weekly.example.com"},  // List-Id's identifier (RFC 2919)
                            {"original_to", "Walter.Finch@example.org"},
                            {"original_date", "2024-03-05T08:14:20Z"}},
                 .extra_headers = {{"X-Campaign-Id", "spring-2024-03"}}},
                dump(r));
}

TEST(DecodeRfc3464, PostfixWithoutExtraHeadersHasNone) {
  Result r = decode_file("01_postfix_user_unknown.eml");
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_TRUE(r.records[0].extra_headers.empty());
}

TEST(DecodeRfc3464, ExtraHeaderNameIsCaseInsensitive) {
  DecodeOptions o;
  o.extra_headers = {"x-campaign-id", "X-Not-There"};
  Result r = decode_file("01_postfix_user_unknown.eml", o);
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  ASSERT_EQ(r.records[0].extra_headers.size(), 1u);
  EXPECT_EQ(r.records[0].extra_headers[0].second, "spring-2024-03");
}

TEST(DecodeRfc3464, SendmailThreeRecipientsInOrder) {
  Result r = decode_file("02_sendmail_three_recipients.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(r.records.size(), 3u) << dump(r);
  const std::map<std::string, std::string> shared = {
      {"sender", "orders@example.com"},
      {"diagnostic_type", "SMTP"},
      {"reporting_mta", "gw.example.net"},
      {"decoded_by", "sendmail"},  // Sendmail's own notice ("following addresses had permanent fatal errors")
      {"message_id", "<order-55120@app.example.com>"},
      {"subject", "Your order 55120 has shipped"},
      {"original_to", "hana.sato@example.jp"},
      {"original_date", "2024-03-11T03:39:58Z"},
  };
  auto with = [&](std::map<std::string, std::string> own) {
    own.insert(shared.begin(), shared.end());
    return Expected{.fields = own};
  };
  expect_record(r.records[0],
                with({{"timestamp", "2024-03-11T03:46:25Z"},
                      {"recipient", "hana.sato@example.jp"},
                      {"recipient_domain", "example.jp"},
                      {"action", "failed"},
                      {"status", "5.1.1"},
                      {"reply_code", "550"},
                      {"diagnostic", "550 5.1.1 <hana.sato@example.jp>... User unknown"},
                      {"reason", "userunknown"},
                      {"bounce", "hard"},
                      {"remote_mta", "mx.example.jp"}}),
                "record 0\n" + dump(r));
  // No Last-Attempt-Date in this block: the per-message Arrival-Date.
  expect_record(r.records[1],
                with({{"timestamp", "2024-03-11T03:40:02Z"},
                      {"recipient", "kenji@example.org"},
                      {"recipient_domain", "example.org"},
                      {"action", "failed"},
                      {"status", "5.2.2"},
                      {"reply_code", "552"},
                      {"diagnostic", "552 5.2.2 Mailbox full: the mailbox of this user has exceeded its storage quota"},
                      {"reason", "mailboxfull"},
                      {"bounce", "soft"},
                      {"remote_mta", "mail.example.org"}}),
                "record 1\n" + dump(r));
  expect_record(r.records[2],
                with({{"timestamp", "2024-03-11T03:46:26Z"},
                      {"recipient", "ops@example.net"},
                      {"recipient_domain", "example.net"},
                      {"action", "delayed"},
                      {"status", "4.4.7"},
                      {"reply_code", "451"},
                      {"diagnostic", "451 4.4.7 Message delayed"},
                      {"reason", "expired"},
                      {"bounce", "soft"},
                      {"remote_mta", "mx1.example.net"}}),
                "record 2\n" + dump(r));
}

TEST(DecodeRfc3464, RfcHeadersOriginalWithEncodedWords) {
  Result r = decode_file("03_rfc822_headers_encoded.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  expect_record(r.records[0],
                {.fields = {{"timestamp", "2024-04-17T09:02:10Z"},
                            {"recipient", "takeshi.mori@example.jp"},
                            {"recipient_domain", "example.jp"},
                            {"sender", "Francoise.Levy@example.com"},
                            {"action", "failed"},
                            {"status", "5.1.1"},
                            {"reply_code", "550"},
                            {"diagnostic", "550 5.1.1 User unknown: takeshi.mori"},
                            {"diagnostic_type", "SMTP"},
                            {"reason", "userunknown"},
                            {"bounce", "hard"},
                            {"remote_mta", "inbound.example.jp"},
                            {"reporting_mta", "mta.example.jp"},
                            {"decoded_by", "rfc3464"},
                            {"message_id", "<cal-2024-0417-0042@web1.example.com>"},
                            {"subject", "\u4f1a\u8b70\u5ba4\u5909\u66f4\u306e\u304a\u77e5\u3089\u305b (2024/04)"},
                            {"original_to", "takeshi.mori@example.jp"},
                            {"original_date", "2024-04-17T09:02:05Z"}}},
                dump(r));
}

TEST(DecodeRfc3464, GlobalDeliveryStatusUtf8Address) {
  Result r = decode_file("04_global_delivery_status.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  const std::string yamada = "\u5c71\u7530\u592a\u90ce@example.jp";
  expect_record(r.records[0],
                {.fields = {{"timestamp", "2024-05-02T07:29:59Z"},
                            {"recipient", yamada},
                            {"original_recipient", yamada},
                            {"recipient_domain", "example.jp"},
                            {"sender", "kontakt@example.com"},
                            {"action", "failed"},
                            {"status", "5.1.1"},
                            {"reply_code", "550"},
                            {"diagnostic", "550 5.1.1 mailbox \u5c71\u7530\u592a\u90ce does not exist"},
                            {"diagnostic_type", "SMTP"},
                            {"reason", "userunknown"},
                            {"bounce", "hard"},
                            {"remote_mta", "mx.example.jp"},
                            {"reporting_mta", "smtp.example.org"},
                            {"decoded_by", "rfc3464"},
                            {"message_id", "<a1b2c3.kontakt@example.com>"},
                            {"subject", "Angebot f\u00fcr Ihr B\u00fcro"},
                            {"original_to", yamada},
                            {"original_date", "2024-05-02T07:29:40Z"}}},
                dump(r));
}

TEST(DecodeRfc3464, SuccessReportIsDeliveredNotBounce) {
  Result r = decode_file("05_success_dsn.eml");
  ASSERT_EQ(r.kind, Kind::delivered) << dump(r);
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  expect_record(r.records[0],
                {.fields = {{"timestamp", "2024-05-10T14:00:01Z"},
                            {"recipient", "lena.berg@example.org"},
                            {"original_recipient", "lena.berg@example.org"},
                            {"recipient_domain", "example.org"},
                            {"sender", "receipts@example.com"},
                            {"action", "delivered"},
                            {"status", "2.0.0"},
                            {"reply_code", "250"},
                            {"diagnostic", "250 2.0.0 Ok: queued as 9F2A11C0"},
                            {"diagnostic_type", "SMTP"},
                            {"reason", "delivered"},
                            {"bounce", "none"},
                            {"remote_mta", "mx1.example.org"},
                            {"reporting_mta", "relay1.example.net"},
                            {"decoded_by", "postfix"},  // Postfix's own DSN (X-Postfix-Queue-ID)
                            {"message_id", "<receipt-77031@example.com>"},
                            {"subject", "Your receipt 77031"},
                            {"original_to", "lena.berg@example.org"},
                            {"original_date", "2024-05-10T14:00:00Z"}}},
                dump(r));
}

TEST(DecodeRfc3464, UnclosedInnerMultipartStillYieldsRecords) {
  Result r = decode_file("09_unclosed_inner_multipart.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  // Only the delivery-status part is required to survive the broken structure.
  expect_record(r.records[0],
                {.fields = {{"timestamp", "2024-06-12T20:45:08Z"},
                            {"recipient", "carl.dunn@example.org"},
                            {"recipient_domain", "example.org"},
                            {"sender", "billing@example.com"},
                            {"action", "failed"},
                            {"status", "5.1.1"},
                            {"reply_code", "550"},
                            {"diagnostic", "550 5.1.1 carl.dunn@example.org: Mailbox does not exist"},
                            {"diagnostic_type", "SMTP"},
                            {"reason", "userunknown"},
                            {"bounce", "hard"},
                            {"remote_mta", "mail.example.org"},
                            {"reporting_mta", "mx.example.net"},
                            {"decoded_by", "rfc3464"}},
                 .any = {"message_id", "subject", "original_to", "original_date"}},
                dump(r));
}

TEST(DecodeRfc3464, Base64DeliveryStatusPart) {
  Result r = decode_file("10_base64_delivery_status.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  expect_record(r.records[0],
                {.fields = {{"timestamp", "2024-06-20T10:15:04Z"},
                            {"recipient", "Nadia.Q@example.net"},
                            {"recipient_domain", "example.net"},
                            {"sender", "alerts@example.com"},
                            {"action", "failed"},
                            {"status", "5.2.1"},
                            {"reply_code", "550"},
                            {"diagnostic", "550 5.2.1 The email account that you tried to reach is disabled"},
                            {"diagnostic_type", "SMTP"},
                            {"reason", "suspend"},
                            {"bounce", "soft"},
                            {"remote_mta", "mx.example.net"},
                            {"reporting_mta", "out2.example.com"},
                            {"decoded_by", "rfc3464"},
                            {"message_id", "<alert-88123@example.com>"},
                            {"subject", "Your weekly account summary"},
                            {"original_to", "Nadia.Q@example.net"},
                            {"original_date", "2024-06-20T10:14:59Z"}}},
                dump(r));
}

TEST(DecodeRfc3464, Latin1EightBitTextBecomesUtf8) {
  Result r = decode_file("11_latin1_8bit.eml", with_campaign());
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  for (const auto& [name, value] : fields_of(r.records[0])) EXPECT_TRUE(valid_utf8(value)) << name << ": " << value;
  expect_record(r.records[0],
                {.fields = {{"timestamp", "2024-06-25T09:20:38Z"},
                            {"recipient", "juergen.weiss@example.org"},
                            {"recipient_domain", "example.org"},
                            {"sender", "verkauf@example.com"},
                            {"action", "failed"},
                            {"status", "5.1.1"},
                            {"reply_code", "550"},
                            {"diagnostic",
                             "550 5.1.1 Postfach f\u00fcr Benutzer <juergen.weiss@example.org> existiert nicht "
                             "\u00bbunbekannt\u00ab"},
                            {"diagnostic_type", "SMTP"},
                            {"reason", "userunknown"},
                            {"bounce", "hard"},
                            {"remote_mta", "postfach.example.org"},
                            {"reporting_mta", "mail.example.org"},
                            {"decoded_by", "rfc3464"},
                            {"message_id", "<angebot-2024-118@example.com>"},
                            {"subject", "Gr\u00fc\u00dfe aus M\u00fcnchen"},
                            {"original_to", "juergen.weiss@example.org"},
                            {"original_date", "2024-06-25T09:20:30Z"}},
                 .extra_headers = {{"X-Campaign-Id", "sommer-\u00e4"}}},
                dump(r));
}

TEST(DecodeRfc3464, NoPerMessageBlockAndBracketedRemoteMta) {
  Result r = decode_file("12_no_per_message_block.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  // No Reporting-MTA anywhere: null, not made up. No dates in the report: the bounce's Date.
  expect_record(r.records[0],
                {.fields = {{"timestamp", "2024-06-28T23:59:30Z"},
                            {"recipient", "tom.rivera@example.net"},
                            {"recipient_domain", "example.net"},
                            {"sender", "signup@example.com"},
                            {"action", "failed"},
                            {"status", "5.7.1"},
                            {"reply_code", "554"},
                            {"diagnostic", "554 5.7.1 Service unavailable; client host [198.51.100.9] blocked"},
                            {"diagnostic_type", "SMTP"},
                            {"reason", "blocked"},
                            {"bounce", "soft"},
                            {"remote_mta", "192.0.2.25"},
                            {"decoded_by", "rfc3464"},
                            {"message_id", "<welcome-1190@example.com>"},
                            {"subject", "Welcome aboard"},
                            {"original_to", "tom.rivera@example.net"}}},
                dump(r));
}

TEST(DecodeRfc3464, EveryTestMessageGivesValidUtf8) {
  for (const char* name :
       {"01_postfix_user_unknown.eml", "02_sendmail_three_recipients.eml", "03_rfc822_headers_encoded.eml",
        "04_global_delivery_status.eml", "05_success_dsn.eml", "06_arf_abuse.eml", "07_vacation.eml",
        "08_newsletter.eml", "09_unclosed_inner_multipart.eml", "10_base64_delivery_status.eml",
        "11_latin1_8bit.eml", "12_no_per_message_block.eml"}) {
    Result r = decode_file(name, with_campaign());
    EXPECT_TRUE(valid_utf8(r.problem)) << name;
    for (const auto& rec : r.records) {
      EXPECT_EQ(rec.origin, decode_path(name));
      EXPECT_FALSE(rec.reason.empty()) << name;
      EXPECT_FALSE(rec.bounce.empty()) << name;
      for (const auto& [field, value] : fields_of(rec)) EXPECT_TRUE(valid_utf8(value)) << name << " " << field;
    }
  }
}

}  // namespace

// No Diagnostic-Code: the explanation's line that pairs the address with words ("a@b: reason",
// "<a@b>... reason") stands in for it; words that end in a bare reply code ("Deferred: 451") point
// to a transcript and are not taken.
TEST(DecodeRfc3464, ExplanationWordsOnTheRecipientsLineStandInForAMissingDiagnostic) {
  Result r = decode_file("13_explanation_words_only.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(r.records.size(), 2u) << dump(r);
  EXPECT_EQ(r.records[0].recipient, "pia@example.net");
  EXPECT_EQ(r.records[0].diagnostic, "the domain lists no mail exchanger at all") << dump(r);
  EXPECT_EQ(r.records[1].recipient, "max@example.net");
  EXPECT_EQ(r.records[1].diagnostic.find("Deferred"), std::string::npos) << dump(r);
}

namespace {

// RFC 3464 section 2.3.2 lets Final-Recipient be of any address-type, and some MTAs write only a
// host there ("rfc822; @mx.example.net"). Written for this test: a report of that shape whose
// explanation names the recipient, who is also the returned message's To.
std::string host_only_report(const std::string& explanation) {
  return "From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.com>\n"
         "To: <carol@example.com>\n"
         "Subject: Returned mail: Host unknown\n"
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=\"R1\"\n\n"
         "--R1\nContent-Type: text/plain\n\n" +
         explanation +
         "\n--R1\nContent-Type: message/delivery-status\n\n"
         "Reporting-MTA: dns; relay.example.com\n\n"
         "Final-Recipient: rfc822; @mx.example.net\nAction: failed\nStatus: 5.1.2\n\n"
         "--R1\nContent-Type: text/rfc822-headers\n\n"
         "From: Carol <carol@example.com>\nTo: dave@example.net\nSubject: Minutes\n\n"
         "--R1--\n";
}

bouncekit::decode::Result decode_text(const std::string& text) {
  return bouncekit::pipeline::decode_and_classify(bouncekit::decode::test::raw_message(text));
}

}  // namespace

TEST(DecodeRfc3464, AHostOnlyFinalRecipientTakesTheRecipientTheExplanationNames) {
  using bouncekit::decode::test::dump;
  auto r = decode_text(host_only_report(
      "The following address had permanent fatal errors:\n<dave@example.net>\n    (reason: 550 Host unknown)\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].recipient, "dave@example.net") << dump(r);
  EXPECT_EQ(r.records[0].status, "5.1.2");

  // Another address in the explanation (a contact): which one failed is not certain, so none is named.
  r = decode_text(host_only_report(
      "The following address had permanent fatal errors:\n<dave@example.net>\n"
      "Questions? Write to help@relay.example.com.\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].recipient, "") << dump(r);

  // The explanation does not name the returned message's recipient: nothing is taken from it.
  r = decode_text(host_only_report("Delivery to mx.example.net failed: host unknown.\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].recipient, "") << dump(r);
}
