// The decoders of the exim group (lib/src/decode/mta/exim.hpp) on messages
// written for these tests in each family's format (testdata/decode/<family>/).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bouncekit/decode.hpp"
#include "bouncekit/pipeline.hpp"
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
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[1].status), "");
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
  EXPECT_EQ(bouncekit::decode::test::stated_status(r.records[0].status), "");
  EXPECT_EQ(r.records[0].decoded_by, "exim");
}

TEST(EximDecoder, TruncatedBeforeTheListYieldsNothing) {
  std::string mail = bouncekit::test::read_file(bouncekit::decode::test::decode_path("exim/single_rcpt.eml"));
  mail = mail.substr(0, mail.find("  marta.lindqvist"));
  Result r = bouncekit::pipeline::decode_and_classify(bouncekit::decode::test::raw_message(mail));
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

// ---- the other families of the group: one table row per test message

struct Case {
  std::string file;
  std::string decoded_by;
  std::vector<std::string> recipients;
  std::vector<std::string> statuses;     // per record, "" when the bounce gives none
  std::vector<std::string> reply_codes;  // per record
  std::string action;                    // of every record
  std::string key_words;                 // in the first record's diagnostic
};

const std::vector<Case> kCases{
    {"mailru/single.eml", "mailru", {"ivan@example.org"}, {"5.1.1"}, {"550"}, "failed", "no such user"},
    {"mailru/three.eml", "mailru", {"ivan@example.org", "nina@example.jp", "lev@example.com"},
     {"5.1.1", "4.2.2", ""}, {"550", "452", ""}, "failed", "no such user"},
    {"einsundeins/reason_paragraph.eml", "einsundeins", {"buyer@example.org"}, {""}, {""}, "failed",
     "Mail size limit exceeded"},
    {"einsundeins/two_remote.eml", "einsundeins", {"first@example.org", "second@example.net"}, {"5.1.1", "5.7.1"},
     {"550", "554"}, "failed", "unknown recipient"},
    {"yandex/two.eml", "yandex", {"maria@example.org", "boris@example.com"}, {"5.1.1", "5.2.2"}, {"550", "552"},
     "failed", "no such user"},
    {"bigfoot/one.eml", "bigfoot", {"star@example.org"}, {"5.1.1"}, {"553"}, "failed", "no mailbox by that name"},
    {"x5/two.eml", "x5", {"hanako@example.org", "jiro@example.net"}, {"5.1.1", "5.2.2"}, {"550", "552"}, "failed",
     "User unknown"},
    {"x1/one.eml", "x1", {"ken@example.co.jp"}, {""}, {""}, "failed", "User unknown"},
    {"x1/two_delayed.eml", "x1", {"mika@example.org", "sora@example.net"}, {"", ""}, {"", ""}, "delayed",
     "Connection timed out"},
    {"x2/one.eml", "x2", {"lee@example.com"}, {""}, {""}, "failed", "over quota"},
    {"x2/three.eml", "x2", {"lee@example.com", "kim@example.com", "park@example.com"}, {"", "", "4.4.1"},
     {"", "", ""}, "failed", "doesn't have a example.com account"},
    {"x6/one.eml", "x6", {"sam@example.org"}, {"5.1.1"}, {"550"}, "failed", "no such mailbox"},
    {"x6/two.eml", "x6", {"sam@example.org", "jo@example.com"}, {"5.1.1", "5.6.0"}, {"550", "554"}, "failed",
     "rejected recipient"},
    {"ezweb/disabled.eml", "ezweb", {"mika-chan@ezweb.ne.jp"}, {""}, {""}, "failed", "account is disabled"},
    {"ezweb/two_rejected.eml", "ezweb", {"yuto@ezweb.ne.jp", "rin@ezweb.ne.jp"}, {"", ""}, {"550", "552"}, "failed",
     "User unknown"},
    {"kddi/one.eml", "kddi", {"haru@a1b2c3d4.dion.ne.jp"}, {""}, {""}, "failed", "mailbox is full"},
    {"kddi/two.eml", "kddi", {"haru@a1b2c3d4.dion.ne.jp", "aki@example.org"}, {"", ""}, {"", ""}, "failed",
     "mailbox is full"},
    {"biglobe/one.eml", "biglobe", {"yui@example.ne.jp"}, {""}, {""}, "failed", "exceeded the local limit"},
    {"biglobe/two.eml", "biglobe", {"yui@example.ne.jp", "mao@example.ne.jp"}, {"", ""}, {"", ""}, "failed",
     "exceeded the local limit"},
    {"mfilter/one.eml", "mfilter", {"sato@example.org"}, {"5.1.1"}, {"550"}, "failed", "No such user"},
    {"mfilter/two_base64.eml", "mfilter", {"sato@example.org", "ito@example.net"}, {"5.7.1", "5.7.1"},
     {"550", "550"}, "failed", "relaying denied"},
};

TEST(EximGroupDecoders, EachFamilyDecodesItsOwnFormat) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.file);
    Result r = decode_file(c.file);
    ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
    ASSERT_EQ(recipients(r), c.recipients) << dump(r);
    for (std::size_t i = 0; i < r.records.size(); ++i) {
      const Record& rec = r.records[i];
      EXPECT_EQ(rec.decoded_by, c.decoded_by) << i;
      EXPECT_EQ(bouncekit::decode::test::stated_status(rec.status), c.statuses[i]) << i;
      EXPECT_EQ(rec.reply_code, c.reply_codes[i]) << i;
      EXPECT_EQ(rec.action, c.action) << i;
    }
    EXPECT_NE(r.records[0].diagnostic.find(c.key_words), std::string::npos) << r.records[0].diagnostic;
  }
}

