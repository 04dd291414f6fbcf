// The decoders of the exim group (lib/src/decode/mta/exim.hpp) on messages
// written for these tests in each family's format (testdata/decode/<family>/).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bouncekit/decode.hpp"
#include "bouncekit/mime.hpp"
#include "decode/context.hpp"
#include "decode/decode_support.hpp"
#include "decode/mta/exim.hpp"
#include "test_support.hpp"

namespace {

using namespace bouncekit;
using namespace bouncekit::decode;
using bouncekit::decode::test::decode_file;
using bouncekit::decode::test::dump;

std::vector<std::string> recipients(const Result& r) {
  std::vector<std::string> out;
  for (const Record& rec : r.records) out.push_back(rec.recipient);
  return out;
}

// Runs `detect` on a message given as text.
bool detects(bool (*detect)(const Context&), const std::string& mail) {
  source::RawMessage raw = bouncekit::decode::test::raw_message(mail);
  mime::Message message = mime::parse(mail);
  DecodeOptions options;
  Context ctx{raw, mail, message, options};
  return detect(ctx);
}

bool detects_file(bool (*detect)(const Context&), const std::string& name) {
  return detects(detect, bouncekit::test::read_file(bouncekit::decode::test::decode_path(name)));
}

// Bounces of formats that belong to other groups, and ordinary mail: no decoder of this group may claim them.
const std::vector<std::string> kForeign{
    "01_postfix_user_unknown.eml", "02_sendmail_three_recipients.eml", "07_vacation.eml", "08_newsletter.eml"};

const std::string kQmailBounce =
    "From: MAILER-DAEMON@mail.example.net\n"
    "To: sender@example.com\n"
    "Subject: failure notice\n\n"
    "Hi. This is the qmail-send program at mail.example.net.\n"
    "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
    "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
    "<nobody@example.org>:\n"
    "Sorry, no mailbox here by that name. (#5.1.1)\n\n"
    "--- Below this line is a copy of the message.\n\n"
    "From: sender@example.com\nTo: nobody@example.org\nSubject: hi\n\nhello\n";

// ---- Exim

TEST(EximDecoder, OneRecipientWithTheRemoteReply) {
  Result r = decode_file("exim/single_rcpt.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  const Record& rec = r.records[0];
  EXPECT_EQ(rec.recipient, "marta.lindqvist@example.org");
  EXPECT_EQ(rec.decoded_by, "exim");
  EXPECT_EQ(rec.action, "failed");
  EXPECT_EQ(rec.status, "5.1.1");
  EXPECT_EQ(rec.reply_code, "550");
  EXPECT_EQ(rec.smtp_command, "RCPT");
  EXPECT_EQ(rec.remote_mta, "mx1.example.org");
  EXPECT_NE(rec.diagnostic.find("mailbox unavailable"), std::string::npos) << rec.diagnostic;
}

TEST(EximDecoder, ThreeRecipientsInOrderAndOnlyTheListedOnes) {
  Result r = decode_file("exim/three_rcpts.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"ana@example.org", "bo@example.jp", "carl@example.net"}))
      << dump(r);
  EXPECT_EQ(r.records[0].status, "5.2.2");
  EXPECT_EQ(r.records[0].reply_code, "552");
  EXPECT_EQ(r.records[0].remote_mta, "mx.example.org");
  EXPECT_EQ(r.records[1].diagnostic, "Unrouteable address");  // the alias line is not a diagnostic
  EXPECT_EQ(r.records[1].reply_code, "");
  EXPECT_EQ(r.records[1].status, "");
  EXPECT_EQ(r.records[2].diagnostic, "retry timeout exceeded");
  for (const Record& rec : r.records) EXPECT_EQ(rec.decoded_by, "exim");
}

TEST(EximDecoder, DelayWarningWithCrlfAndRewrappedLines) {
  Result r = decode_file("exim/delayed_rewrapped.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"kenji@example.jp", "yuki@example.jp"})) << dump(r);
  EXPECT_EQ(r.records[0].action, "delayed");
  EXPECT_EQ(r.records[0].reply_code, "451");
  EXPECT_EQ(r.records[0].status, "4.7.1");
  EXPECT_EQ(r.records[0].smtp_command, "MAIL");
  EXPECT_NE(r.records[0].diagnostic.find("Greylisted, please try again later"), std::string::npos);
  EXPECT_EQ(r.records[1].action, "delayed");
  EXPECT_NE(r.records[1].diagnostic.find("failing for a long time"), std::string::npos);
  EXPECT_EQ(r.records[1].decoded_by, "exim");
}

TEST(EximDecoder, DsnWithAPipeDeliveryNamesTheAddressAndWhatThePipeSaid) {
  Result r = decode_file("exim/dsn_pipe.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  const Record& rec = r.records[0];
  EXPECT_EQ(rec.recipient, "helpdesk@example.org");
  EXPECT_EQ(rec.decoded_by, "exim");
  EXPECT_EQ(rec.status, "5.0.0");
  EXPECT_EQ(rec.reporting_mta, "box.example.net");
  EXPECT_NE(rec.diagnostic.find("Permission denied"), std::string::npos) << rec.diagnostic;
}

TEST(EximDecoder, MalformedAddressNotice) {
  Result r = decode_file("exim/malformed.eml");
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(recipients(r), (std::vector<std::string>{"lena@example.org"})) << dump(r);
  EXPECT_NE(r.records[0].diagnostic.find("malformed address"), std::string::npos);
  EXPECT_EQ(r.records[0].status, "");
  EXPECT_EQ(r.records[0].decoded_by, "exim");
}

TEST(EximDecoder, TruncatedBeforeTheListYieldsNothing) {
  std::string mail = bouncekit::test::read_file(bouncekit::decode::test::decode_path("exim/single_rcpt.eml"));
  mail = mail.substr(0, mail.find("  marta.lindqvist"));
  Result r = bouncekit::decode::decode(bouncekit::decode::test::raw_message(mail));
  EXPECT_TRUE(r.records.empty()) << dump(r);
}

TEST(EximDecoder, DoesNotClaimOtherFormats) {
  for (const std::string& name : kForeign) {
    EXPECT_FALSE(detects_file(detect_exim, name)) << name;
    EXPECT_FALSE(detects_file(detect_exim_dsn, name)) << name;
    Result r = decode_file(name);
    for (const Record& rec : r.records) EXPECT_NE(rec.decoded_by, "exim") << name;
  }
  EXPECT_FALSE(detects(detect_exim, kQmailBounce));
}

}  // namespace
