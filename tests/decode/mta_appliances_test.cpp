// Decoders for mail-security appliances, filters and gateways (the
// "appliances" group): each format over small messages written for these
// tests, plus messages the decoders must leave to others.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bouncekit/decode.hpp"
#include "bouncekit/pipeline.hpp"
#include "bouncekit/mime.hpp"
#include "decode/context.hpp"
#include "decode/decode_support.hpp"
#include "decode/mta/appliances.hpp"
#include "test_support.hpp"

namespace {


using namespace bouncekit::decode;
using bouncekit::decode::test::decode_file;
using bouncekit::decode::test::dump;
using bouncekit::decode::test::raw_message;

struct Want {
  std::string recipient;
  std::string status;
  std::string reply_code;
  std::vector<std::string> words;  ///< each must appear in the diagnostic
  std::string action = "failed";
};

void expect_bounce(const Result& r, std::string_view decoded_by, const std::vector<Want>& want) {
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(r.records.size(), want.size()) << dump(r);
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE("record " + std::to_string(i) + "\n" + dump(r));
    const bouncekit::Record& got = r.records[i];
    EXPECT_EQ(got.recipient, want[i].recipient);
    EXPECT_EQ(bouncekit::decode::test::stated_status(got.status), want[i].status);
    EXPECT_EQ(got.reply_code, want[i].reply_code);
    EXPECT_EQ(got.action, want[i].action);
    EXPECT_EQ(got.decoded_by, decoded_by);
    for (const auto& w : want[i].words) EXPECT_NE(got.diagnostic.find(w), std::string::npos) << w;
  }
}

std::string testdata(const std::string& name) {
  return bouncekit::test::read_file(bouncekit::decode::test::decode_path(name));
}

Result decode_text(const std::string& text) { return bouncekit::pipeline::decode_and_classify(raw_message(text)); }

// The same message with LF, CRLF and CR-only line ends gives the same records.
void expect_same_with_other_line_ends(const std::string& name) {
  std::string lf = testdata(name);
  Result a = decode_text(lf);
  using bouncekit::decode::test::to_cr;
  using bouncekit::decode::test::to_crlf;
  for (const std::string& variant : {to_crlf(lf), to_cr(lf)}) {
    Result b = decode_text(variant);
    ASSERT_EQ(a.records.size(), b.records.size()) << dump(b);
    for (std::size_t i = 0; i < a.records.size(); ++i) {
      EXPECT_EQ(a.records[i].recipient, b.records[i].recipient);
      EXPECT_EQ(a.records[i].status, b.records[i].status);
      EXPECT_EQ(a.records[i].diagnostic, b.records[i].diagnostic);
      EXPECT_EQ(a.records[i].decoded_by, b.records[i].decoded_by);
    }
  }
}

// ---- Active!Hunter

TEST(Activehunter, UserUnknown) {
  expect_bounce(decode_file("activehunter/user_unknown.eml"), "activehunter",
                {{"taro.yamada@example.net", "5.1.1", "550", {"mailbox taro.yamada is not known"}}});
}

TEST(Activehunter, TwoRecipientsEachWithItsTranscriptLine) {
  expect_bounce(decode_file("activehunter/two_recipients.eml"), "activehunter",
                {{"keiko@example.org", "5.1.1", "550", {"no such mailbox"}},
                 {"sales-team@example.org", "5.2.2", "552", {"over quota"}}});
}

TEST(Activehunter, TruncatedWithoutReturnedMessage) {
  expect_bounce(decode_file("activehunter/truncated.eml"), "activehunter",
                {{"ichiro@example.net", "5.7.1", "550", {"refused by content filter policy"}}});
}

TEST(Activehunter, LineEndsDoNotMatter) {
  expect_same_with_other_line_ends("activehunter/two_recipients.eml");
}

