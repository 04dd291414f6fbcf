#include "pipeline/warm_up.hpp"

#include <mutex>

#include "bouncekit/pipeline.hpp"

namespace bouncekit::pipeline {
namespace {

// A made-up RFC 3464 report with the part kinds a real run meets: a quoted-printable
// text part, a delivery-status part, returned headers, an encoded word.
constexpr const char* kReport =
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
    "To: sender@example.org\n"
    "Subject: =?UTF-8?Q?Undelivered_Mail?=\n"
    "Date: Mon, 2 Sep 2024 10:00:00 +0000\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n"
    "\n"
    "--b1\n"
    "Content-Type: text/plain; charset=iso-8859-1\n"
    "Content-Transfer-Encoding: quoted-printable\n"
    "\n"
    "Delivery to the following recipient failed: =E9 user@example.com\n"
    "--b1\n"
    "Content-Type: message/delivery-status\n"
    "\n"
    "Reporting-MTA: dns; mx.example.net\n"
    "\n"
    "Final-Recipient: rfc822; user@example.com\n"
    "Action: failed\n"
    "Status: 5.1.1\n"
    "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n"
    "--b1\n"
    "Content-Type: text/rfc822-headers\n"
    "\n"
    "From: sender@example.org\n"
    "To: user@example.com\n"
    "Message-ID: <warm-up@example.org>\n"
    "--b1--\n";

}  // namespace

void warm_up_decoding() {
  static std::once_flag once;
  std::call_once(once, [] {
    source::RawMessage message;
    message.origin.path = "warm-up";
    message.bytes = kReport;
    decode_and_classify(message);
  });
}

}  // namespace bouncekit::pipeline
