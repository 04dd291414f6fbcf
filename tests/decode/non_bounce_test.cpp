// pipeline::decode_and_classify() on messages that are not bounces: ARF complaints, RFC 3834
// auto-replies and ordinary mail.
#include <gtest/gtest.h>

#include <string>

#include "bouncekit/decode.hpp"
#include "bouncekit/pipeline.hpp"
#include "decode/decode_support.hpp"
#include "decode/expect_record.hpp"

namespace {

using bouncekit::decode::decode;
using bouncekit::decode::DecodeOptions;
using bouncekit::decode::Kind;
using bouncekit::decode::Result;
using bouncekit::decode::test::decode_file;
using bouncekit::decode::test::dump;
using bouncekit::decode::test::expect_record;
using bouncekit::decode::test::raw_message;

TEST(DecodeArf, AbuseReportWithTwoOriginalRecipients) {
  DecodeOptions o;
  o.extra_headers = {"X-Campaign-Id"};
  Result r = decode_file("06_arf_abuse.eml", o);
  ASSERT_EQ(r.kind, Kind::feedback) << dump(r);
  ASSERT_EQ(r.records.size(), 2u) << dump(r);
  const char* recipients[] = {"paula.ng@example.net", "omar.h@example.net"};
  for (std::size_t i = 0; i < 2; ++i) {
    // What goes into `diagnostic` for a complaint is not pinned down here.
    expect_record(r.records[i],
                  {.fields = {{"timestamp", "2024-05-19T04:05:12Z"},
                              {"recipient", recipients[i]},
                              {"recipient_domain", "example.net"},
                              {"sender", "bounces+c77@example.com"},
                              {"reason", "feedback"},
                              {"bounce", "none"},
                              {"reporting_mta", "feedback.example.net"},
                              {"decoded_by", "arf"},
                              {"message_id", "<promo-c77-0518@app3.example.com>"},
                              {"subject", "48 hours only: free shipping"},
                              {"list_id", "<deals.example.com>"},
                              {"list", "deals.example.com"},
                              {"original_to", "paula.ng@example.net"},
                              {"original_date", "2024-05-19T04:05:00Z"},
                              {"feedback_type", "abuse"}},
                   .extra_headers = {{"X-Campaign-Id", "c77-may"}},
                   .any = {"diagnostic"}},
                  "record " + std::to_string(i) + "\n" + dump(r));
  }
}

TEST(DecodeArf, WithoutOriginalRcptToUsesTheReturnedMessage) {
  const std::string m =
      "From: fbl@example.net\n"
      "To: abuse@example.com\n"
      "Date: Tue, 02 Jul 2024 08:00:00 +0000\n"
      "Subject: complaint\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=feedback-report; boundary=\"F\"\n"
      "\n"
      "--F\n"
      "Content-Type: text/plain\n"
      "\n"
      "A user complained.\n"
      "--F\n"
      "Content-Type: message/feedback-report\n"
      "\n"
      "Feedback-Type: Fraud\n"
      "User-Agent: SomeFBL/1.0\n"
      "Version: 1\n"
      "\n"
      "--F\n"
      "Content-Type: message/rfc822\n"
      "\n"
      "From: shop@example.com\n"
      "To: Victim <victim@example.net>\n"
      "Subject: hello\n"
      "Message-ID: <m1@example.com>\n"
      "\n"
      "body\n"
      "--F--\n";
  Result r = bouncekit::pipeline::decode_and_classify(raw_message(m));
  ASSERT_EQ(r.kind, Kind::feedback) << dump(r);
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].recipient, "victim@example.net");
  EXPECT_EQ(r.records[0].feedback_type, "fraud");
  EXPECT_EQ(r.records[0].sender, "shop@example.com");
  EXPECT_EQ(r.records[0].timestamp, "2024-07-02T08:00:00Z");
  EXPECT_EQ(r.records[0].message_id, "<m1@example.com>");
}

TEST(DecodeAutoreply, OutOfOfficeReply) {
  Result r = decode_file("07_vacation.eml");
  ASSERT_EQ(r.kind, Kind::vacation) << dump(r);
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  // No original message is returned: its fields stay empty. What the decoder
  // puts in `diagnostic` (and whether it guesses the subject) is not pinned down.
  expect_record(r.records[0],
                {.fields = {{"timestamp", "2024-06-03T06:01:15Z"},
                            {"recipient", "ingrid.olsen@example.org"},
                            {"recipient_domain", "example.org"},
                            {"sender", "newsletter@example.com"},
                            {"reason", "vacation"},
                            {"bounce", "none"},
                            {"decoded_by", "rfc3834"}},
                 .any = {"diagnostic", "subject"}},
                dump(r));
}