// A notice listing many recipients, whose transcript names them in the opposite order: each
// recipient gets the line naming it (an index of the transcript's addresses, built in one pass; it
// was a search of every line for every recipient), not the line at its own position.
std::string activehunter_notice(int n) {
  std::string m =
      "From: \"MAILER-DAEMON\" <MAILER-DAEMON@gw.example.org>\nSubject: FAILURE NOTICE : figures\n"
      "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status;\n"
      "\tboundary=\"----=_Active!Hunter_test\"\n\n------=_Active!Hunter_test\nContent-Type: text/plain\n\n"
      "  ----- The following addresses had permanent fatal errors -----\n\n";
  for (int i = 0; i < n; ++i) {
    std::string a = "u" + std::to_string(i) + "@example.org";
    m += ">>> " + a + " <" + a + ">\n";
  }
  m += "\n  ----- Transcript of session follows -----\n";
  for (int i = n - 1; i >= 0; --i) {
    std::string a = "<u" + std::to_string(i) + "@example.org>";
    m += i % 2 == 0 ? "550 5.1.1 " + a + ": Recipient address rejected: no such mailbox\n"
                    : "552 5.2.2 " + a + ": Mailbox over quota\n";
  }
  return m + "\n------=_Active!Hunter_test--\n";
}

TEST(Activehunter, LargeTranscriptEachRecipientGetsTheLineNamingIt) {
  constexpr int kRecipients = 20000;
  DecodeOptions all;
  all.max_records = kRecipients;
  Result r = decode(raw_message(activehunter_notice(kRecipients)), all);
  ASSERT_EQ(r.kind, Kind::bounce) << r.problem;
  ASSERT_EQ(r.records.size(), static_cast<std::size_t>(kRecipients));
  for (int i : {0, 1, 2, 9999, 19998, 19999}) {
    const bouncekit::Record& rec = r.records[static_cast<std::size_t>(i)];
    SCOPED_TRACE(i);
    EXPECT_EQ(rec.decoded_by, "activehunter");
    EXPECT_EQ(rec.recipient, "u" + std::to_string(i) + "@example.org");
    EXPECT_EQ(rec.status, i % 2 == 0 ? "5.1.1" : "5.2.2");
    EXPECT_NE(rec.diagnostic.find("<u" + std::to_string(i) + "@example.org>"), std::string::npos) << rec.diagnostic;
    EXPECT_EQ(rec.diagnostic.find("<u" + std::to_string(i + 1) + "@example.org>"), std::string::npos) << rec.diagnostic;
  }
  // The limit: the first 25 kept, the rest counted.
  DecodeOptions limited;
  limited.max_records = 25;
  Result first = decode(raw_message(activehunter_notice(kRecipients)), limited);
  ASSERT_EQ(first.records.size(), 25u);
  EXPECT_EQ(first.records.back().recipient, "u24@example.org");
  EXPECT_EQ(first.records.back().status, "5.1.1");
  EXPECT_EQ(first.problem, "19975 recipients beyond the limit of 25 records per message were left out");
}

// ---- MailFoundry

TEST(Mailfoundry, ServerReplyIsTheDiagnosticAndTheServerTheRemoteMta) {
  Result r = decode_file("mailfoundry/no_such_user.eml");
  expect_bounce(r, "mailfoundry", {{"lee.morgan@example.net", "5.1.1", "550", {"mailbox unavailable"}}});
  EXPECT_EQ(r.records[0].remote_mta, "inbound.example.net");
}

TEST(Mailfoundry, OneBlockPerRecipientWithWrappedReply) {
  expect_bounce(decode_file("mailfoundry/two_recipients.eml"), "mailfoundry",
                {{"ana@example.org", "5.2.2", "552", {"mailbox full, try again later"}},
                 {"ben@example.org", "", "550", {"account disabled"}}});
}

TEST(Mailfoundry, Truncated) {
  expect_bounce(decode_file("mailfoundry/truncated.eml"), "mailfoundry",
                {{"chris@example.org", "", "554", {"denied by"}}});
}

TEST(Mailfoundry, LineEndsDoNotMatter) {
  expect_same_with_other_line_ends("mailfoundry/two_recipients.eml");
}

