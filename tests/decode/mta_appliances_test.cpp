// Decoders for mail-security appliances, filters and gateways (the
// "appliances" group): each format over small messages written for these
// tests, plus messages the decoders must leave to others.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bouncekit/decode.hpp"
#include "decode/decode_support.hpp"
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
    EXPECT_EQ(got.status, want[i].status);
    EXPECT_EQ(got.reply_code, want[i].reply_code);
    EXPECT_EQ(got.action, want[i].action);
    EXPECT_EQ(got.decoded_by, decoded_by);
    for (const auto& w : want[i].words) EXPECT_NE(got.diagnostic.find(w), std::string::npos) << w;
  }
}

std::string testdata(const std::string& name) {
  return bouncekit::test::read_file(bouncekit::decode::test::decode_path(name));
}

Result decode_text(const std::string& text) { return bouncekit::decode::decode(raw_message(text)); }

// The same message with LF, CRLF and CR-only line ends gives the same records.
void expect_same_with_other_line_ends(const std::string& name) {
  std::string lf = testdata(name);
  Result a = decode_text(lf);
  for (const std::string& variant : {bouncekit::decode::test::to_crlf(lf), bouncekit::decode::test::to_cr(lf)}) {
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

TEST(Activehunter, LineEndsDoNotMatter) { expect_same_with_other_line_ends("activehunter/two_recipients.eml"); }

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

TEST(Mailfoundry, LineEndsDoNotMatter) { expect_same_with_other_line_ends("mailfoundry/two_recipients.eml"); }

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

TEST(Mailmarshal, LineEndsDoNotMatter) { expect_same_with_other_line_ends("mailmarshal/three_recipients.eml"); }

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

TEST(Trendmicro, LineEndsDoNotMatter) { expect_same_with_other_line_ends("trendmicro/three_recipients.eml"); }

// ---- McAfee MXLogic

TEST(Mxlogic, UserUnknown) {
  expect_bounce(decode_file("mxlogic/user_unknown.eml"), "mxlogic",
                {{"peter.q@example.org", "5.1.1", "550", {"no mailbox by that name"}}});
}

TEST(Mxlogic, TwoRecipientsWithWrappedDiagnostics) {
  // An address inside a wrapped diagnostic is not another recipient.
  expect_bounce(decode_file("mxlogic/two_recipients.eml"), "mxlogic",
                {{"rita@example.org", "", "550", {"550 unknown user"}},
                 {"steve@example.org", "5.2.2", "552", {"mailbox is full", "steve.home@example.net instead"}}});
}

TEST(Mxlogic, TruncatedCrlf) {
  expect_bounce(decode_file("mxlogic/truncated_crlf.eml"), "mxlogic",
                {{"tina@example.org", "5.7.1", "554", {"rejected by"}}});
}

TEST(Mxlogic, LineEndsDoNotMatter) { expect_same_with_other_line_ends("mxlogic/two_recipients.eml"); }

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

TEST(Surfcontrol, LineEndsDoNotMatter) { expect_same_with_other_line_ends("surfcontrol/two_recipients.eml"); }

// ---- Barracuda

TEST(Barracuda, DeliveryStatusUnderItsSubject) {
  Result r = decode_file("barracuda/blocked.eml");
  expect_bounce(r, "barracuda", {{"zoe@example.jp", "5.7.1", "550", {"Message content rejected, UBE"}}});
  EXPECT_EQ(r.records[0].reporting_mta, "bsf.example.net");
}

TEST(Barracuda, TwoRecipients) {
  expect_bounce(decode_file("barracuda/two_recipients.eml"), "barracuda",
                {{"amy@example.jp", "5.7.1", "550", {"UBE"}}, {"bob@example.jp", "5.7.1", "554", {"virus found"}}});
}

TEST(Barracuda, TextOnlyTruncatedCrlf) {
  expect_bounce(decode_file("barracuda/text_only_crlf.eml"), "barracuda",
                {{"cat@example.jp", "", "", {"blocked by our Spam & Virus Firewall"}}});
}

TEST(Barracuda, LineEndsDoNotMatter) { expect_same_with_other_line_ends("barracuda/two_recipients.eml"); }

// ---- amavis

TEST(Amavis, NotRelayedReport) {
  Result r = decode_file("amavis/not_relayed.eml");
  expect_bounce(r, "amavis", {{"eli@example.org", "5.1.1", "550", {"unknown user"}}});
  EXPECT_EQ(r.records[0].reporting_mta, "filter.example.org");
}

TEST(Amavis, SpamNoticeForTwoRecipients) {
  expect_bounce(decode_file("amavis/spam_two_recipients.eml"), "amavis",
                {{"fay@example.org", "5.7.0", "554", {"spam"}}, {"gus@example.org", "5.7.0", "554", {"spam"}}});
}

TEST(Amavis, TextOnlyCrlfWithWrappedReplies) {
  Result r = decode_file("amavis/text_only_crlf.eml");
  expect_bounce(r, "amavis",
                {{"hank@example.org", "5.7.1", "554", {"Relay access denied"}},
                 {"ida@example.org", "4.2.0", "450", {"temporarily"}}});
  EXPECT_EQ(r.records[1].remote_mta, "192.0.2.25");
}

TEST(Amavis, LineEndsDoNotMatter) { expect_same_with_other_line_ends("amavis/not_relayed.eml"); }

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

TEST(Messagelabs, LineEndsDoNotMatter) { expect_same_with_other_line_ends("messagelabs/two_recipients.eml"); }

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

TEST(Mimecast, LineEndsDoNotMatter) { expect_same_with_other_line_ends("mimecast/alert.eml"); }

}  // namespace
