// The hard limits of docs/limits.md, one hostile input each: every one is decoded (or counted as
// undecodable, with why) in under one second and without a crash. Inputs are built here, not read.
//
// The bound asserted is 3 s in the normal build and 10 s, ten times the promise, under ASan (which
// runs several times slower); a quadratic or exponential path blows far past both. The time measured is the
// process's CPU time, not the wall clock: on the shared 2-core machine a test waits for a core
// most of the time (at load average 10, 2.3 s of CPU took 14 s of wall time and failed the
// bound), which says nothing about the work an input costs. It is printed, so the real figure is
// visible in the normal build.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "bouncekit/classify.hpp"
#include "bouncekit/decode.hpp"
#include "bouncekit/pipeline.hpp"
#include "bouncekit/source.hpp"
#include "test_support.hpp"
#include "utf8_validity.hpp"

namespace {

using bouncekit::decode::DecodeOptions;
using bouncekit::decode::Kind;
using bouncekit::decode::Result;

constexpr double kPromisedSeconds = 1.0;
#if defined(__SANITIZE_ADDRESS__)
constexpr double kSanitizerSlack = 10.0;  // see the comment at the top
#else
constexpr double kSanitizerSlack = 3.0;  // CPU time: the load of the machine does not count
#endif

bouncekit::source::RawMessage raw(std::string bytes) {
  bouncekit::source::RawMessage m;
  m.origin.path = "hostile.eml";
  m.bytes = std::move(bytes);
  return m;
}

// CPU time used by the whole process so far (every thread), in seconds.
double cpu_seconds() {
  timespec t{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// Decodes, prints and checks the CPU time taken, and checks what every result promises.
Result timed_decode(const std::string& what, const bouncekit::source::RawMessage& message,
                    const DecodeOptions& options = {}) {
  const double start = cpu_seconds();
  Result r = bouncekit::pipeline::decode_and_classify(message, options);
  const double seconds = cpu_seconds() - start;
  std::printf("%s: %.3f s of CPU, %zu bytes, kind %s, %zu records\n", what.c_str(), seconds, message.bytes.size(),
              bouncekit::decode::to_string(r.kind), r.records.size());
  EXPECT_LT(seconds, kPromisedSeconds * kSanitizerSlack) << what;
  if (r.kind == Kind::undecodable) {
    EXPECT_FALSE(r.problem.empty()) << what;
  }
  EXPECT_TRUE(bouncekit::test::valid_utf8_without_nul(r.problem)) << what;
  for (const auto& rec : r.records) {
    EXPECT_TRUE(bouncekit::test::valid_utf8_without_nul(rec.recipient)) << what;
    EXPECT_TRUE(bouncekit::test::valid_utf8_without_nul(rec.diagnostic)) << what;
    EXPECT_TRUE(bouncekit::test::valid_utf8_without_nul(rec.subject)) << what;
    EXPECT_FALSE(rec.reason.empty()) << what;
  }
  return r;
}

std::string report_head(const std::string& boundary, const std::string& extra_headers = "") {
  return "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
         "To: sender@example.com\n"
         "Subject: Undelivered Mail Returned to Sender\n" +
         extra_headers +
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" +
         boundary + "\"\n\n";
}

std::string status_part(const std::string& boundary, const std::string& recipient = "lost@example.org",
                        const std::string& diagnostic = "smtp; 550 5.1.1 <lost@example.org>: user unknown") {
  return "--" + boundary +
         "\nContent-Type: message/delivery-status\n\n"
         "Reporting-MTA: dns; mx.example.net\n\n"
         "Final-Recipient: rfc822; " +
         recipient + "\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: " + diagnostic + "\n";
}

// A bounce whose returned original message is `original` (headers and body).
std::string bounce_returning(const std::string& original) {
  return report_head("B") + status_part("B") + "\n--B\nContent-Type: message/rfc822\n\n" + original +
         "\n--B--\n";
}

std::string fifty_megabytes_of_base64() {
  const std::string line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n";
  std::string body;
  body.reserve((50u << 20) + line.size());
  while (body.size() < (50u << 20)) body += line;
  return body;
}

}  // namespace

TEST(HostileInput, FiftyMegabyteMessage) {
  std::string original =
      "From: sender@example.com\nSubject: a big attachment\nMIME-Version: 1.0\n"
      "Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n" +
      fifty_megabytes_of_base64();
  Result r = timed_decode("50 MB message", raw(bounce_returning(original)));
  ASSERT_EQ(r.kind, Kind::bounce);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].recipient, "lost@example.org");
  EXPECT_EQ(r.records[0].subject, "a big attachment");
}