// ---- MailMarshal

TEST(Mailmarshal, UserUnknownWithRemoteAndReportingMta) {
  Result r = decode_file("mailmarshal/user_unknown.eml");
  expect_bounce(r, "mailmarshal", {{"dana.k@example.net", "5.1.1", "550", {"Recipient address unknown"}}});
  EXPECT_EQ(r.records[0].remote_mta, "192.0.2.200");
  EXPECT_EQ(r.records[0].reporting_mta, "relay.example.com");
  EXPECT_EQ(r.records[0].sender, "Robin@example.com");  // not the bounce's To
}

TEST(Mailmarshal, OneReasonForThreeRecipients) {
  Result r = decode_file("mailmarshal/three_recipients.eml");
  expect_bounce(r, "mailmarshal",
                {{"erin@example.net", "4.2.2", "452", {"quota exceeded for this recipient group"}},
                 {"frank@example.net", "4.2.2", "452", {"quota exceeded"}},
                 {"gail@example.net", "4.2.2", "452", {"quota exceeded"}}});
  EXPECT_EQ(r.records[2].remote_mta, "mx.example.net");
}

TEST(Mailmarshal, TruncatedCrlfKeepsOnlyTheWholeAddress) {
  expect_bounce(decode_file("mailmarshal/truncated_crlf.eml"), "mailmarshal",
                {{"hal@example.net", "5.7.1", "554", {"Message refused"}}});
}

TEST(Mailmarshal, LineEndsDoNotMatter) {
  expect_same_with_other_line_ends("mailmarshal/three_recipients.eml");
}

// ---- Trend Micro InterScan

TEST(Trendmicro, TranscriptOfTheRefusedRcpt) {
  Result r = decode_file("trendmicro/transcript.eml");
  expect_bounce(r, "trendmicro", {{"rosa.b@example.net", "5.1.1", "550", {"no such user here"}}});
  EXPECT_EQ(r.records[0].smtp_command, "RCPT");
}

TEST(Trendmicro, RcptRefusalAndDataRefusalForTheAcceptedRecipients) {
  Result r = decode_file("trendmicro/three_recipients.eml");
  expect_bounce(r, "trendmicro",
                {{"tom@example.org", "5.1.1", "550", {"user unknown"}},
                 {"uma@example.org", "5.6.0", "554", {"content not accepted"}},
                 {"vic@example.org", "5.6.0", "554", {"content not accepted"}}});
  EXPECT_EQ(r.records[0].smtp_command, "RCPT");
  EXPECT_EQ(r.records[2].smtp_command, "DATA");
}

TEST(Trendmicro, SummaryLineWithoutCodes) {
  // The returned message's Subject repeats the phrase with another address: not a recipient.
  Result r = decode_file("trendmicro/summary.eml");
  expect_bounce(r, "trendmicro", {{"wendy@example.net", "", "", {"Please check if address is correct"}}});
}

TEST(Trendmicro, SummaryWrappedOverTwoLinesWithCrLineEnds) {
  expect_bounce(decode_file("trendmicro/rewrapped_cr.eml"), "trendmicro",
                {{"yuki@example.net", "", "", {"Unable to deliver message to <yuki@example.net>"}}});
}

TEST(Trendmicro, LineEndsDoNotMatter) {
  expect_same_with_other_line_ends("trendmicro/three_recipients.eml");
}

// ---- McAfee MXLogic

TEST(Mxlogic, UserUnknown) {
  expect_bounce(decode_file("mxlogic/user_unknown.eml"), "mxlogic",
                {{"peter.q@example.org", "5.1.1", "550", {"no mailbox by that name"}}});
}

TEST(Mxlogic, TwoRecipientsWithWrappedDiagnostics) {
  // An address inside a wrapped diagnostic is not another recipient.
  expect_bounce(decode_file("mxlogic/two_recipients.eml"), "mxlogic",
                {{"rita@example.org", "", "550", {"550 unknown user"}},
                 {"steve@example.org", "5.2.2", "552",
                  {"mailbox is full", "steve.home@example.net instead"}}});
}

