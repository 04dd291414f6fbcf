// Unsubscribe requests a mail client sends by itself: feedback of type opt-out, never a vacation.
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

std::string request(const std::string& marker) {
  return "From: reader@example.net\n"
         "To: leave-4711@lists.example.com\n"
         "Date: Tue, 02 Jul 2024 09:10:11 +0000\n"
         "Subject: unsubscribe\n"
         "Auto-Submitted: auto-replied\n" +
         marker +
         "Content-Type: text/plain; charset=utf-8\n"
         "\n"
         "The mail program sent this message to leave the list.\n";
}

}  // namespace

TEST(DecodeUnsubscribe, MailClientRequestIsOptOutFeedback) {
  Result r = bouncekit::pipeline::decode_and_classify(raw_message(request("X-Apple-Unsubscribe: true\n")));
  ASSERT_EQ(r.records.size(), 1u) << dump(r);
  EXPECT_EQ(r.kind, Kind::feedback);
  EXPECT_EQ(r.records[0].decoded_by, "unsubscribe");
  EXPECT_EQ(r.records[0].reason, "feedback");
  EXPECT_EQ(r.records[0].feedback_type, "opt-out");
  EXPECT_EQ(r.records[0].recipient, "reader@example.net");
  EXPECT_EQ(r.records[0].sender, "leave-4711@lists.example.com");
  EXPECT_EQ(r.records[0].bounce, "none");
}

TEST(DecodeUnsubscribe, WithoutTheClientsMarkerItIsNotOne) {
  // The same message without the marker is an ordinary auto-reply; with "false" it is not a request.
  Result plain = bouncekit::pipeline::decode_and_classify(raw_message(request("")));
  EXPECT_NE(plain.kind, Kind::feedback) << dump(plain);
  Result no = bouncekit::pipeline::decode_and_classify(raw_message(request("X-Apple-Unsubscribe: false\n")));
  EXPECT_NE(no.kind, Kind::feedback) << dump(no);
  for (const auto& rec : no.records) EXPECT_NE(rec.decoded_by, "unsubscribe");
}