// Above --max-message-size the reader keeps the first bytes: the report part is usually there.
TEST(HostileInput, MessageAboveTheSizeLimitIsDecodedFromWhatWasKept) {
  bouncekit::test::TempDir dir;
  std::string big = "From MAILER-DAEMON Mon Jul  1 10:00:00 2024\n" +
                    bounce_returning("Subject: big\n\n" + fifty_megabytes_of_base64()) +
                    "\nFrom someone Mon Jul  1 10:00:01 2024\nSubject: small\n\nhello\n";
  bouncekit::test::write_file(dir.path() / "big.mbox", big);
  bouncekit::source::ReaderOptions options;
  options.max_message_bytes = 1u << 20;
  bouncekit::source::Reader reader({(dir.path() / "big.mbox").string()}, options);
  bouncekit::source::RawMessage m;
  ASSERT_TRUE(reader.next(m));
  EXPECT_TRUE(m.truncated);
  EXPECT_LE(m.bytes.size(), options.max_message_bytes);
  Result r = timed_decode("50 MB message cut at 1 MB", m);
  EXPECT_EQ(r.kind, Kind::bounce);
  EXPECT_EQ(r.records.size(), 1u);
  EXPECT_NE(r.problem.find("truncated"), std::string::npos) << r.problem;
  ASSERT_TRUE(reader.next(m)) << "the message after the big one is read";
  EXPECT_FALSE(m.truncated);
  EXPECT_NE(m.bytes.find("Subject: small"), std::string::npos);
  EXPECT_FALSE(reader.next(m));
}

// ... and when it is not, the message is counted as undecodable with the reason, not as ordinary mail.
TEST(HostileInput, MessageAboveTheSizeLimitWithoutReportInTheKeptPartIsUndecodable) {
  bouncekit::source::RawMessage m =
      raw("From: sender@example.com\nSubject: Re: the big file\nMIME-Version: 1.0\n"
          "Content-Type: application/octet-stream\n\n" +
          std::string(4096, 'x'));
  m.truncated = true;
  Result r = timed_decode("cut message without report", m);
  EXPECT_EQ(r.kind, Kind::undecodable);
  EXPECT_NE(r.problem.find("maximum message size"), std::string::npos) << r.problem;
}

std::string nested_multiparts(int depth, bool folded_content_type) {
  std::string m = "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail\nMIME-Version: 1.0\n";
  m.reserve(static_cast<std::size_t>(depth) * 70 + 512);
  for (int i = 0; i < depth; ++i) {
    std::string b = "b" + std::to_string(i);
    m += folded_content_type ? "Content-Type:\n multipart/mixed;\n boundary=\"" + b + "\"\n\n--" + b + "\n"
                             : "Content-Type: multipart/mixed; boundary=\"" + b + "\"\n\n--" + b + "\n";
  }
  m += "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
       "Final-Recipient: rfc822; deep@example.org\nAction: failed\nStatus: 5.1.1\n";
  for (int i = depth - 1; i >= 0; --i) m += "\n--b" + std::to_string(i) + "--\n";
  return m;
}

TEST(HostileInput, HundredThousandNestedMultiparts) {
  Result r = timed_decode("100,000 nested multiparts", raw(nested_multiparts(100000, false)));
  EXPECT_NE(r.kind, Kind::not_bounce) << "a report part is there: bounce, or undecodable with why";
}

// The Content-Type of each level folded over several lines: the container count must still see it.
TEST(HostileInput, HundredThousandNestedMultipartsWithFoldedContentTypes) {
  Result r = timed_decode("100,000 nested multiparts, folded", raw(nested_multiparts(100000, true)));
  EXPECT_NE(r.kind, Kind::not_bounce);
}

// Messages inside messages, 250,000 deep (13 MB), with Content-Type fields written the ways the MIME
// parser accepts but a look at the first bytes of a "Content-Type:" line misses. Each once overflowed
// the stack (the parser recurses once per level); run in a child process so a crash fails only this test.
TEST(HostileInput, QuarterMillionNestedMessagesWhateverTheContentTypeSpelling) {
  for (const std::string& content_type :
       std::vector<std::string>{"Content-Type: message/rfc822", "Content-Type : message/rfc822",
                                "Content-Type: " + std::string(60, ' ') + "message/rfc822",
                                "Content-Type:\n message/rfc822", "content-type:\tMESSAGE/RFC822"}) {
    std::string m;
    m.reserve(250000u * (content_type.size() + 24) + 64);
    for (int i = 0; i < 250000; ++i) m += "From: a@example.com\n" + content_type + "\n\n";
    m += "Subject: bottom\n\nbody\n";
    SCOPED_TRACE(content_type);
    EXPECT_EXIT(
        {
          Result r = timed_decode("250,000 nested messages", raw(m));
          std::_Exit(::testing::Test::HasFailure() || (r.kind == Kind::not_bounce && !r.records.empty()) ? 3
                                                                                                         : 0);
        },
        ::testing::ExitedWithCode(0), "");
  }
}

TEST(HostileInput, TenMegabyteHeaderLine) {
  std::string line(10u << 20, 'x');
  Result r = timed_decode("10 MB header line in the bounce",
                          raw(report_head("H", "X-Long: " + line + "\n") + status_part("H") + "\n--H--\n"));
  EXPECT_EQ(r.kind, Kind::bounce);
  EXPECT_EQ(r.records.size(), 1u);
  r = timed_decode("10 MB Subject in the original", raw(bounce_returning("Subject: " + line + "\n\nbody\n")));
  EXPECT_EQ(r.kind, Kind::bounce);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_LE(r.records[0].subject.size(), 64u * 1024) << "fields that leave the library are bounded";
  r = timed_decode("10 MB Final-Recipient line",
                   raw(report_head("F") + status_part("F", line + "@example.org") + "\n--F--\n"));
  EXPECT_NE(r.kind, Kind::not_bounce);
}

