// Hostile and broken input: decode() must return a clean Result quickly —
// no crash, no exception, no runaway time or stack.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>

#include "bouncekit/decode.hpp"
#include "bouncekit/pipeline.hpp"
#include "decode/decode_support.hpp"

namespace {

using bouncekit::decode::decode;
using bouncekit::decode::Kind;
using bouncekit::decode::Result;
using bouncekit::decode::test::dump;
using bouncekit::decode::test::fields_of;
using bouncekit::decode::test::raw_message;
using bouncekit::decode::test::valid_utf8;

// Generous enough for Debug and sanitizer builds; a quadratic or exponential
// path blows far past it.
constexpr auto kQuick = std::chrono::seconds(10);

// Decodes, checks the result is well formed, and returns it with the time taken.
Result decode_checked(const std::string& bytes, std::chrono::milliseconds* took = nullptr) {
  auto start = std::chrono::steady_clock::now();
  Result r;
  EXPECT_NO_THROW(r = bouncekit::pipeline::decode_and_classify(raw_message(bytes)));
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  if (took) *took = elapsed;
  EXPECT_LT(elapsed, kQuick);
  EXPECT_TRUE(valid_utf8(r.problem));
  if (r.kind == Kind::undecodable) {
    EXPECT_FALSE(r.problem.empty());
  }
  if (r.kind == Kind::not_bounce) {
    EXPECT_TRUE(r.records.empty());
  }
  for (const auto& rec : r.records)
    for (const auto& [name, value] : fields_of(rec)) EXPECT_TRUE(valid_utf8(value)) << name;
  return r;
}

const std::string kStatus =
    "Reporting-MTA: dns; mx.example.net\n"
    "\n"
    "Final-Recipient: rfc822; lost@example.org\n"
    "Action: failed\n"
    "Status: 5.1.1\n"
    "Diagnostic-Code: smtp; 550 5.1.1 no such user\n";

std::string report_header(const std::string& boundary) {
  return "From: MAILER-DAEMON@mx.example.net\n"
         "To: sender@example.com\n"
         "Subject: Undelivered Mail Returned to Sender\n"
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" +
         boundary + "\"\n\n";
}

TEST(DecodeBadInput, EmptyMessage) {
  Result r = decode_checked("");
  EXPECT_TRUE(r.records.empty());
}

TEST(DecodeBadInput, OnlyNewlines) {
  Result r = decode_checked("\n\n\n\n");
  EXPECT_TRUE(r.records.empty());
}

TEST(DecodeBadInput, NoHeaders) {
  Result r = decode_checked("\nThis message has a body and no header at all.\nSecond line.\n");
  EXPECT_TRUE(r.records.empty());
  r = decode_checked("just one line without newline");
  EXPECT_TRUE(r.records.empty());
}

TEST(DecodeBadInput, HeadersOnlyNoBody) {
  decode_checked("From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail\n");
  decode_checked(report_header("X"));
}

TEST(DecodeBadInput, RandomBinaryGarbage) {
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 200; ++round) {
    std::string bytes(static_cast<std::size_t>(round * 97 % 8192 + 1), '\0');
    for (char& c : bytes) c = static_cast<char>(byte(rng));
    SCOPED_TRACE(round);
    decode_checked(bytes);
  }
}

TEST(DecodeBadInput, RandomGarbageAfterReportHeader) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 50; ++round) {
    std::string bytes = report_header("G");
    for (int i = 0; i < 4096; ++i) {
      char c = static_cast<char>(byte(rng));
      bytes.push_back(c);
      if (i % 61 == 0) bytes += "\n--G\nContent-Type: message/delivery-status\n\n";
    }
    SCOPED_TRACE(round);
    decode_checked(bytes);
  }
}

TEST(DecodeBadInput, MutatedRealReport) {
  const std::string good = report_header("M") + "--M\nContent-Type: message/delivery-status\n\n" + kStatus +
                           "\n--M\nContent-Type: message/rfc822\n\nFrom: a@example.com\nSubject: x\n\nbody\n--M--\n";
  std::mt19937 rng(99);
  for (int round = 0; round < 300; ++round) {
    std::string bytes = good;
    std::uniform_int_distribution<std::size_t> pos(0, bytes.size() - 1);
    for (int k = 0; k < 8; ++k) bytes[pos(rng)] = static_cast<char>(rng() & 0xFF);
    if (round % 3 == 0) bytes.resize(pos(rng));
    SCOPED_TRACE(round);
    decode_checked(bytes);
  }
}

