// pipeline::decode_and_classify() on small DSNs built in the test: one rule of the record schema per test.
#include <gtest/gtest.h>

#include <string>

#include "bouncekit/decode.hpp"
#include "bouncekit/pipeline.hpp"
#include "decode/decode_support.hpp"

namespace {

using bouncekit::decode::decode;
using bouncekit::decode::Kind;
using bouncekit::decode::Result;
using bouncekit::decode::test::dump;
using bouncekit::decode::test::raw_message;

// A multipart/report DSN with the given delivery-status body and an optional
// text/rfc822-headers original.
std::string dsn(const std::string& status_body, const std::string& original_headers = "",
                const std::string& to = "To: sender@example.com\n") {
  std::string m =
      "From: MAILER-DAEMON@mx.example.net\n" + to +
      "Date: Mon, 01 Jul 2024 12:00:00 +0000\n"
      "Subject: Undelivered Mail Returned to Sender\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"BB\"\n"
      "\n"
      "--BB\n"
      "Content-Type: text/plain\n"
      "\n"
      "Delivery failed.\n"
      "\n"
      "--BB\n"
      "Content-Type: message/delivery-status\n"
      "\n" +
      status_body + "\n";
  if (!original_headers.empty())
    m += "--BB\n"
         "Content-Type: text/rfc822-headers\n"
         "\n" +
         original_headers + "\n";
  m += "--BB--\n";
  return m;
}

Result run(const std::string& message) { return bouncekit::pipeline::decode_and_classify(raw_message(message)); }

TEST(DecodeRfc3464Fields, GenericStatusIsRefinedByDiagnosticOfSameClass) {
  Result r = run(dsn("Reporting-MTA: dns; mx.example.net\n\n"
                     "Final-Recipient: rfc822; a@example.org\n"
                     "Action: failed\n"
                     "Status: 5.0.0\n"
                     "Diagnostic-Code: smtp; 550 5.1.1 <a@example.org>: User unknown\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].status, "5.1.1");
  EXPECT_EQ(r.records[0].reply_code, "550");
  EXPECT_EQ(r.records[0].reason, "userunknown");
  EXPECT_EQ(r.records[0].bounce, "hard");
}

TEST(DecodeRfc3464Fields, GenericStatusIsKeptWhenTextHasAnotherClass) {
  // No reply code in the text: only a same-class code may refine "4.0.0".
  Result r = run(dsn("Final-Recipient: rfc822; a@example.org\n"
                     "Action: delayed\n"
                     "Status: 4.0.0\n"
                     "Diagnostic-Code: smtp; temporary lookup failure, an earlier try said 5.1.1\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].status, "4.0.0");
  EXPECT_EQ(r.records[0].action, "delayed");
  EXPECT_EQ(r.records[0].reply_code, "");
}

TEST(DecodeRfc3464Fields, SpecificStatusIsNotOverriddenByStrayCodeInText) {
  Result r = run(dsn("Final-Recipient: rfc822; a@example.org\n"
                     "Action: failed\n"
                     "Status: 5.2.2\n"
                     "Diagnostic-Code: smtp; mailbox over quota (RFC 3463 would also allow 5.1.1 here)\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].status, "5.2.2");
  EXPECT_EQ(r.records[0].reason, "mailboxfull");
}

TEST(DecodeRfc3464Fields, RemoteServerStatusAfterReplyCodeIsUsed) {
  // The reporting MTA summarises ("5.0.0"); the remote server's "550-5.7.26" is precise.
  Result r = run(dsn("Final-Recipient: rfc822; a@example.org\n"
                     "Action: failed\n"
                     "Status: 5.0.0\n"
                     "Diagnostic-Code: smtp; 550-5.7.26 This mail is unauthenticated\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].status, "5.7.26");
  EXPECT_EQ(r.records[0].reply_code, "550");
}

TEST(DecodeRfc3464Fields, MissingStatusIsTakenFromDiagnostic) {
  Result r = run(dsn("Final-Recipient: rfc822; a@example.org\n"
                     "Action: failed\n"
                     "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].status, "5.2.2");
  EXPECT_EQ(r.records[0].reason, "mailboxfull");
}

TEST(DecodeRfc3464Fields, OriginalRecipientOnlyBecomesRecipient) {
  Result r = run(dsn("Original-Recipient: rfc822; Only.Original@Example.ORG\n"
                     "Action: failed\n"
                     "Status: 5.1.1\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].recipient, "Only.Original@example.org");
  EXPECT_EQ(r.records[0].original_recipient, "Only.Original@example.org");
  EXPECT_EQ(r.records[0].recipient_domain, "example.org");
}

TEST(DecodeRfc3464Fields, ActionIsLowerCasedFirstWord) {
  Result r = run(dsn("Final-Recipient: rfc822; a@example.org\n"
                     "Action: FAILED (bad destination mailbox address)\n"
                     "Status: 5.1.1\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].action, "failed");
}

TEST(DecodeRfc3464Fields, LastAttemptDateWinsOverArrivalDate) {
  Result r = run(dsn("Arrival-Date: Mon, 01 Jul 2024 10:00:00 +0200\n\n"
                     "Final-Recipient: rfc822; a@example.org\n"
                     "Action: failed\n"
                     "Status: 5.1.1\n"
                     "Last-Attempt-Date: Mon, 01 Jul 2024 10:05:00 +0200\n"
                     "\n"
                     "Final-Recipient: rfc822; b@example.org\n"
                     "Action: failed\n"
                     "Status: 5.1.1\n"));
  ASSERT_EQ(r.records.size(), 2u) << dump(r);
  EXPECT_EQ(r.records[0].timestamp, "2024-07-01T08:05:00Z");
  EXPECT_EQ(r.records[1].timestamp, "2024-07-01T08:00:00Z");
}

TEST(DecodeRfc3464Fields, SenderFallsBackToBounceRecipientWithoutOriginal) {
  Result r = run(dsn("Final-Recipient: rfc822; a@example.org\n"
                     "Action: failed\n"
                     "Status: 5.1.1\n",
                     "", "To: \"List Owner\" <owner-list@example.com>\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].sender, "owner-list@example.com");
  EXPECT_EQ(r.records[0].message_id, "");
  EXPECT_EQ(r.records[0].subject, "");
}

TEST(DecodeRfc3464Fields, OriginalFromIsPreferredToBounceRecipient) {
  Result r = run(dsn("Final-Recipient: rfc822; a@example.org\n"
                     "Action: failed\n"
                     "Status: 5.1.1\n",
                     "From: Shop <shop@example.com>\nTo: a@example.org\nSubject: Hi\n",
                     "To: bounces+a=example.org@example.com\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].sender, "shop@example.com");
}

TEST(DecodeRfc3464Fields, BlocksWithoutRecipientStatusOrDiagnosticAreSkipped) {
  Result r = run(dsn("Reporting-MTA: dns; mx.example.net\n\n"
                     "Final-Recipient: rfc822; a@example.org\n"
                     "Action: failed\n"
                     "Status: 5.1.1\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].reporting_mta, "mx.example.net");
}

TEST(DecodeRfc3464Fields, ReportWithoutRecipientBlockIsUndecodableWithProblem) {
  Result r = run(dsn("Reporting-MTA: dns; mx.example.net\n"
                     "Arrival-Date: Mon, 01 Jul 2024 10:00:00 +0200\n"));
  EXPECT_EQ(r.kind, Kind::undecodable) << dump(r);
  EXPECT_TRUE(r.records.empty());
  EXPECT_FALSE(r.problem.empty());
}

TEST(DecodeRfc3464Fields, MixedDeliveredAndFailedIsBounce) {
  Result r = run(dsn("Final-Recipient: rfc822; ok@example.org\n"
                     "Action: delivered\n"
                     "Status: 2.0.0\n"
                     "\n"
                     "Final-Recipient: rfc822; gone@example.org\n"
                     "Action: failed\n"
                     "Status: 5.1.1\n"));
  EXPECT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(r.records.size(), 2u) << dump(r);
  EXPECT_EQ(r.records[0].reason, "delivered");
  EXPECT_EQ(r.records[0].bounce, "none");
  EXPECT_EQ(r.records[1].reason, "userunknown");
}

TEST(DecodeRfc3464Fields, RemoteMtaHostIsLowerCasedWithoutTrailingDot) {
  Result r = run(dsn("Final-Recipient: rfc822; a@example.org\n"
                     "Action: failed\n"
                     "Status: 5.1.1\n"
                     "Remote-MTA: DNS; MX1.Example.ORG.\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].remote_mta, "mx1.example.org");
}

TEST(DecodeRfc3464Fields, SmtpCommandFromDiagnostic) {
  Result r = run(dsn("Final-Recipient: rfc822; a@example.org\n"
                     "Action: failed\n"
                     "Status: 5.7.1\n"
                     "Diagnostic-Code: smtp; host mx.example.org[192.0.2.9] said: 554 5.7.1 message refused\n"
                     " (in reply to end of DATA command)\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].smtp_command, "DATA");
  EXPECT_EQ(r.records[0].reply_code, "554");
  EXPECT_EQ(r.records[0].diagnostic,
            "host mx.example.org[192.0.2.9] said: 554 5.7.1 message refused (in reply to end of DATA command)");
}

TEST(DecodeRfc3464Fields, DiagnosticWhiteSpaceIsCollapsed) {
  Result r = run(dsn("Final-Recipient: rfc822; a@example.org\n"
                     "Action: failed\n"
                     "Status: 5.1.1\n"
                     "Diagnostic-Code: smtp;   550  5.1.1\t\tno   such\n"
                     "\t   user\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].diagnostic, "550 5.1.1 no such user");
}

TEST(DecodeRfc3464Fields, EightBitBytesInEveryReportFieldComeOutAsUtf8) {
  const std::string body =
      "Reporting-MTA: dns; mx.exam\xe9ple.net\n"
      "X-Postfix-Sender: rfc822; s\xe9nder@ex\xe4mple.com\n"
      "\n"
      "Final-Recipient: rfc822; j\xfcrgen@m\xfcnchen.example.org\n"
      "Original-Recipient: rfc822; J\xfcrgen@M\xfcnchen.example.org\n"
      "Action: f\xe4iled\n"
      "Status: 5.1.1\n"
      "Remote-MTA: dns; mx.m\xfcnchen.example.org\n"
      "Diagnostic-Code: smtp; 550 5.1.1 unbek\xe4nnt\n";
  Result r = run(dsn(body));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  for (const auto& [name, value] : bouncekit::decode::test::fields_of(r.records[0]))
    EXPECT_TRUE(bouncekit::decode::test::valid_utf8(value)) << name << ": " << value;
  EXPECT_EQ(r.records[0].recipient, "j\u00fcrgen@m\u00fcnchen.example.org");
  EXPECT_EQ(r.records[0].recipient_domain, "m\u00fcnchen.example.org");
  EXPECT_EQ(r.records[0].diagnostic, "550 5.1.1 unbek\u00e4nnt");
}

TEST(DecodeRfc3464Fields, QuotedLocalPartRecipientIsKeptWhole) {
  Result r = run(dsn("Final-Recipient: rfc822; \"john smith\"@example.org\n"
                     "Action: failed\n"
                     "Status: 5.1.1\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].recipient, "\"john smith\"@example.org");
  EXPECT_EQ(r.records[0].recipient_domain, "example.org");
}

TEST(DecodeRfc3464Fields, UndisclosedRecipientsIsNoOriginalTo) {
  // "To: undisclosed-recipients:;" names no address: original_to stays null.
  Result r = run(dsn("Final-Recipient: rfc822; a@example.org\n"
                     "Action: failed\n"
                     "Status: 5.1.1\n",
                     "From: shop@example.com\nTo: undisclosed-recipients:;\nSubject: Sale\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].original_to, "");
  EXPECT_EQ(r.records[0].sender, "shop@example.com");
}

TEST(DecodeRfc3464Fields, SmtpCommandFromSendmailTranscript) {
  // Sendmail names the refused command only in the session transcript of its
  // human-readable part; the Diagnostic-Code has just the reply.
  const std::string m =
      "From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.net>\n"
      "To: <news-bounces@example.com>\n"
      "Date: Tue, 2 Jul 2024 15:31:09 +0900\n"
      "Subject: Returned mail: see transcript for details\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"S\"\n"
      "\n"
      "--S\n"
      "\n"
      "   ----- The following addresses had permanent fatal errors -----\n"
      "<aoki@example.jp>\n"
      "    (reason: 550 5.1.1 <aoki@example.jp>... User unknown)\n"
      "\n"
      "   ----- Transcript of session follows -----\n"
      "... while talking to mx.example.jp.:\n"
      ">>> RCPT To:<aoki@example.jp>\n"
      "<<< 550 5.1.1 <aoki@example.jp>... User unknown\n"
      "550 5.1.1 <aoki@example.jp>... User unknown\n"
      "\n"
      "--S\n"
      "Content-Type: message/delivery-status\n"
      "\n"
      "Reporting-MTA: dns; relay.example.net\n"
      "\n"
      "Final-Recipient: RFC822; aoki@example.jp\n"
      "Action: failed\n"
      "Status: 5.1.1\n"
      "Remote-MTA: DNS; mx.example.jp\n"
      "Diagnostic-Code: SMTP; 550 5.1.1 <aoki@example.jp>... User unknown\n"
      "\n"
      "--S--\n";
  Result r = run(m);
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].smtp_command, "RCPT");
  EXPECT_EQ(r.records[0].diagnostic, "550 5.1.1 <aoki@example.jp>... User unknown");
}

TEST(DecodeRfc3464Fields, MissingActionStaysEmpty) {
  Result r = run(dsn("Final-Recipient: rfc822; a@example.org\n"
                     "Status: 5.1.1\n"));
  EXPECT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].action, "");
  EXPECT_EQ(r.records[0].reason, "userunknown");
}

TEST(DecodeRfc3464Fields, ObsoleteZoneNamesInDates) {
  Result r = run(dsn("Final-Recipient: rfc822; a@example.org\n"
                     "Action: failed\n"
                     "Status: 5.1.1\n"
                     "Last-Attempt-Date: Wed, 12 Jun 2024 16:45:08 EDT\n"));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].timestamp, "2024-06-12T20:45:08Z");
}

TEST(DecodeRfc3464Fields, ReportInsideTheReturnedMessageIsNotCounted) {
  // A bounce of a bounce: the returned message is itself a DSN about someone else.
  const std::string inner =
      "From: MAILER-DAEMON@other.example.net\n"
      "To: list@example.com\n"
      "Subject: Undelivered Mail Returned to Sender\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"IN\"\n"
      "\n"
      "--IN\n"
      "Content-Type: message/delivery-status\n"
      "\n"
      "Final-Recipient: rfc822; inner@example.net\n"
      "Action: failed\n"
      "Status: 5.1.1\n"
      "\n"
      "--IN--\n";
  const std::string m =
      "From: MAILER-DAEMON@mx.example.net\n"
      "To: \n"
      "Subject: Undelivered Mail Returned to Sender\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"OUT\"\n"
      "\n"
      "--OUT\n"
      "Content-Type: message/delivery-status\n"
      "\n"
      "Final-Recipient: rfc822; list@example.com\n"
      "Action: failed\n"
      "Status: 5.2.2\n"
      "\n"
      "--OUT\n"
      "Content-Type: message/rfc822\n"
      "\n" +
      inner + "\n--OUT--\n";
  Result r = run(m);
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].recipient, "list@example.com");
  EXPECT_EQ(r.records[0].status, "5.2.2");
}

TEST(DecodeRfc3464Fields, TruncatedMessageIsStillDecodedAndSaysSo) {
  auto raw = raw_message(dsn("Final-Recipient: rfc822; a@example.org\n"
                             "Action: failed\n"
                             "Status: 5.1.1\n"));
  raw.truncated = true;
  Result r = bouncekit::pipeline::decode_and_classify(raw);
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_FALSE(r.problem.empty());
}

}  // namespace

// Without a Diagnostic-Code or a quoting text part, the comment some MTAs put after the Status code
// is the only statement of the cause.
TEST(DecodeRfc3464Fields, StatusCommentStandsInForAMissingDiagnostic) {
  Result r = run(dsn("Reporting-MTA: dns; mx.example.net\n\n"
                     "Final-Recipient: rfc822; c@example.org\n"
                     "Action: delayed\n"
                     "Status: 4.0.0 (example.org: host name lookup failure)\n\n"
                     "Final-Recipient: rfc822; d@example.org\n"
                     "Action: failed\n"
                     "Status: 5.0.0 (remote refused)\n"
                     "Diagnostic-Code: smtp; 550 5.1.1 <d@example.org>: no such user\n"));
  ASSERT_EQ(r.records.size(), 2u) << dump(r);
  EXPECT_EQ(r.records[0].diagnostic, "example.org: host name lookup failure");
  EXPECT_EQ(r.records[0].status, "4.0.0");
  EXPECT_EQ(r.records[0].reason, "networkerror");
  // A Diagnostic-Code, when there is one, is the diagnostic.
  EXPECT_EQ(r.records[1].diagnostic, "550 5.1.1 <d@example.org>: no such user");
}