TEST(HostileInput, TenMegabyteFoldedHeader) {
  std::string folded = "Subject: start";
  while (folded.size() < (10u << 20)) folded += "\n continued folded subject text, one more line of it";
  Result r =
      timed_decode("10 MB folded Subject in the original", raw(bounce_returning(folded + "\n\nbody\n")));
  EXPECT_EQ(r.kind, Kind::bounce);
  r = timed_decode(
      "10 MB folded header in the bounce",
      raw(report_head("G", "X-Folded: " + folded.substr(9) + "\n") + status_part("G") + "\n--G--\n"));
  EXPECT_EQ(r.kind, Kind::bounce);
}

std::string report_with_recipients(int count) {
  std::string status = "--R\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n";
  status.reserve(static_cast<std::size_t>(count) * 120 + 256);
  for (int i = 0; i < count; ++i)
    status += "\nFinal-Recipient: rfc822; user" + std::to_string(i) +
              "@example.org\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\n";
  return report_head("R") + status + "\n--R--\n";
}

TEST(HostileInput, HundredThousandRecipientsInOneReport) {
  const auto message = raw(report_with_recipients(100000));
  Result r = timed_decode("100,000 recipients, default limit", message);
  ASSERT_EQ(r.kind, Kind::bounce);
  DecodeOptions defaults;
  ASSERT_EQ(r.records.size(), defaults.max_records);
  EXPECT_EQ(r.records.front().recipient, "user0@example.org");
  EXPECT_EQ(r.records.back().recipient, "user" + std::to_string(defaults.max_records - 1) + "@example.org");
  EXPECT_NE(r.problem.find(std::to_string(100000 - defaults.max_records) + " recipients beyond the limit"),
            std::string::npos)
      << r.problem;
  EXPECT_EQ(r.records.back().reason, "userunknown");

  DecodeOptions all;
  all.max_records = 100000;
  r = timed_decode("100,000 recipients, all kept", message, all);
  ASSERT_EQ(r.records.size(), 100000u);
  EXPECT_EQ(r.records.back().recipient, "user99999@example.org");
  EXPECT_TRUE(r.problem.empty()) << r.problem;
}

// A report of 10,000 recipient blocks without Diagnostic-Code beside a 4 MB human-readable part
// that names only the first: each record had the whole part searched for it, twice (a reply
// quoting it, the SMTP command), 10,000 x 4 MB; 10,000 x 1 MB took 8.3 s. The searches now stop
// after 128 MB in all: the first records still get the part's explanation.
TEST(HostileInput, TenThousandRecipientsBesideAFourMegabyteExplanation) {
  std::string m = report_head("E") + "--E\nContent-Type: text/plain\n\n" +
                  "<r0@example.org>: host mx.example.org said: 550 5.1.1 mailbox unavailable (in reply to RCPT TO "
                  "command)\n\n";
  const std::string filler = "This line of the notice names nobody and quotes no server at all.\n";
  while (m.size() < (4u << 20)) m += filler;
  m += "\n--E\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n";
  for (int i = 0; i < 10000; ++i)
    m += "Final-Recipient: rfc822; r" + std::to_string(i) + "@example.org\nAction: failed\nStatus: 5.1.1\n\n";
  m += "--E--\n";
  Result r = timed_decode("10,000 recipients beside a 4 MB explanation", raw(m));
  ASSERT_EQ(r.kind, Kind::bounce);
  ASSERT_EQ(r.records.size(), 10000u);
  EXPECT_NE(r.records.front().diagnostic.find("550 5.1.1 mailbox unavailable"), std::string::npos)
      << r.records.front().diagnostic;
  EXPECT_EQ(r.records.front().smtp_command, "RCPT");
  EXPECT_EQ(r.records.back().recipient, "r9999@example.org");
  EXPECT_EQ(r.records.back().status, "5.1.1");
}

// A human-readable part whose one 250 KB line names each of 250 recipients 32 times, with words
// but no reply code: at each mention the rest of the line was searched for a code (250 x 32 x
// about 128 KB; 1,000 recipients named on such a line took 6.7 s). Each mention now reads at most
// 2 KB of its line.
TEST(HostileInput, RecipientsNamedOverAndOverOnOneLongLine) {
  std::string line;
  for (int round = 0; round < 32; ++round)
    for (int i = 0; i < 250; ++i) line += "<n" + std::to_string(i) + "@example.org> was refused, ";
  std::string m = report_head("L") + "--L\nContent-Type: text/plain\n\n" + line +
                  "\n\n--L\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n";
  for (int i = 0; i < 250; ++i)
    m += "Final-Recipient: rfc822; n" + std::to_string(i) + "@example.org\nAction: failed\nStatus: 5.0.0\n\n";
  m += "--L--\n";
  ASSERT_GT(line.size(), 200u * 1024);
  Result r = timed_decode("250 recipients named 32 times each on one 250 KB line", raw(m));
  ASSERT_EQ(r.kind, Kind::bounce);
  ASSERT_EQ(r.records.size(), 250u);
  EXPECT_EQ(r.records.back().recipient, "n249@example.org");
}