TEST(Mxlogic, TruncatedCrlf) {
  expect_bounce(decode_file("mxlogic/truncated_crlf.eml"), "mxlogic",
                {{"tina@example.org", "5.7.1", "554", {"rejected by"}}});
}

TEST(Mxlogic, LineEndsDoNotMatter) {
  expect_same_with_other_line_ends("mxlogic/two_recipients.eml");
}

// ---- SurfControl

TEST(Surfcontrol, DeliveryStatusPlusTheRefusingHost) {
  Result r = decode_file("surfcontrol/refused.eml");
  expect_bounce(r, "surfcontrol", {{"vera@example.net", "5.7.1", "553", {"sender domain not accepted"}}});
  EXPECT_EQ(r.records[0].remote_mta, "192.0.2.150");
}

TEST(Surfcontrol, TwoRecipientsOneWithoutDiagnosticCode) {
  Result r = decode_file("surfcontrol/two_recipients.eml");
  expect_bounce(r, "surfcontrol",
                {{"wes@example.net", "5.1.1", "550", {"unknown recipient"}},
                 {"xena@example.org", "4.2.2", "452", {"over quota"}, "failed"}});
  EXPECT_EQ(r.records[0].remote_mta, "192.0.2.151");
  EXPECT_EQ(r.records[1].remote_mta, "192.0.2.152");
}

TEST(Surfcontrol, TextOnlyAndTruncated) {
  Result r = decode_file("surfcontrol/text_only_truncated.eml");
  expect_bounce(r, "surfcontrol", {{"yara@example.net", "", "554", {"Service currently unav"}}});
  EXPECT_EQ(r.records[0].remote_mta, "192.0.2.153");
}

TEST(Surfcontrol, LineEndsDoNotMatter) {
  expect_same_with_other_line_ends("surfcontrol/two_recipients.eml");
}

// ---- Barracuda

TEST(Barracuda, DeliveryStatusUnderItsSubject) {
  Result r = decode_file("barracuda/blocked.eml");
  expect_bounce(r, "barracuda", {{"zoe@example.jp", "5.7.1", "550", {"Message content rejected, UBE"}}});
  EXPECT_EQ(r.records[0].reporting_mta, "bsf.example.net");
}

TEST(Barracuda, TwoRecipients) {
  expect_bounce(decode_file("barracuda/two_recipients.eml"), "barracuda",
                {{"amy@example.jp", "5.7.1", "550", {"UBE"}},
                 {"bob@example.jp", "5.7.1", "554", {"virus found"}}});
}

TEST(Barracuda, TextOnlyTruncatedCrlf) {
  expect_bounce(decode_file("barracuda/text_only_crlf.eml"), "barracuda",
                {{"cat@example.jp", "", "", {"blocked by our Spam & Virus Firewall"}}});
}

TEST(Barracuda, LineEndsDoNotMatter) {
  expect_same_with_other_line_ends("barracuda/two_recipients.eml");
}

// ---- amavis

TEST(Amavis, NotRelayedReport) {
  Result r = decode_file("amavis/not_relayed.eml");
  expect_bounce(r, "amavis", {{"eli@example.org", "5.1.1", "550", {"unknown user"}}});
  EXPECT_EQ(r.records[0].reporting_mta, "filter.example.org");
}

TEST(Amavis, SpamNoticeForTwoRecipients) {
  expect_bounce(decode_file("amavis/spam_two_recipients.eml"), "amavis",
                {{"fay@example.org", "5.7.0", "554", {"spam"}},
                 {"gus@example.org", "5.7.0", "554", {"spam"}}});
}