TEST(DecodeAutoreply, SubjectAloneMarksAutoReply) {
  const std::string m =
      "From: Pat Doe <pat@example.org>\n"
      "To: info@example.com\n"
      "Date: Wed, 03 Jul 2024 09:00:00 +0000\n"
      "Subject: Automatic reply: your question\n"
      "\n"
      "I am on leave.\n";
  Result r = bouncekit::pipeline::decode_and_classify(raw_message(m));
  ASSERT_EQ(r.kind, Kind::vacation) << dump(r);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].recipient, "pat@example.org");
}

TEST(DecodeAutoreply, BounceWithAutoSubmittedIsNotVacation) {
  // Postfix marks its bounces "Auto-Submitted: auto-replied": still a bounce.
  Result r = decode_file("01_postfix_user_unknown.eml");
  EXPECT_EQ(r.kind, Kind::bounce) << dump(r);
}

TEST(DecodeNotBounce, NewsletterYieldsNothing) {
  DecodeOptions o;
  o.extra_headers = {"X-Campaign-Id"};
  Result r = decode_file("08_newsletter.eml", o);
  EXPECT_EQ(r.kind, Kind::not_bounce) << dump(r);
  EXPECT_TRUE(r.records.empty()) << dump(r);
  EXPECT_EQ(r.problem, "");
}

TEST(DecodeNotBounce, PlainPersonalMailYieldsNothing) {
  const std::string m =
      "From: Alex <alex@example.org>\n"
      "To: sam@example.net\n"
      "Subject: lunch on Friday?\n"
      "Date: Thu, 04 Jul 2024 10:00:00 +0000\n"
      "\n"
      "Are you free? The last one was delayed, so let us try again.\n";
  Result r = bouncekit::pipeline::decode_and_classify(raw_message(m));
  EXPECT_EQ(r.kind, Kind::not_bounce) << dump(r);
  EXPECT_TRUE(r.records.empty());
}

TEST(DecodeNotBounce, MailDiscussingDeliveryStatusIsNotABounce) {
  // Mentions the report content type in prose, but has no such part.
  const std::string m =
      "From: dev@example.org\n"
      "To: list@example.net\n"
      "Subject: parsing DSNs\n"
      "\n"
      "Our parser looks for a message/delivery-status part inside multipart/report.\n";
  Result r = bouncekit::pipeline::decode_and_classify(raw_message(m));
  EXPECT_EQ(r.kind, Kind::not_bounce) << dump(r);
  EXPECT_TRUE(r.records.empty());
}

TEST(DecodeAutoreply, XAutoreplyHeaderMarksAutoReply) {
  const std::string m =
      "From: desk@example.org\n"
      "To: info@example.com\n"
      "Date: Wed, 03 Jul 2024 09:00:00 +0000\n"
      "Subject: Re: your question\n"
      "X-Autoreply: yes\n"
      "\n"
      "We received your message and will answer within two days.\n";
  Result r = bouncekit::pipeline::decode_and_classify(raw_message(m));
  EXPECT_EQ(r.kind, Kind::vacation) << dump(r);
}

TEST(DecodeNotBounce, AutoGeneratedNotificationIsNotVacation) {
  // RFC 3834: auto-generated (not auto-replied) is not a response to a message.
  const std::string m =
      "From: alerts@example.org\n"
      "To: ops@example.com\n"
      "Subject: Disk usage report\n"
      "Auto-Submitted: auto-generated\n"
      "\n"
      "All volumes below 80%.\n";
  Result r = bouncekit::pipeline::decode_and_classify(raw_message(m));
  EXPECT_EQ(r.kind, Kind::not_bounce) << dump(r);
  EXPECT_TRUE(r.records.empty());
}

TEST(DecodeNotBounce, NewsletterWithBouncePunInSubjectIsNotABounce) {
  // Ordinary mail from an ordinary sender; "bounce" is only a word in its subject.
  const std::string m =
      "From: \"Garden Supply Weekly\" <newsletter@example.com>\n"
      "To: reader@example.org\n"
      "Date: Tue, 04 Jun 2024 06:00:00 +0000\n"
      "Subject: Bounce back into spring: 20% off garden tools\n"
      "List-Id: Garden Supply Weekly <weekly.example.com>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=us-ascii\n"
      "\n"
      "Rakes, hoes and trowels at spring prices.\n";
  Result r = bouncekit::pipeline::decode_and_classify(raw_message(m));
  EXPECT_EQ(r.kind, Kind::not_bounce) << dump(r);
  EXPECT_TRUE(r.records.empty());
}