// A Sendmail notice whose session transcript names 50,000 recipients: each address is matched once,
// not against every record before it (that was quadratic: minutes).
TEST(HostileInput, FiftyThousandRecipientSendmailTranscript) {
  std::string m =
      "From: Mail Delivery Subsystem <MAILER-DAEMON@hub.example.net>\n"
      "To: carl@hub.example.net\nSubject: Returned mail: User unknown\n\n"
      "   ----- Transcript of session follows -----\n";
  for (int i = 0; i < 50000; ++i) {
    std::string a = "<u" + std::to_string(i) + "@example.jp>";
    m += "While talking to mx.example.jp:\n>>> RCPT To:" + a + "\n<<< 550 No such user here.\n550 " + a +
         "... User unknown\n";
  }
  m += "\n   ----- Unsent message follows -----\nFrom: carl@hub.example.net\nSubject: paper\n\ndraft\n";
  DecodeOptions all;
  all.max_records = 50000;
  Result r = timed_decode("50,000-recipient Sendmail transcript", raw(m), all);
  ASSERT_EQ(r.kind, Kind::bounce);
  ASSERT_EQ(r.records.size(), 50000u);
  EXPECT_EQ(r.records.back().recipient, "u49999@example.jp");
}

// An Active!Hunter notice whose transcript names 50,000 recipients: the transcript is read once
// into an index of addresses (it was searched whole for each recipient: 50,000 x 50,000 lines).
TEST(HostileInput, FiftyThousandRecipientActiveHunterTranscript) {
  std::string m =
      "From: \"MAILER-DAEMON\" <MAILER-DAEMON@gw.example.org>\nSubject: FAILURE NOTICE : paper\n"
      "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status;\n"
      "\tboundary=\"----=_Active!Hunter_big\"\n\n------=_Active!Hunter_big\nContent-Type: text/plain\n\n"
      "  ----- The following addresses had permanent fatal errors -----\n\n";
  for (int i = 0; i < 50000; ++i) m += ">>> <u" + std::to_string(i) + "@example.jp>\n";
  m += "\n  ----- Transcript of session follows -----\n";
  for (int i = 0; i < 50000; ++i) m += "550 5.1.1 <u" + std::to_string(i) + "@example.jp>... User unknown\n";
  m += "\n------=_Active!Hunter_big--\n";
  DecodeOptions all;
  all.max_records = 50000;
  Result r = timed_decode("50,000-recipient Active!Hunter transcript", raw(m), all);
  ASSERT_EQ(r.kind, Kind::bounce);
  ASSERT_EQ(r.records.size(), 50000u);
  EXPECT_EQ(r.records.back().recipient, "u49999@example.jp");
  EXPECT_EQ(r.records.back().decoded_by, "activehunter");
}

// A Gmail-style notice naming 10,000 recipients who share 3 MB of technical details: the details
// are searched once for Gmail's own phrases, not once per record (143 s), and each record collapses
// only the part of them it keeps (each collapsed 64 KB: 3 s, 720 MB peak RSS).
TEST(HostileInput, TenThousandGmailRecipientsSharingThreeMegabytesOfDetails) {
  std::string m =
      "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: a@example.com\n"
      "Subject: Delivery Status Notification (Failure)\nMIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=UTF-8\n\nDelivery to the following recipient failed permanently:\n\n";
  for (int i = 0; i < 10000; ++i) m += "     g" + std::to_string(i) + "@example.org\n";
  m += "\nTechnical details of permanent failure:\n";
  while (m.size() < 3200000) m += "The error that the other server returned was: 550 5.1.1 user unknown (state 14)\n";
  m += "\n----- Original message -----\n\nSubject: hi\n";
  Result r = timed_decode("10,000 Gmail recipients sharing 3 MB of details", raw(m));
  ASSERT_EQ(r.kind, Kind::bounce);
  ASSERT_EQ(r.records.size(), 10000u);
  EXPECT_EQ(r.records.back().recipient, "g9999@example.org");
  EXPECT_EQ(r.records.back().smtp_command, "RCPT");
  EXPECT_EQ(r.records.back().status, "5.1.1");
  EXPECT_LE(r.records.back().diagnostic.size(), 8u * 1024);
}

