// decode/forwarded.cpp: a person forwarding a non-delivery notice as an attachment is not a
// bounce; a mail system's notice of the same shape still is. Messages written for these tests.
#include <gtest/gtest.h>

#include <string>

#include "bouncekit/decode.hpp"
#include "bouncekit/pipeline.hpp"
#include "decode/decode_support.hpp"

namespace {

using namespace bouncekit;
using namespace bouncekit::decode;
using bouncekit::decode::test::dump;
using bouncekit::decode::test::raw_message;

// A multipart/mixed message: FROM and SUBJECT as given, a text part, and an attached message whose
// header is ATTACHED_HEAD (its body is a short RFC 3464 report when REPORT is true).
std::string forward(const std::string& from, const std::string& subject, const std::string& attached_head,
                    bool report) {
  std::string inner = attached_head;
  if (report)
    inner +=
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"in\"\n\n"
        "--in\nContent-Type: text/plain\n\nYour message to ann@example.org couldn't be delivered.\n\n"
        "--in\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.com\n\n"
        "Final-Recipient: rfc822; ann@example.org\nAction: failed\nStatus: 5.1.1\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n\n--in--\n";
  else
    inner += "Content-Type: text/plain\n\nThe agenda for Monday is attached.\n";
  return "From: " + from + "\nTo: helpdesk@example.net\nSubject: " + subject +
         "\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"out\"\n\n"
         "--out\nContent-Type: text/plain\n\nThis came back, can you look?\n\n"
         "--out\nContent-Type: message/rfc822\n\n" +
         inner + "\n--out--\n";
}

const std::string kNdrHead =
    "From: postmaster@example.com\nTo: bea@example.com\nSubject: Undeliverable: Agenda\nMIME-Version: 1.0\n";

TEST(Forwarded, APersonsForwardOfAnNdrIsNotABounce) {
  Result r = pipeline::decode_and_classify(
      raw_message(forward("Bea <bea@example.com>", "FW: Undeliverable: Agenda", kNdrHead, true)));
  EXPECT_EQ(r.kind, Kind::not_bounce) << dump(r);
  EXPECT_TRUE(r.records.empty()) << dump(r);
}

TEST(Forwarded, ANoticeFromAMailSystemStaysABounce) {
  // The same shape sent by a mail system (a daemon sender) is a notice, whatever its subject.
  Result r = pipeline::decode_and_classify(
      raw_message(forward("MAILER-DAEMON@mx.example.com", "Fwd: Undeliverable: Agenda", kNdrHead, true)));
  EXPECT_EQ(r.kind, Kind::bounce) << dump(r);
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.records[0].recipient, "ann@example.org");
}

TEST(Forwarded, OnlyAForwardOfANoticeIsClaimed) {
  // A forward of ordinary mail is left to the other decoders (and yields nothing).
  const std::string head = "From: carl@example.org\nTo: bea@example.com\nSubject: Agenda\nMIME-Version: 1.0\n";
  Result r = pipeline::decode_and_classify(raw_message(forward("Bea <bea@example.com>", "FW: Agenda", head, false)));
  EXPECT_TRUE(r.records.empty()) << dump(r);
  EXPECT_NE(r.kind, Kind::bounce) << dump(r);
}

}  // namespace