TEST(DecodeNotBounce, PersonalMailWithVacationInSubjectIsNotAnAutoReply) {
  // No auto-reply header, a person's reply: "Vacation" is just the topic.
  const std::string m =
      "From: Dana <dana@example.org>\n"
      "To: newsletter@example.com\n"
      "Date: Wed, 03 Jul 2024 09:00:00 +0000\n"
      "Subject: Vacation photos from Crete\n"
      "In-Reply-To: <june-guide.20240604.1@app3.example.com>\n"
      "\n"
      "Here are the photos I promised. The tomatoes did well!\n";
  Result r = bouncekit::pipeline::decode_and_classify(raw_message(m));
  EXPECT_EQ(r.kind, Kind::not_bounce) << dump(r);
  EXPECT_TRUE(r.records.empty());
}

// A report container whose machine-readable part is missing "carries a report"
// (docs/cli.md): it is counted as undecodable, with why, never as ordinary mail.
TEST(DecodeUndecodable, DeliveryReportWithoutStatusPartIsNotOrdinaryMail) {
  const std::string m =
      "From: Mail System <system@example.net>\n"
      "To: shop@example.com\n"
      "Subject: Delivery report\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"F\"\n"
      "\n"
      "--F\n"
      "Content-Type: text/plain\n"
      "\n"
      "Could not deliver to x@example.org: 550 5.1.1 unknown user\n"
      "--F--\n";
  Result r = bouncekit::pipeline::decode_and_classify(raw_message(m));
  EXPECT_NE(r.kind, Kind::not_bounce) << dump(r);
  if (r.kind == Kind::undecodable) {
    EXPECT_FALSE(r.problem.empty());
  }
}

TEST(DecodeUndecodable, FeedbackReportWithoutFeedbackPartIsNotOrdinaryMail) {
  const std::string m =
      "From: fbl@example.net\n"
      "To: abuse@example.com\n"
      "Subject: complaint\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=feedback-report; boundary=\"F\"\n"
      "\n"
      "--F\n"
      "Content-Type: text/plain\n"
      "\n"
      "A user complained about a message.\n"
      "--F--\n";
  Result r = bouncekit::pipeline::decode_and_classify(raw_message(m));
  EXPECT_NE(r.kind, Kind::not_bounce) << dump(r);
  if (r.kind == Kind::undecodable) {
    EXPECT_FALSE(r.problem.empty());
  }
}

}  // namespace

// Decode says what a bounce said and nothing more: the verdict half of a record
// stays empty until classify runs (the pipeline composes the two).
TEST(DecodeBoundary, DecodeLeavesTheVerdictToClassify) {
  const std::string m =
      "From: MAILER-DAEMON@relay.example\nTo: news@example.com\nSubject: "
      "Undelivered Mail Returned to Sender\n"
      "MIME-Version: 1.0\nContent-Type: multipart/report; "
      "report-type=delivery-status; boundary=B\n\n"
      "--B\nContent-Type: text/plain\n\nDelivery failed.\n\n--B\nContent-Type: "
      "message/delivery-status\n\n"
      "Reporting-MTA: dns; relay.example\n\nFinal-Recipient: rfc822; "
      "ann@example.org\nAction: failed\n"
      "Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 no such user\n\n--B--\n";
  Result found = bouncekit::decode::decode(raw_message(m));
  ASSERT_EQ(found.records.size(), 1u);
  const bouncekit::Record& f = found.records[0];
  EXPECT_EQ(f.recipient, "ann@example.org");
  EXPECT_EQ(f.status, "5.1.1");
  EXPECT_EQ(f.reason, "");
  EXPECT_EQ(f.bounce, "");
  EXPECT_EQ(f.evidence, "");
  EXPECT_FALSE(f.hint.has_value());

  Result concluded = bouncekit::pipeline::decode_and_classify(raw_message(m));
  ASSERT_EQ(concluded.records.size(), 1u);
  EXPECT_EQ(concluded.records[0].reason, "userunknown");
  EXPECT_EQ(concluded.records[0].bounce, "hard");
  EXPECT_EQ(concluded.records[0].evidence, "text_rule");
  EXPECT_EQ(concluded.records[0].rule, "no such user");
  EXPECT_EQ(concluded.records[0].status, "5.1.1");
  EXPECT_EQ(concluded.records[0].inferred_status, "");
}