// Lines naming 20,000 distinct addresses each (just under the 256 KB line cut): each line's
// addresses are deduplicated through a set (comparing each with every one before it took about
// 1 s per line).
TEST(HostileInput, TranscriptLinesOfTwentyThousandAddressesEach) {
  std::string m =
      "From: \"MAILER-DAEMON\" <MAILER-DAEMON@gw.example.org>\nSubject: FAILURE NOTICE : paper\n"
      "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status;\n"
      "\tboundary=\"----=_Active!Hunter_many\"\n\n------=_Active!Hunter_many\nContent-Type: text/plain\n\n"
      "  ----- The following addresses had permanent fatal errors -----\n\n>>> <a1@e.jp>\n\n"
      "  ----- Transcript of session follows -----\n";
  for (int line = 0; line < 20; ++line) {
    m += "550";
    for (int i = 0; i < 20000; ++i) m += " a" + std::to_string(i) + "@e.jp";
    m += "\n";
  }
  m += "\n------=_Active!Hunter_many--\n";
  Result r = timed_decode("20 transcript lines of 20,000 addresses", raw(m));
  ASSERT_EQ(r.kind, Kind::bounce);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].recipient, "a1@e.jp");
}

// An Amazon SES bounce notification as SNS mails it: the JSON on one line (Amazon SES Developer
// Guide, "Contents of notifications for Amazon SES"), in a text/plain body, naming `recipients`.
std::string ses_one_line_notice(int recipients) {
  std::string json = R"({"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bouncedRecipients":[)";
  for (int i = 0; i < recipients; ++i) {
    if (i > 0) json += ',';
    std::string a = "s" + std::to_string(i) + "@example.org";
    json += R"({"emailAddress":")" + a +
            R"(","action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 no mailbox )" + a + "\"}";
  }
  json += R"(],"timestamp":"2026-11-30T08:00:00.000Z","reportingMTA":"dns; out-7.example.com"},)"
          R"("mail":{"source":"list@example.jp","destination":["s0@example.org"]}})";
  std::string head =
      "From: AWS Notifications <no-reply@sns.amazonaws.com>\nTo: ops@example.jp\n"
      "Subject: AWS Notification Message\nMIME-Version: 1.0\nx-amz-sns-message-id: 0a1b2c3d-0000-4000-8000-000000000001\n";
  return head + "Content-Type: text/plain; charset=UTF-8\n\n" + json + "\n";
}

// A one-line notice far longer than the MIME layer's 256 KB line cut: the decoder reads the body
// of a single-part notice as it stands, so the notice is read (it was cut and counted as ordinary
// mail), its first 10,000 recipients built and the rest counted while the JSON is read. (The same
// notice inside a multipart or transfer-encoded: the tests after NUL and UTF-8 below.)
TEST(HostileInput, OneLineAmazonSesNoticesOfThousandsOfRecipients) {
  Result r = timed_decode("one-line SES notice of 5,000 recipients", raw(ses_one_line_notice(5000)));
  ASSERT_EQ(r.kind, Kind::bounce) << r.problem;
  ASSERT_EQ(r.records.size(), 5000u);
  EXPECT_EQ(r.records.back().recipient, "s4999@example.org");
  EXPECT_EQ(r.records.back().status, "5.1.1");
  EXPECT_EQ(r.records.back().decoded_by, "amazonses");
  EXPECT_TRUE(r.problem.empty()) << r.problem;
  r = timed_decode("one-line SES notice of 300,000 recipients", raw(ses_one_line_notice(300000)));
  ASSERT_EQ(r.kind, Kind::bounce) << r.problem;
  ASSERT_EQ(r.records.size(), 10000u);
  EXPECT_EQ(r.records.back().recipient, "s9999@example.org");
  EXPECT_EQ(r.problem, "290000 recipients beyond the limit of 10000 records per message were left out");
}

TEST(HostileInput, NulBytesEverywhere) {
  std::string m = bounce_returning("From: sender@example.com\nSubject: hi\n\nbody\n");
  std::string with_nuls;
  for (std::size_t i = 0; i < m.size(); ++i) {
    with_nuls.push_back(m[i]);
    if (i % 7 == 3) with_nuls.push_back('\0');
  }
  timed_decode("NUL after every 7th byte", raw(with_nuls));
  // NULs only inside values: the structure holds and the NULs never reach a record.
  std::string inside = report_head("N", std::string("X-Nul: a\0b\n", 11)) +
                       status_part("N", std::string("lo\0st@example.org", 17),
                                   std::string("smtp; 550 5.1.1 user\0 unknown", 29)) +
                       "\n--N--\n";
  Result r = timed_decode("NUL inside values", raw(inside));
  EXPECT_EQ(r.kind, Kind::bounce);
  timed_decode("only NUL bytes", raw(std::string(1u << 20, '\0')));
}

TEST(HostileInput, InvalidUtf8Everywhere) {
  const std::string bad = "\xff\xfe\xc3\x28\xe2\x82\xed\xa0\x80\xf4\x90\x80\x80\xc0\xaf";
  std::string m = report_head("U", "X-Bad: " + bad + "\n") +
                  status_part("U", "lost" + bad + "@example.org", "smtp; 550 5.1.1 " + bad + " unknown") +
                  "\n--U\nContent-Type: text/rfc822-headers; charset=utf-8\n\nSubject: " + bad +
                  "\nFrom: " + bad + "\n\n--U--\n";
  Result r = timed_decode("invalid UTF-8 in every field", raw(m));
  EXPECT_EQ(r.kind, Kind::bounce);
  std::string noise;
  for (int i = 0; i < (1 << 20); ++i) noise.push_back(static_cast<char>(0x80 | (i * 37 % 128)));
  timed_decode("1 MB of bytes above 0x7f", raw(noise));
}

