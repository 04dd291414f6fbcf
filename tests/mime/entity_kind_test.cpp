// The kind of each entity (multipart, message/rfc822, anything else) and the boundary of a
// multipart are read from clean Content-Type texts without mimetic's ContentType (entity.cpp);
// texts outside the clean grammar go mimetic's way. Each case states the tree RFC 2045/2046
// give for the message, for texts on both sides of that line.
#include <gtest/gtest.h>

#include <string>

#include "bouncekit/mime.hpp"

namespace bouncekit::mime {
namespace {

std::string multipart(const std::string& content_type, const std::string& boundary) {
  return "From: a@example.org\nContent-Type: " + content_type +
         "\n\n"
         "--" + boundary +
         "\nContent-Type: text/plain\n\nfirst part\n"
         "--" + boundary +
         "\nContent-Type: text/plain\n\nsecond part\n"
         "--" + boundary + "--\n";
}

void expect_two_parts(const std::string& content_type, const std::string& boundary) {
  SCOPED_TRACE(content_type);
  Message m = parse(multipart(content_type, boundary));
  ASSERT_EQ(m.root.children.size(), 2u);
  EXPECT_EQ(m.root.children[0].raw_body, "first part");
  EXPECT_EQ(m.root.children[1].raw_body, "second part");
  EXPECT_EQ(m.root.content_type.type, "multipart");
}

TEST(EntityKind, CleanBoundaryForms) {
  expect_two_parts("multipart/mixed; boundary=abc", "abc");
  expect_two_parts("multipart/mixed; boundary=\"a=b c\"", "a=b c");
  expect_two_parts("Multipart/Report; report-type=delivery-status;\n\tBOUNDARY=\"x_y.z\"", "x_y.z");
  expect_two_parts("multipart/alternative;boundary=q1;charset=us-ascii", "q1");
  expect_two_parts("  multipart/mixed ; boundary=abc ;", "abc");
}

TEST(EntityKind, TextsOutsideTheCleanGrammarStillSplit) {
  // A comment, blanks around '=', an unquoted value with '=': mimetic's own reading.
  expect_two_parts("multipart/mixed (a comment); boundary=abc", "abc");
  expect_two_parts("multipart/mixed; boundary = \"abc\"", "abc");
}

TEST(EntityKind, OtherTypesAreLeaves) {
  // "multipart" and "message" inside a parameter say nothing about the kind.
  Message m = parse(multipart("text/plain; name=\"multipart message\"; boundary=abc", "abc"));
  EXPECT_TRUE(m.root.children.empty());
  EXPECT_NE(m.root.raw_body.find("--abc--"), std::string::npos);
  m = parse("Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n");
  EXPECT_TRUE(m.root.children.empty());
  EXPECT_EQ(m.root.raw_body, "Reporting-MTA: dns; mx.example.org\n");
}

TEST(EntityKind, ReturnedMessageIsAChild) {
  for (const std::string type : {"message/rfc822", "Message/RFC822; x=y", " message/rfc822 ;"}) {
    SCOPED_TRACE(type);
    std::string raw =
        "Content-Type: multipart/report; boundary=R\n\n"
        "--R\nContent-Type: text/plain\n\nnot delivered\n"
        "--R\nContent-Type: " + type +
        "\n\nSubject: hello\nTo: b@example.net\n\nbody\n"
        "--R--\n";
    Message m = parse(raw);
    ASSERT_EQ(m.root.children.size(), 2u);
    ASSERT_EQ(m.root.children[1].children.size(), 1u);
    EXPECT_EQ(m.root.children[1].children[0].value("Subject"), "hello");
  }
}

}  // namespace
}  // namespace bouncekit::mime
