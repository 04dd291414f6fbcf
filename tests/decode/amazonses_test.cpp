// Amazon SES: JSON notifications (bounce, complaint, delivery; bare or in an SNS envelope) and its DSNs.
#include <gtest/gtest.h>

#include <string>

#include "decode/providers_support.hpp"
#include "decode/work_count.hpp"

namespace {

using namespace bouncekit::decode;
using namespace bouncekit::decode::test;

TEST(AmazonSes, JsonBounceWithTwoRecipients) {
  expect_bounce("amazonses/json_bounce.eml", "amazonses",
                {{"akiko@example.org", "5.1.1", "550", {"no mailbox by that name"}},
                 {"bunta@example.org", "5.2.2", "552", {"mailbox full"}}});
  Result r = decode_file("amazonses/json_bounce.eml");
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].sender, "news@example.jp");
  EXPECT_EQ(r.records[0].timestamp, "2016-11-07T02:59:58Z");
  EXPECT_EQ(r.records[0].reporting_mta, "b2-1.smtp-out.eu-west-1.amazonses.com");
  EXPECT_EQ(r.records[0].remote_mta, "192.0.2.44");
  EXPECT_EQ(r.records[0].diagnostic_type, "SMTP");
}

TEST(AmazonSes, SnsEnvelopeSplitBySendmail) {
  expect_bounce("amazonses/sns_envelope_wrapped.eml", "amazonses",
                {{"chie@example.net", "4.2.2", "452", {"over quota"}}});
}

TEST(AmazonSes, ComplaintIsFeedback) {
  Result r = decode_file("amazonses/complaint.eml");
  ASSERT_EQ(r.kind, Kind::feedback) << dump(r);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].recipient, "daiki@example.com");
  EXPECT_EQ(r.records[0].feedback_type, "abuse");
  EXPECT_EQ(r.records[0].decoded_by, "amazonses");
  EXPECT_EQ(r.records[0].bounce, "none");
}

TEST(AmazonSes, DeliveryIsNotABounce) {
  Result r = decode_file("amazonses/delivery.eml");
  ASSERT_EQ(r.kind, Kind::delivered) << dump(r);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].recipient, "emi@example.com");
  EXPECT_EQ(r.records[0].status, "2.6.0");
  EXPECT_EQ(r.records[0].reply_code, "250");
  EXPECT_EQ(r.records[0].action, "delivered");
  EXPECT_EQ(r.records[0].decoded_by, "amazonses");
}

TEST(AmazonSes, DsnWithTheRemoteReplyQuoted) {
  expect_bounce("amazonses/dsn_quoted_reply.eml", "amazonses",
                {{"fumi@example.org", "5.1.0", "550", {"No such user here"}}});
}

TEST(AmazonSes, TruncatedJsonGivesNoRecords) {
  Result r = decode_file("amazonses/truncated.eml");
  EXPECT_TRUE(r.records.empty()) << dump(r);
}

TEST(AmazonSes, LineEndsDoNotMatter) {
  expect_same_with_other_line_ends("amazonses/json_bounce.eml");
  expect_same_with_other_line_ends("amazonses/sns_envelope_wrapped.eml");
}

// ---- The records-per-message limit (docs/limits.md) in a JSON notification: entries past the
// limit are counted while the JSON is read, never built (neither as JSON values nor as records).

constexpr int kManyRecipients = 20000;

// A bounce notification naming `n` recipients, as SES writes it: the event's bouncedRecipients
// and, in "mail", every destination address again. One entry per line (as a person forwarding it
// pretty-printed would have it): the MIME layer cuts lines at 256 KB (docs/limits.md).
std::string many_recipient_notification(int n, const char* type = "Bounce") {
  std::string entries, destination;
  for (int i = 0; i < n; ++i) {
    std::string a = "r" + std::to_string(i) + "@example.org";
    if (i > 0) entries += ",\n", destination += ",\n";
    if (std::string(type) == "Bounce")
      entries += R"({"emailAddress":")" + a +
                 R"(","action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 no mailbox )" + a + "\"}";
    else
      entries += R"({"emailAddress":")" + a + "\"}";
    destination += "\"" + a + "\"";
  }
  std::string event = std::string(type) == "Bounce"
                          ? R"("bounce":{"bounceType":"Permanent","bouncedRecipients":[)" + entries +
                                R"(],"timestamp":"2024-03-01T10:00:00.000Z","reportingMTA":"dsn; a1.example.com"})"
                          : R"("complaint":{"complainedRecipients":[)" + entries +
                                R"(],"timestamp":"2024-03-01T10:00:00.000Z","complaintFeedbackType":"abuse"})";
  return std::string(R"({"notificationType":")") + type + "\"," + event +
         R"(,"mail":{"source":"news@example.jp","destination":[)" + destination + "]}}";
}