// Near-misses for every built-in pattern shape (a keyword, white space, a bounded run, a keyword),
// repeated to a megabyte, in a diagnostic: a backtracking engine without bounds explodes on these.
TEST(HostileInput, DiagnosticBuiltToMakeABacktrackingRegexExplode) {
  const std::string near_misses[] = {
      "mailbox <" + std::string(64, 'a') + "@" + std::string(255, 'b') + "> does not ",
      "mailbox " + std::string(320, 'x') + " is not ",
      "message size " + std::string(12, '9') + " exceed ",
      "recipient " + std::string(200, ' ') + "user " + std::string(200, '\t'),
      std::string(500, 'a') + "@" + std::string(500, 'a') + " ",
  };
  for (const std::string& unit : near_misses) {
    std::string diagnostic = "550 5.1.1 ";
    while (diagnostic.size() < (1u << 20)) diagnostic += unit;
    bouncekit::Record record;
    record.diagnostic = diagnostic;
    const double start = cpu_seconds();
    (void)bouncekit::classify::classify(record);
    const double seconds = cpu_seconds() - start;
    std::printf("classify 1 MB of '%.20s...': %.3f s of CPU\n", unit.c_str(), seconds);
    EXPECT_LT(seconds, kPromisedSeconds * kSanitizerSlack);
    timed_decode(
        "the same diagnostic in a report",
        raw(report_head("D") + status_part("D", "lost@example.org", "smtp; " + diagnostic) + "\n--D--\n"));
  }
}

// The same one-line notice where a gateway put it inside a multipart or transfer-encoded it. The
// MIME layer cuts the JSON line at 256 KB for every reader; the Amazon SES decoder alone asks for
// its notice part's body whole (mime::uncut_body), transfer-decoded, so each shape is decoded as
// the single-part one is: all 5,000 recipients, or the first 10,000 of 300,000 and the rest
// counted. (Before, the multipart shapes were cut and taken for ordinary mail, and a base64 notice
// was not recognised at all.)
namespace {

// ses_one_line_notice's header block (without its Content-Type) and its one JSON line.
std::string ses_head() {
  const std::string notice = ses_one_line_notice(1);
  return notice.substr(0, notice.find("Content-Type: "));
}
std::string ses_json(int recipients) {
  std::string notice = ses_one_line_notice(recipients);
  notice.erase(0, notice.find("\n\n") + 2);
  notice.pop_back();  // its line end
  return notice;
}

// RFC 2045 section 6.8: base64 in lines of 76 characters.
std::string base64_lines(std::string_view in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string quads;
  quads.reserve(in.size() / 3 * 4 + 4);
  for (std::size_t i = 0; i < in.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, in.size() - i);
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (n > 1) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    if (n > 2) v |= static_cast<unsigned char>(in[i + 2]);
    quads += kAlphabet[(v >> 18) & 63];
    quads += kAlphabet[(v >> 12) & 63];
    quads += n > 1 ? kAlphabet[(v >> 6) & 63] : '=';
    quads += n > 2 ? kAlphabet[v & 63] : '=';
  }
  std::string out;
  out.reserve(quads.size() + quads.size() / 76 + 1);
  for (std::size_t i = 0; i < quads.size(); i += 76) out.append(quads, i, 76).push_back('\n');
  return out;
}

// RFC 2045 section 6.7: quoted-printable with a soft line break ("=" at the end of a line) so that
// no line is longer than 76 characters; "=" itself written as "=3D".
std::string quoted_printable_lines(std::string_view in) {
  std::string out;
  out.reserve(in.size() + in.size() / 75 * 2 + 8);
  std::size_t column = 0;
  for (char c : in) {
    const std::size_t width = c == '=' ? 3 : 1;
    if (column + width > 75) {
      out += "=\n";
      column = 0;
    }
    out += c == '=' ? std::string_view("=3D") : std::string_view(&c, 1);
    column += width;
  }
  out += '\n';
  return out;
}

enum class SesShape { mixed, alternative, base64, quoted_printable };

std::string ses_notice_in(SesShape shape, int recipients) {
  const std::string json = ses_json(recipients);
  const std::string text = "Content-Type: text/plain; charset=UTF-8\n";
  switch (shape) {
    case SesShape::mixed:
      return ses_head() + "Content-Type: multipart/mixed; boundary=\"sns-m\"\n\n--sns-m\n" + text + "\n" + json +
             "\n--sns-m\nContent-Type: text/plain\n\n--\nYou are subscribed to this topic.\n--sns-m--\n";
    case SesShape::alternative:
      return ses_head() + "Content-Type: multipart/alternative; boundary=\"sns-a\"\n\n--sns-a\n" + text + "\n" +
             json + "\n--sns-a\nContent-Type: text/html; charset=UTF-8\n\n<html><body><pre>" + json.substr(0, 4096) +
             "</pre></body></html>\n--sns-a--\n";
    case SesShape::base64:
      return ses_head() + text + "Content-Transfer-Encoding: base64\n\n" + base64_lines(json);
    case SesShape::quoted_printable:
      return ses_head() + text + "Content-Transfer-Encoding: quoted-printable\n\n" + quoted_printable_lines(json);
  }
  return {};
}

}  // namespace

