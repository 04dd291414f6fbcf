// Bodies are kept as in the message and transfer-decoded on first use (Part::body()), and
// Part::text() converts once: what callers read must be what eager decoding gave.
#include <gtest/gtest.h>

#include <string>

#include "bouncekit/mime.hpp"

namespace bouncekit::mime {
namespace {

const std::string kReport =
    "From: MAILER-DAEMON@mx.example.net\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n"
    "\n"
    "preamble nobody reads\n"
    "--b1\n"
    "Content-Type: text/plain; charset=iso-8859-1\n"
    "Content-Transfer-Encoding: quoted-printable\n"
    "\n"
    "Die Nachricht an <ann@example.org> konnte nicht zugestellt werden: M=FCller=\n"
    " unbekannt.\n"
    "--b1\n"
    "Content-Type: message/delivery-status\n"
    "\n"
    "Reporting-MTA: dns; mx.example.net\n"
    "\n"
    "Final-Recipient: rfc822; ann@example.org\n"
    "Action: failed\n"
    "Status: 5.1.1\n"
    "--b1\n"
    "Content-Type: application/octet-stream\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "aGVsbG8gd29ybGQ=\n"
    "--b1--\n"
    "epilogue nobody reads\n";

TEST(PartBody, DecodedOnDemandAsBefore) {
  Message m = parse(kReport);
  ASSERT_FALSE(m.damaged) << m.problem;
  ASSERT_EQ(m.root.children.size(), 3u);
  const Part& text = m.root.children[0];
  const Part& status = m.root.children[1];
  const Part& attachment = m.root.children[2];

  // The raw body stays transfer-encoded; body() decodes it, the same on every call.
  EXPECT_NE(text.raw_body.find("M=FCller=\n"), std::string::npos);
  EXPECT_EQ(text.transfer_encoding, "quoted-printable");
  EXPECT_NE(text.body().find("M\xFCller unbekannt."), std::string::npos);
  EXPECT_EQ(&text.body(), &text.body());
  EXPECT_EQ(attachment.raw_body, "aGVsbG8gd29ybGQ=");  // mimetic drops the line end before a delimiter
  EXPECT_EQ(attachment.body(), "hello world");

  // Identity encodings: body() is the raw body itself, not a copy.
  EXPECT_EQ(&status.body(), &status.raw_body);
  EXPECT_NE(status.body().find("Final-Recipient: rfc822; ann@example.org"), std::string::npos);

  // text(): converted from the declared charset once.
  EXPECT_NE(text.text().find("M\xC3\xBCller unbekannt."), std::string::npos);
  EXPECT_EQ(&text.text(), &text.text());

  // A multipart keeps no body: its preamble and epilogue are not read.
  EXPECT_TRUE(m.root.raw_body.empty());
  EXPECT_TRUE(m.root.body().empty());
}

TEST(PartBody, ScannedPartsAreDecodedOnDemandToo) {
  const std::string broken =
      "Content-Type: multipart/report; boundary=\"outer\"\n\n"
      "--outer\n"
      "Content-Type: multipart/alternative; boundary=\"never-closed\"\n\n"
      "--never-closed\n"
      "Content-Type: text/plain\n\nlost\n"
      "--outer\n"
      "Content-Type: message/delivery-status\n"
      "Content-Transfer-Encoding: base64\n\n"
      "U3RhdHVzOiA1LjEuMQ==\n"
      "--outer--\n";
  std::vector<Part> found = scan_for_parts(broken, "message/delivery-status");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].raw_body, "U3RhdHVzOiA1LjEuMQ==\n");
  EXPECT_EQ(found[0].body(), "Status: 5.1.1");
}

TEST(PartBody, CopiedPartsKeepTheirOwnCache) {
  Message m = parse(kReport);
  const Part& original = m.root.children[2];
  EXPECT_EQ(original.body(), "hello world");
  Part copy = original;
  copy.raw_body = "Ynll\n";
  copy.decoded_body_ready = false;
  EXPECT_EQ(copy.body(), "bye");
  EXPECT_EQ(original.body(), "hello world");
}

}  // namespace
}  // namespace bouncekit::mime