std::string ses_message(const std::string& body) {
  return "From: ses-alerts <no-reply@sns.amazonaws.com>\nTo: ops@example.jp\nSubject: AWS Notification Message\n"
         "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
         "x-amz-sns-message-id: 00000000-1111-2222-3333-555555555555\n\n" +
         body + "\n";
}

// The notification as the string "Message" of an SNS envelope (quotes escaped, line ends as \n),
// relayed by Sendmail, which breaks its lines every 990 bytes with "!", a line end and a blank.
std::string in_sns_envelope(const std::string& notification) {
  std::string escaped;
  for (char c : notification) {
    if (c == '\n') {
      escaped += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') escaped.push_back('\\');
    escaped.push_back(c);
  }
  std::string one_line = R"({"Type":"Notification","MessageId":"m-1","Message":")" + escaped +
                         R"(","Timestamp":"2024-03-01T10:00:01Z"})";
  std::string relayed;
  for (std::size_t at = 0; at < one_line.size(); at += 989) {
    if (at > 0) relayed += "!\n ";
    relayed += one_line.substr(at, 989);
  }
  return relayed;
}

std::string left_out_note(std::size_t left_out, std::size_t limit) {
  return std::to_string(left_out) + " recipients beyond the limit of " + std::to_string(limit) +
         " records per message were left out";
}

TEST(AmazonSes, JsonBounceStopsBuildingRecordsAtTheLimit) {
  const std::string message = ses_message(many_recipient_notification(kManyRecipients));
  DecodeOptions limited;
  limited.max_records = 25;
  work_count = {};
  Result r = decode(raw_message(message), limited);
  const std::size_t built = work_count.records_built;
  ASSERT_EQ(r.kind, Kind::bounce) << r.problem;
  ASSERT_EQ(r.records.size(), 25u);
  EXPECT_EQ(r.records.front().recipient, "r0@example.org");
  EXPECT_EQ(r.records.back().recipient, "r24@example.org");
  EXPECT_EQ(r.records.back().status, "5.1.1");
  EXPECT_EQ(r.records.back().sender, "news@example.jp");
  EXPECT_EQ(r.records.back().reporting_mta, "a1.example.com");
  EXPECT_EQ(r.problem, left_out_note(kManyRecipients - 25, 25));
  EXPECT_LE(built, 25u);

  // The default limit (10,000), and none: the count sees every record built.
  Result by_default = decode(raw_message(message));
  ASSERT_EQ(by_default.records.size(), 10000u);
  EXPECT_EQ(by_default.records.back().recipient, "r9999@example.org");
  EXPECT_EQ(by_default.problem, left_out_note(kManyRecipients - 10000, 10000));
  DecodeOptions unlimited;
  unlimited.max_records = kManyRecipients;
  work_count = {};
  Result all = decode(raw_message(message), unlimited);
  EXPECT_EQ(work_count.records_built, static_cast<std::size_t>(kManyRecipients));
  ASSERT_EQ(all.records.size(), static_cast<std::size_t>(kManyRecipients));
  EXPECT_EQ(all.records.back().recipient, "r19999@example.org");
  EXPECT_TRUE(all.problem.empty()) << all.problem;
}

// In an SNS envelope, split by Sendmail. Smaller: the MIME layer reads a body line followed by
// indented lines as one folded field and cuts it at 256 KB in all (docs/limits.md).
TEST(AmazonSes, SnsEnvelopeKeepsTheLimit) {
  constexpr int kRecipients = 1000;
  const std::string message = ses_message(in_sns_envelope(many_recipient_notification(kRecipients)));
  ASSERT_LT(message.size(), 256u << 10);
  DecodeOptions limited;
  limited.max_records = 25;
  work_count = {};
  Result r = decode(raw_message(message), limited);
  ASSERT_EQ(r.kind, Kind::bounce) << r.problem;
  ASSERT_EQ(r.records.size(), 25u);
  EXPECT_EQ(r.records.back().recipient, "r24@example.org");
  EXPECT_EQ(r.records.back().sender, "news@example.jp");
  EXPECT_EQ(r.problem, left_out_note(kRecipients - 25, 25));
  EXPECT_LE(work_count.records_built, 25u);
  Result all = decode(raw_message(message));
  ASSERT_EQ(all.records.size(), static_cast<std::size_t>(kRecipients));
  EXPECT_EQ(all.records.back().recipient, "r999@example.org");
}

TEST(AmazonSes, JsonComplaintKeepsTheLimit) {
  DecodeOptions limited;
  limited.max_records = 3;
  Result r = decode(raw_message(ses_message(many_recipient_notification(kManyRecipients, "Complaint"))), limited);
  ASSERT_EQ(r.kind, Kind::feedback) << r.problem;
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records.back().recipient, "r2@example.org");
  EXPECT_EQ(r.records.back().feedback_type, "abuse");
  EXPECT_EQ(r.problem, left_out_note(kManyRecipients - 3, 3));
}

}  // namespace