TEST(HostileInput, OneLineAmazonSesNoticesInMultipartsOrTransferEncoded) {
  const std::pair<SesShape, const char*> shapes[] = {
      {SesShape::mixed, "in multipart/mixed"},
      {SesShape::alternative, "in multipart/alternative beside HTML"},
      {SesShape::base64, "base64"},
      {SesShape::quoted_printable, "quoted-printable"},
  };
  for (const auto& [shape, name] : shapes) {
    // Every shape holds the notice as it is meant: the 76-character lines of the encodings too.
    const std::string few = ses_notice_in(shape, 5000);
    Result r = timed_decode(std::string("SES notice of 5,000 recipients, ") + name, raw(few));
    ASSERT_EQ(r.kind, Kind::bounce) << name << ": " << r.problem;
    ASSERT_EQ(r.records.size(), 5000u) << name;
    EXPECT_EQ(r.records.front().recipient, "s0@example.org") << name;
    EXPECT_EQ(r.records.back().recipient, "s4999@example.org") << name;
    EXPECT_EQ(r.records.back().status, "5.1.1") << name;
    EXPECT_EQ(r.records.back().decoded_by, "amazonses") << name;
    EXPECT_EQ(r.records.back().sender, "list@example.jp") << name;  // from the JSON's end
    EXPECT_TRUE(r.problem.empty()) << name << ": " << r.problem;

    r = timed_decode(std::string("SES notice of 300,000 recipients, ") + name, raw(ses_notice_in(shape, 300000)));
    ASSERT_EQ(r.kind, Kind::bounce) << name << ": " << r.problem;
    ASSERT_EQ(r.records.size(), 10000u) << name;
    EXPECT_EQ(r.records.back().recipient, "s9999@example.org") << name;
    EXPECT_EQ(r.records.back().sender, "list@example.jp") << name;
    EXPECT_EQ(r.problem, "290000 recipients beyond the limit of 10000 records per message were left out") << name;
  }
}

// The whole line is the SES decoder's alone: a 12 MB line in a multipart that is no SES notice still
// reaches every other decoder cut at 256 KB (Part::body() and text() hold it cut; only
// mime::uncut_body, asked for that part, gives it whole), so none of them spends time on the rest:
// the message decodes as it does with the line cut by hand.
TEST(HostileInput, LongLineInAMultipartIsStillCutForOtherDecoders) {
  auto message_with = [](const std::string& line) {
    return "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nTo: sender@example.com\n"
           "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
           "Content-Type: multipart/mixed; boundary=\"L\"\n\n--L\nContent-Type: text/plain\n\n"
           "This is the mail system at host mx.example.net.\n\n<lost@example.org>: host mx.example.org said: "
           "550 5.1.1 user unknown (in reply to RCPT TO command)\n\n" +
           line + "\n--L\nContent-Type: text/rfc822-headers\n\nFrom: sender@example.com\nSubject: hi\n\n--L--\n";
  };
  std::string line;
  line.reserve((12u << 20) + 64);
  for (int i = 0; line.size() < (12u << 20); ++i) line += "x" + std::to_string(i) + " mailbox unavailable; ";
  line += "past-the-cut@example.net";
  const std::string m = message_with(line);
  const DecodeOptions defaults;
  const std::size_t cut = defaults.limits.max_line_bytes;

  Result r = timed_decode("12 MB line in a multipart, not SES", raw(m));
  Result by_hand = timed_decode("the same, the line cut by hand", raw(message_with(line.substr(0, cut))));
  EXPECT_EQ(r.kind, by_hand.kind);
  EXPECT_EQ(r.problem, by_hand.problem);
  ASSERT_EQ(r.records.size(), by_hand.records.size());
  for (std::size_t i = 0; i < r.records.size(); ++i) {
    EXPECT_EQ(r.records[i].recipient, by_hand.records[i].recipient);
    EXPECT_EQ(r.records[i].diagnostic, by_hand.records[i].diagnostic);
    EXPECT_NE(r.records[i].decoded_by, "amazonses");
  }

  const bouncekit::mime::Message tree = bouncekit::mime::parse(m, defaults.limits);
  ASSERT_EQ(tree.root.children.size(), 2u);
  const bouncekit::mime::Part& text = tree.root.children[0];
  EXPECT_LT(text.body().size(), 2 * cut);
  EXPECT_LT(text.text().size(), 2 * cut);
  EXPECT_EQ(text.text().find("past-the-cut"), std::string::npos);
  const auto whole = bouncekit::mime::uncut_body(m, tree, text, m.size(), defaults.limits);
  ASSERT_TRUE(whole);
  EXPECT_GT(whole->bytes().size(), line.size());
  EXPECT_TRUE(whole->bytes().ends_with("past-the-cut@example.net"));
}

