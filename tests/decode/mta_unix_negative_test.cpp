// The Unix MTA detectors (mta/unix.hpp) must not claim ordinary mail nor the
// bounces of other families (Exim, Exchange, Gmail, a generic DSN).
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "bouncekit/mime.hpp"
#include "decode/context.hpp"
#include "decode/decode_support.hpp"
#include "decode/mta/unix.hpp"

namespace {

using namespace bouncekit;
using namespace bouncekit::decode;

struct Named {
  const char* name;
  bool (*detect)(const Context&);
};

const std::vector<Named> kDetectors{
    {"postfix", detect_postfix},
    {"sendmail", detect_sendmail},
    {"messagingserver", detect_messagingserver},
    {"opensmtpd", detect_opensmtpd},
    {"v5sendmail", detect_v5sendmail},
    {"dragonfly", detect_dragonfly},
    {"qmail", detect_qmail},
    {"apachejames", detect_apachejames},
    {"fml", detect_fml},
};

// Messages none of the detectors may claim.
const std::vector<std::pair<const char*, std::string>> kForeign{
    {"ordinary mail",
     "From: Ada <ada@example.org>\nTo: team@example.net\nSubject: Returned from holiday\n"
     "Received: (qmail 1234 invoked by uid 500); 1 Mar 2025 10:00:00 -0000\n"
     "Received: by relay.example.net (Postfix) id 1A2B3C; Sat, 1 Mar 2025 10:00:01 +0000\n"
     "Message-ID: <1.2.JavaMail.ada@example.org>\n\n"
     "Hi all, I'm back. The error in the report is fixed; see the transcript of the meeting.\n"},
    {"exim bounce",
     "From: Mail Delivery System <Mailer-Daemon@mx.example.com>\nTo: bob@example.com\n"
     "Subject: Mail delivery failed: returning message to sender\nX-Failed-Recipients: carol@example.org\n\n"
     "This message was created automatically by mail delivery software.\n\n"
     "A message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent "
     "error. "
     "The following address(es) failed:\n\n  carol@example.org\n    host mx.example.org [192.0.2.1]\n"
     "    SMTP error from remote mail server after RCPT TO:<carol@example.org>:\n    550 5.1.1 User "
     "unknown\n\n"
     "------ This is a copy of the message, including all the headers. ------\n"},
    {"exchange ndr",
     "From: postmaster@example.com\nTo: dan@example.com\nSubject: Undeliverable: budget\n"
     "Content-Type: text/plain\n\nDelivery has failed to these recipients or groups:\n\n"
     "erin@example.org\nThe email address you entered couldn't be found.\n\n"
     "Diagnostic information for administrators:\n\nRemote Server returned '550 5.1.10 "
     "RESOLVER.ADR.RecipientNotFound'\n"},
    {"generic dsn",
     "From: MAILER-DAEMON@mx.example.net\nTo: fay@example.net\nSubject: Delivery Status Notification "
     "(Failure)\n"
     "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n"
     "--b\nContent-Type: text/plain\n\nYour message to gus@example.org could not be delivered.\n\n"
     "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
     "Final-Recipient: rfc822; gus@example.org\nAction: failed\nStatus: 5.1.1\n\n--b--\n"},
};

TEST(UnixDetectors, ClaimNoForeignMessage) {
  DecodeOptions options;
  for (const auto& [label, text] : kForeign) {
    source::RawMessage raw = bouncekit::decode::test::raw_message(text);
    mime::Message message = mime::parse(text);
    Context ctx{raw, text, message, options};
    for (const Named& d : kDetectors) EXPECT_FALSE(d.detect(ctx)) << d.name << " claims the " << label;
  }
}

TEST(UnixDetectors, OrdinaryMailYieldsNothing) {
  Result r = bouncekit::pipeline::decode_and_classify(bouncekit::decode::test::raw_message(kForeign[0].second));
  EXPECT_TRUE(r.records.empty()) << bouncekit::decode::test::dump(r);
}

}  // namespace