TEST(DecodeBadInput, TwentyMegabyteAttachment) {
  std::string big;
  big.reserve(21u << 20);
  const std::string line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n";
  while (big.size() < (20u << 20)) big += line;
  const std::string m = report_header("BIG") +
                        "--BIG\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n"
                        "--BIG\nContent-Type: message/delivery-status\n\n" +
                        kStatus +
                        "\n--BIG\nContent-Type: message/rfc822\n\n"
                        "From: sender@example.com\nTo: lost@example.org\nSubject: big file\n"
                        "Message-ID: <big@example.com>\nMIME-Version: 1.0\n"
                        "Content-Type: multipart/mixed; boundary=\"IN\"\n\n"
                        "--IN\nContent-Type: text/plain\n\nsee attachment\n"
                        "--IN\nContent-Type: application/octet-stream; name=\"a.bin\"\n"
                        "Content-Transfer-Encoding: base64\n\n" +
                        big + "--IN--\n\n--BIG--\n";
  std::chrono::milliseconds took{};
  Result r = decode_checked(m, &took);
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].recipient, "lost@example.org");
  EXPECT_EQ(r.records[0].message_id, "<big@example.com>");
  RecordProperty("decode_ms", static_cast<int>(took.count()));
}

TEST(DecodeBadInput, MissingClosingBoundary) {
  const std::string m = report_header("OPEN") + "--OPEN\nContent-Type: text/plain\n\nfailed\n\n" +
                        "--OPEN\nContent-Type: message/delivery-status\n\n" + kStatus;
  Result r = decode_checked(m);
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].recipient, "lost@example.org");
  EXPECT_EQ(r.records[0].status, "5.1.1");
}

TEST(DecodeBadInput, BoundaryThatNeverAppears) {
  // The header announces one boundary, the body uses another.
  const std::string m = report_header("announced-but-absent") + "--other\nContent-Type: text/plain\n\nfailed\n\n" +
                        "--other\nContent-Type: message/delivery-status\n\n" + kStatus + "\n--other--\n";
  Result r = decode_checked(m);
  if (r.kind == Kind::bounce) {
    ASSERT_EQ(r.records.size(), 1u);
    EXPECT_EQ(r.records[0].recipient, "lost@example.org");
  }
  // No boundary line at all.
  decode_checked(report_header("nowhere") + "Plain text where the parts should be.\n" + kStatus);
}

TEST(DecodeBadInput, EmptyAndOddBoundaries) {
  decode_checked("Content-Type: multipart/report; boundary=\"\"\n\n--\n\n--\n--\n");
  decode_checked("Content-Type: multipart/mixed\n\n--\n");
  decode_checked("Content-Type: multipart/mixed; boundary=\"-\"\n\n---\n----\n---\n-----\n");
  decode_checked("Content-Type: multipart/mixed; boundary=\"" + std::string(5000, 'b') + "\"\n\n--" +
                 std::string(5000, 'b') + "\n\nx\n");
}

std::string nested_multiparts(int depth, const std::string& innermost) {
  std::string m = "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail\nMIME-Version: 1.0\n";
  std::string tail;
  for (int i = 0; i < depth; ++i) {
    std::string b = "n" + std::to_string(i);
    m += "Content-Type: multipart/mixed; boundary=\"" + b + "\"\n\n--" + b + "\n";
    tail = "\n--" + b + "--\n" + tail;
  }
  return m + innermost + tail;
}

TEST(DecodeBadInput, FiveThousandNestedMultiparts) {
  Result r = decode_checked(
      nested_multiparts(5000, "Content-Type: message/delivery-status\n\n" + kStatus));
  EXPECT_NE(r.kind, Kind::not_bounce) << "a report part is there: bounce or undecodable, with why";
}

TEST(DecodeBadInput, FiveThousandNestedMultipartsUnclosed) {
  std::string m = "Subject: deep\nMIME-Version: 1.0\n";
  for (int i = 0; i < 5000; ++i) m += "Content-Type: multipart/mixed; boundary=\"u" + std::to_string(i) + "\"\n\n--u" +
                                      std::to_string(i) + "\n";
  decode_checked(m);
}

// Runs decode() in a forked child, so that a crash (stack overflow) fails this
// test instead of killing the whole test program.
void expect_survives_in_child(const std::string& bytes) {
  EXPECT_EXIT(
      {
        Result r = bouncekit::pipeline::decode_and_classify(raw_message(bytes));
        std::_Exit(r.kind == Kind::not_bounce && !r.records.empty() ? 3 : 0);
      },
      ::testing::ExitedWithCode(0), "");
}

std::string nested_rfc822(int depth) {
  // message/rfc822 parts inside each other: not one multipart header.
  std::string m;
  m.reserve(static_cast<std::size_t>(depth) * 50 + 64);
  for (int i = 0; i < depth; ++i) m += "From: a@example.com\nContent-Type: message/rfc822\n\n";
  return m + "From: b@example.com\nSubject: bottom\n\nbody\n";
}

TEST(DecodeBadInput, NestedMessageRfc822) {
  decode_checked(nested_rfc822(2000));
}

TEST(DecodeBadInput, DeeplyNestedMessageRfc822DoesNotOverflowTheStack) {
  // 250,000 levels is a 12 MB message, well under the default 64 MB read limit.
  expect_survives_in_child(nested_rfc822(20000));
  expect_survives_in_child(nested_rfc822(250000));
}