namespace {

// A line of `prefix` and then addresses <rN@example.jp> from `first` on, up to `bytes` (under the
// MIME layer's 256 KB line cut); `next` is set past the last address written.
std::string line_of_addresses(const std::string& prefix, const std::string& separator, int first, std::size_t bytes,
                              int& next) {
  std::string line = prefix;
  next = first;
  while (line.size() < bytes) line += separator + "<r" + std::to_string(next++) + "@example.jp>";
  return line;
}

}  // namespace

// A plain-text notice (no report part) listing its failed recipients on long lines: a failure
// sentence followed by some 12,000 addresses on one 250 KB line, and 7 more such lines that continue it
// ("and <r...> ..."), then the server's reply once. The generic decoder names the first 1,000;
// each recipient's own passage is the 2 MB paragraph, and it was searched for a code twice per
// recipient (remote_reply_at, find_status): 8.2-8.5 s of CPU, flat or in a text/plain part. The
// passage is now read once for all the recipients that share it: 0.03-0.04 s.
TEST(HostileInput, RecipientsListedOnLongLinesOfAddresses) {
  const std::string head =
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nTo: sender@example.com\n"
      "Subject: Undelivered Mail Returned to Sender\n";
  for (const std::string separator : {" ", ", ", ";"}) {
    int next = 0;
    std::string list = line_of_addresses("The following addresses failed:", separator, 0, 250 * 1024, next) + "\n";
    for (int i = 0; i < 7; ++i) list += line_of_addresses("and", separator, next, 250 * 1024, next) + "\n";
    list += "\n550 5.1.1 user unknown\n";
    ASSERT_GT(next, 80000);
    for (bool in_a_part : {false, true}) {
      std::string m = in_a_part ? head + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=P\n\n--P\n"
                                         "Content-Type: text/plain\n\n" + list + "\n--P--\n"
                                : head + "\n" + list;
      Result r = timed_decode("8 lines of addresses separated by '" + separator + "'" + (in_a_part ? ", in a part" : ""),
                              raw(m));
      ASSERT_EQ(r.kind, Kind::bounce);
      ASSERT_EQ(r.records.size(), 1000u) << "the generic decoder's limit of recipients per notice";
      EXPECT_EQ(r.records.front().recipient, "r0@example.jp");
      EXPECT_EQ(r.records.back().recipient, "r999@example.jp");
      EXPECT_EQ(r.records.back().reply_code, "550");
      EXPECT_EQ(r.records.back().status, "5.1.1");
      EXPECT_EQ(r.records.back().decoded_by, "fallback");
    }
  }
}

// qmail- and Postfix-looking notices of 200 recipient paragraphs (51 MB), each opened by a line of
// some 12,000 addresses (250 KB) instead of one. The qmail decoder built every address of each
// opening to learn there was more than one, and the generic decoder, which then reads the notice,
// read each of its recipients' paragraphs again per recipient: 3.5 s (qmail) and 1.8 s (Postfix) of
// CPU; 0.26 s each now (the qmail opening asks for two addresses at most; the generic decoder
// reads a paragraph once, and 4 MB of a notice).
TEST(HostileInput, MtaNoticesWhoseParagraphsOpenWithLinesOfAddresses) {
  int next = 0;
  const std::string addresses = line_of_addresses("", " ", 0, 250 * 1024, next).substr(1);
  const std::string qmail_paragraph =
      addresses + ":\n192.0.2.1 does not like recipient.\nRemote host said: 550 5.1.1 user unknown\n\n";
  const std::string postfix_paragraph =
      addresses + ": host mx.example.jp[192.0.2.1] said: 550 5.1.1 user unknown (in reply to RCPT TO command)\n\n";
  std::string qmail =
      "From: MAILER-DAEMON@mx.example.net\nTo: sender@example.com\nSubject: failure notice\n\n"
      "Hi. This is the qmail-send program at mx.example.net.\n"
      "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
      "This is a permanent error; I've given up. Sorry it didn't work out.\n\n";
  std::string postfix =
      "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\nTo: sender@example.com\n"
      "Subject: Undelivered Mail Returned to Sender\n\nThis is the mail system at host mx.example.net.\n\n"
      "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n"
      "                   The mail system\n\n";
  for (int i = 0; i < 200; ++i) {
    qmail += qmail_paragraph;
    postfix += postfix_paragraph;
  }
  for (const auto& [what, message] : {std::pair{"qmail", &qmail}, std::pair{"Postfix", &postfix}}) {
    Result r = timed_decode(std::string(what) + " notice of 200 paragraphs opened by 12,000 addresses", raw(*message));
    ASSERT_EQ(r.kind, Kind::bounce) << what;
    ASSERT_EQ(r.records.size(), 1000u) << what;
    EXPECT_EQ(r.records.front().recipient, "r0@example.jp") << what;
    EXPECT_EQ(r.records.back().recipient, "r999@example.jp") << what;
    EXPECT_EQ(r.records.back().reply_code, "550") << what;
  }
}