TEST(Amavis, TextOnlyCrlfWithWrappedReplies) {
  Result r = decode_file("amavis/text_only_crlf.eml");
  expect_bounce(r, "amavis",
                {{"hank@example.org", "5.7.1", "554", {"Relay access denied"}},
                 {"ida@example.org", "4.2.0", "450", {"temporarily"}}});
  EXPECT_EQ(r.records[1].remote_mta, "192.0.2.25");
}

TEST(Amavis, LineEndsDoNotMatter) {
  expect_same_with_other_line_ends("amavis/not_relayed.eml");
}

// ---- Symantec MessageLabs

TEST(Messagelabs, NoSuchUser) {
  Result r = decode_file("messagelabs/no_such_user.eml");
  expect_bounce(r, "messagelabs", {{"kurt@example.org", "5.1.1", "550", {"mailbox does not exist"}}});
  EXPECT_EQ(r.records[0].remote_mta, "mx.example.org");
}

TEST(Messagelabs, TwoRecipientsOneReasonOnlyInTheText) {
  expect_bounce(decode_file("messagelabs/two_recipients.eml"), "messagelabs",
                {{"lars@example.org", "5.7.1", "550", {"not permitted to relay", "without authentication"}},
                 {"mona@example.net", "5.2.2", "552", {"quota exceeded"}}});
}

TEST(Messagelabs, TextOnlyTruncatedWithCrLineEnds) {
  expect_bounce(decode_file("messagelabs/text_only_cr.eml"), "messagelabs",
                {{"nils@example.org", "5.7.1", "554", {"refused by the recipient's policy"}}});
}

TEST(Messagelabs, LineEndsDoNotMatter) {
  expect_same_with_other_line_ends("messagelabs/two_recipients.eml");
}

// ---- Mimecast

TEST(Mimecast, AlertWithoutDeliveryStatus) {
  expect_bounce(decode_file("mimecast/alert.eml"), "mimecast",
                {{"paula.r@example.net", "5.1.10", "", {"Recipient not found by SMTP address lookup"}}});
}

TEST(Mimecast, ReportWithTwoRecipients) {
  expect_bounce(decode_file("mimecast/report_two_recipients.eml"), "mimecast",
                {{"quentin@example.net", "5.4.1", "550", {"Access denied"}},
                 {"rachel@example.net", "5.1.1", "550", {"Mailbox does not exist"}}});
}

TEST(Mimecast, TruncatedCrlfFallsBackToTheProblem) {
  expect_bounce(decode_file("mimecast/truncated_crlf.eml"), "mimecast",
                {{"sven@example.net", "", "", {"Mailbox on the remote server is full"}}});
}

TEST(Mimecast, LineEndsDoNotMatter) {
  expect_same_with_other_line_ends("mimecast/alert.eml");
}

// ---- What the detectors must leave alone

struct Detector {
  const char* name;
  bool (*detect)(const Context&);
};
constexpr Detector kDetectors[] = {
    {"activehunter", detect_activehunter},
    {"mailfoundry", detect_mailfoundry},
    {"mailmarshal", detect_mailmarshal},
    {"trendmicro", detect_trendmicro},
    {"mxlogic", detect_mxlogic},
    {"surfcontrol", detect_surfcontrol},
    {"barracuda", detect_barracuda},
    {"amavis", detect_amavis},
    {"messagelabs", detect_messagelabs},
    {"mimecast", detect_mimecast},
};

void expect_no_detector_claims(const std::string& text, const std::string& what) {
  bouncekit::source::RawMessage raw = raw_message(text);
  bouncekit::mime::Message message = bouncekit::mime::parse(text);
  DecodeOptions options;
  Context ctx{raw, text, message, options};
  for (const Detector& d : kDetectors) EXPECT_FALSE(d.detect(ctx)) << d.name << " claims " << what;
}

TEST(AppliancesNegative, OtherTestMessagesAreNotClaimed) {
  for (const char* name : {"01_postfix_user_unknown.eml", "02_sendmail_three_recipients.eml",
                           "04_global_delivery_status.eml", "06_arf_abuse.eml", "07_vacation.eml",
                           "08_newsletter.eml", "12_no_per_message_block.eml"})
    expect_no_detector_claims(testdata(name), name);
}