// Damaged copies: other line ends give the same records; a copy cut short
// yields no more records than the whole, and never a made-up recipient.
TEST(EximGroupDecoders, DamagedCopiesOfEachMessage) {
  std::vector<std::string> files{"exim/single_rcpt.eml", "exim/three_rcpts.eml", "exim/dsn_pipe.eml"};
  for (const Case& c : kCases) files.push_back(c.file);
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    const std::string lf = bouncekit::test::read_file(bouncekit::decode::test::decode_path(file));
    Result whole = decode_file(file);
    for (const std::string& variant : {bouncekit::decode::test::to_crlf(lf), bouncekit::decode::test::to_cr(lf)}) {
      Result other = bouncekit::pipeline::decode_and_classify(bouncekit::decode::test::raw_message(variant));
      ASSERT_EQ(recipients(other), recipients(whole)) << dump(other);
      for (std::size_t i = 0; i < whole.records.size(); ++i) {
        EXPECT_EQ(other.records[i].status, whole.records[i].status);
        EXPECT_EQ(other.records[i].diagnostic, whole.records[i].diagnostic);
      }
    }
    for (std::size_t cut : {lf.size() / 3, lf.size() / 2, lf.size() * 2 / 3}) {
      Result part = bouncekit::pipeline::decode_and_classify(bouncekit::decode::test::raw_message(lf.substr(0, cut)));
      EXPECT_LE(part.records.size(), whole.records.size()) << dump(part);
      for (const Record& rec : part.records) {
        bool known = false;
        for (const Record& w : whole.records) known = known || w.recipient == rec.recipient;
        EXPECT_TRUE(known) << rec.recipient;
      }
    }
  }
}

TEST(EximGroupDecoders, NoDetectorClaimsOtherFormatsOrOrdinaryMail) {
  const std::vector<std::pair<std::string, bool (*)(const Context&)>> detectors{
      {"mailru", detect_mailru}, {"einsundeins", detect_einsundeins}, {"yandex", detect_yandex},
      {"x1", detect_x1},         {"x2", detect_x2},                   {"x5", detect_x5},
      {"x6", detect_x6},         {"ezweb", detect_ezweb},             {"kddi", detect_kddi},
      {"biglobe", detect_biglobe}, {"mfilter", detect_mfilter},       {"bigfoot", detect_bigfoot},
  };
  std::vector<std::string> foreign = kForeign;
  foreign.push_back("exim/single_rcpt.eml");
  foreign.push_back("exim/dsn_pipe.eml");
  for (const auto& [name, detect] : detectors) {
    for (const std::string& file : foreign) EXPECT_FALSE(detects_file(detect, file)) << name << " claims " << file;
    EXPECT_FALSE(detects(detect, kQmailBounce)) << name;
  }
  // Exim does not claim its derivatives' bounces either: they come first, but its test must hold on its own.
  for (const Case& c : kCases) EXPECT_FALSE(detects_file(detect_exim_dsn, c.file)) << c.file;
}

}  // namespace