TEST(DecodeBadInput, DeeplyNestedReportsOfMessageRfc822) {
  std::string m;
  for (int i = 0; i < 5000; ++i)
    m += report_header("r" + std::to_string(i)) + "--r" + std::to_string(i) + "\nContent-Type: message/rfc822\n\n";
  m += "Subject: bottom\n\nbody\n";
  decode_checked(m);
}

TEST(DecodeBadInput, VeryLongHeaderAndBodyLines) {
  decode_checked("Subject: " + std::string(2u << 20, 'x') + "\n\nbody\n");
  decode_checked(report_header("L") + "--L\nContent-Type: message/delivery-status\n\n" +
                 "Final-Recipient: rfc822; " + std::string(1u << 20, 'a') + "@example.org\nStatus: 5.1.1\n" +
                 "Diagnostic-Code: smtp; 550 " + std::string(1u << 20, '5') + "\n--L--\n");
}

TEST(DecodeBadInput, PathologicalDiagnosticIsFast) {
  // Many near-matches for status codes and reply codes.
  std::string diag = "smtp; ";
  for (int i = 0; i < 100000; ++i) diag += "5.1.";
  for (int i = 0; i < 100000; ++i) diag += " said: 55";
  const std::string m = report_header("P") + "--P\nContent-Type: message/delivery-status\n\n" +
                        "Final-Recipient: rfc822; a@example.org\nAction: failed\nDiagnostic-Code: " + diag +
                        "\n--P--\n";
  std::chrono::milliseconds took{};
  decode_checked(m, &took);
  EXPECT_LT(took, std::chrono::seconds(3));
}

TEST(DecodeBadInput, ManyRecipientBlocks) {
  // As many as the default records-per-message limit keeps (tests/robustness goes beyond it).
  std::string status = "Reporting-MTA: dns; mx.example.net\n";
  for (int i = 0; i < 10000; ++i)
    status += "\nFinal-Recipient: rfc822; u" + std::to_string(i) + "@example.org\nAction: failed\nStatus: 5.1.1\n";
  std::chrono::milliseconds took{};
  Result r = decode_checked(report_header("R") + "--R\nContent-Type: message/delivery-status\n\n" + status +
                                "\n--R--\n",
                            &took);
  ASSERT_EQ(r.kind, Kind::bounce);
  ASSERT_EQ(r.records.size(), 10000u);
  EXPECT_EQ(r.records.front().recipient, "u0@example.org");
  EXPECT_EQ(r.records.back().recipient, "u9999@example.org");
}

TEST(DecodeBadInput, NulBytesInsideReport) {
  std::string status = kStatus;
  status.insert(status.find("lost@"), std::string("\0\0", 2));
  std::string m = report_header("Z") + "--Z\nContent-Type: message/delivery-status\n\n" + status + "\n--Z--\n";
  m.insert(m.find("Subject"), std::string("X-Junk: a\0b\n", 12));
  Result r = decode_checked(m);
  for (const auto& rec : r.records) EXPECT_EQ(rec.recipient.find('\0'), std::string::npos);
}

TEST(DecodeBadInput, BrokenBase64AndQuotedPrintable) {
  decode_checked(report_header("E") +
                 "--E\nContent-Type: message/delivery-status\nContent-Transfer-Encoding: base64\n\n"
                 "!!!!====@@@@\xff\xfe\n====\nQQ\n--E\nContent-Type: text/plain\n"
                 "Content-Transfer-Encoding: quoted-printable\n\n=ZZ=\n=\n=4\n--E--\n");
}

TEST(DecodeBadInput, EncodedWordsThatLie) {
  decode_checked(
      "From: =?utf-8?B?////?= <MAILER-DAEMON@mx.example.net>\n"
      "Subject: =?x-unknown-charset?Q?=FF=FE?= =?utf-8?Q?=C3?= =?ISO-2022-JP?B?GyRC?=\n"
      "\nbody\n");
}

}  // namespace

// A report without Diagnostic-Code whose explanation is one line naming the recipient sixty thousand
// times: each mention is read to the end of its line, so only the first few are read (before the
// bound, this took half a minute).
TEST(DecodeBadInput, ExplanationNamingTheRecipientOnOneHugeLine) {
  std::string line;
  for (int i = 0; i < 60000; ++i) line += "   lost@example.org";
  const std::string m = report_header("HUGE") + "--HUGE\nContent-Type: text/plain\n\n" + line +
                        "\n\n--HUGE\nContent-Type: message/delivery-status\n\n"
                        "Reporting-MTA: dns; gw.example.org\n\nFinal-Recipient: rfc822; lost@example.org\n"
                        "Action: failed\nStatus: 5.0.0\n\n--HUGE--\n";
  std::chrono::milliseconds took{};
  Result r = decode_checked(m, &took);
  ASSERT_EQ(r.kind, Kind::bounce) << dump(r);
  EXPECT_EQ(r.records[0].recipient, "lost@example.org");
  EXPECT_LT(took, std::chrono::seconds(3));
}
