// body_has lowers each marker into a small buffer (a string only for markers longer than it):
// markers of any length and case are still found, or not, as a plain case-insensitive search.
#include <gtest/gtest.h>

#include <string>

#include "bouncekit/mime.hpp"
#include "decode/context.hpp"
#include "decode/plain_text.hpp"
#include "decode_support.hpp"

namespace {

using namespace bouncekit;
using namespace bouncekit::decode;

TEST(BodyHas, MarkersOfAnyLengthAndCase) {
  const std::string long_line(200, 'q');  // longer than the 128-byte buffer
  const std::string mail =
      "From: MAILER-DAEMON@example.net\nSubject: failure\n\n"
      "This Is The Mail System at host mx.example.net.\n" +
      long_line + "Z\n";
  source::RawMessage raw = bouncekit::decode::test::raw_message(mail);
  mime::Message message = mime::parse(mail);
  DecodeOptions options;
  Context ctx{raw, mail, message, options};
  EXPECT_TRUE(body_has(ctx, {"THIS IS THE MAIL SYSTEM"}));
  EXPECT_TRUE(body_has(ctx, {"absent", "mail system at HOST"}));
  EXPECT_FALSE(body_has(ctx, {"absent", "mail system on host"}));
  const std::string long_marker = std::string(200, 'Q') + "z";
  EXPECT_TRUE(body_has(ctx, {"absent", long_marker}));
  const std::string longer_than_text = std::string(201, 'Q') + "z";
  EXPECT_FALSE(body_has(ctx, {longer_than_text}));
  const std::string exactly_buffer = std::string(127, 'q') + "Z";
  EXPECT_TRUE(body_has(ctx, {exactly_buffer}));
  EXPECT_FALSE(body_has(ctx, {std::string(128, 'q') + "y"}));
}

}  // namespace