// Ordinary mail that passed through the appliances carries their trace headers.
TEST(AppliancesNegative, MailRelayedByTheAppliancesIsNotABounce) {
  const std::string mail =
      "Received: From mx.example.org (192.0.2.5) by filter.example.org (MAILFOUNDRY) id 0011aabb;\n"
      "    Mon, 1 Jul 2024 10:00:00 -0000 (GMT)\n"
      "Received: from gw.example.org by relay.example.org with InterScan Messaging Security Suite;\n"
      "    Mon, 1 Jul 2024 10:00:00 +0000\n"
      "X-SEF-Processed: 7_3_0_01__2024_07_01_10_00_00\n"
      "X-Msg-Ref: server-3.tower-1.messagelabs.com!1719828000!1234!1\n"
      "X-Mimecast-Spam-Score: 0\n"
      "X-MXL-NoteHash: 0011223344556677-8899aabbccddeeff\n"
      "X-Virus-Scanned: amavisd-new at example.org\n"
      "From: Tilda <tilda@example.org>\n"
      "To: ulf@example.com\n"
      "Subject: Undeliverable Mail: the box came back\n"
      "Message-ID: <box-0701@example.org>\n"
      "Date: Mon, 1 Jul 2024 09:59:00 +0000\n"
      "\n"
      "The courier said: Unable to deliver message to: <ulf@example.com> at the old flat.\n"
      "The message WAS NOT relayed to:\n"
      "  <ulf@example.com>: [192.0.2.1] said: nothing\n";
  expect_no_detector_claims(mail, "relayed mail");
  // Its words read like a bounce, so the generic fallback may take it; the
  // appliances' trace headers must not make it one of theirs.
  Result r = decode_text(mail);
  for (const auto& record : r.records) EXPECT_EQ(record.decoded_by, "fallback") << dump(r);
}

TEST(AppliancesNegative, OtherFamiliesPlainTextBouncesAreNotClaimed) {
  const std::string exim =
      "From: Mail Delivery System <Mailer-Daemon@mx.example.net>\n"
      "To: vic@example.com\n"
      "Subject: Mail delivery failed: returning message to sender\n"
      "X-Failed-Recipients: wanda@example.net\n"
      "\n"
      "This message was created automatically by mail delivery software.\n\n"
      "A message that you sent could not be delivered to one or more of its\n"
      "recipients. This is a permanent error. The following address(es) failed:\n\n"
      "  wanda@example.net\n"
      "    SMTP error from remote mail server after RCPT TO:<wanda@example.net>:\n"
      "    550 5.1.1 unknown user\n";
  expect_no_detector_claims(exim, "an Exim bounce");
  const std::string qmail =
      "From: MAILER-DAEMON@mail.example.net\n"
      "To: vic@example.com\n"
      "Subject: failure notice\n"
      "\n"
      "Hi. This is the qmail-send program at mail.example.net.\n"
      "I'm afraid I wasn't able to deliver your message to the following addresses.\n\n"
      "<xavi@example.net>:\n"
      "Sorry, no mailbox here by that name. (#5.1.1)\n";
  expect_no_detector_claims(qmail, "a qmail bounce");
}

// A Postfix report that went out through a MailFoundry gateway stays Postfix's (or rfc3464's).
TEST(AppliancesNegative, ReportRelayedThroughAGatewayKeepsItsDecoder) {
  std::string report = testdata("01_postfix_user_unknown.eml");
  report.insert(0, "Received: From localhost (127.0.0.1) by gw.example.org (MAILFOUNDRY) id 0a0b0c;\n"
                   "    Mon, 1 Jul 2024 10:00:00 -0000 (GMT)\n");
  Result r = decode_text(report);
  ASSERT_FALSE(r.records.empty()) << dump(r);
  EXPECT_NE(r.records[0].decoded_by, "mailfoundry");
}

}  // namespace
