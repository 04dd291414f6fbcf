// Made-up bounce messages for the micro-benchmarks (no corpus text): an RFC 3464 report
// with a quoted-printable notice, a delivery-status part and the returned headers, with
// its recipients varied, so that the benchmarks see realistic sizes and structure.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace bouncekit::bench {

/// The delivery-status part body of report `n` (`recipients` per-recipient blocks).
inline std::string delivery_status(std::size_t n, std::size_t recipients = 2) {
  std::string s =
      "Reporting-MTA: dns; mx" + std::to_string(n % 7) + ".example.net\n"
      "X-Postfix-Queue-ID: 4F2A1C0" + std::to_string(n) + "\n"
      "X-Postfix-Sender: rfc822; news@example.org\n"
      "Arrival-Date: Mon,  2 Sep 2024 10:00:00 +0000 (UTC)\n";
  for (std::size_t r = 0; r < recipients; ++r) {
    std::string user = "user" + std::to_string(n * 31 + r) + "@example" + std::to_string((n + r) % 50) + ".com";
    s += "\nFinal-Recipient: rfc822; " + user +
         "\nOriginal-Recipient: rfc822;" + user +
         "\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; mx.example" + std::to_string((n + r) % 50) +
         ".com\nDiagnostic-Code: smtp; 550 5.1.1 <" + user +
         ">: Recipient address rejected:\n    User unknown in virtual mailbox table\n";
  }
  return s;
}

/// Report `n` as a whole message (LF line ends, no mbox postmark).
inline std::string report_message(std::size_t n) {
  std::string boundary = "B" + std::to_string(n) + ".1725271200/mx.example.net";
  std::string m =
      "Return-Path: <>\n"
      "Received: by mx.example.net (Postfix) id 4F2A1C0" + std::to_string(n) + "; Mon,  2 Sep 2024 10:00:00 +0000\n"
      "Date: Mon,  2 Sep 2024 10:00:00 +0000 (UTC)\n"
      "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\n"
      "Subject: Undelivered Mail Returned to Sender\n"
      "To: news@example.org\n"
      "Auto-Submitted: auto-replied\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status;\n"
      "\tboundary=\"" + boundary + "\"\n"
      "Message-Id: <20240902100000.4F2A1C0" + std::to_string(n) + "@mx.example.net>\n"
      "\n"
      "This is a MIME-encapsulated message.\n\n"
      "--" + boundary + "\n"
      "Content-Description: Notification\n"
      "Content-Type: text/plain; charset=utf-8\n"
      "Content-Transfer-Encoding: quoted-printable\n\n"
      "This is the mail system at host mx.example.net.\n\n"
      "I'm sorry to have to inform you that your message could not be delivered to one or\n"
      "more recipients. It's attached below. Caf=C3=A9 =3D soft=\n break.\n\n"
      "                   The mail system\n\n"
      "<user" + std::to_string(n * 31) + "@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1\n"
      "    Recipient address rejected: User unknown (in reply to RCPT TO command)\n\n"
      "--" + boundary + "\n"
      "Content-Description: Delivery report\n"
      "Content-Type: message/delivery-status\n\n" +
      delivery_status(n) +
      "\n--" + boundary + "\n"
      "Content-Description: Undelivered Message Headers\n"
      "Content-Type: text/rfc822-headers\n\n"
      "Return-Path: <news@example.org>\n"
      "From: \"Example News\" <news@example.org>\n"
      "To: user" + std::to_string(n * 31) + "@example.com\n"
      "Subject: =?UTF-8?Q?The_September_digest?=\n"
      "Date: Mon, 2 Sep 2024 09:59:58 +0000\n"
      "Message-ID: <digest." + std::to_string(n) + "@example.org>\n"
      "List-Id: Example News <news.example.org>\n\n"
      "--" + boundary + "--\n";
  return m;
}

/// `count` different reports.
inline std::vector<std::string> report_messages(std::size_t count) {
  std::vector<std::string> out;
  for (std::size_t n = 0; n < count; ++n) out.push_back(report_message(n));
  return out;
}

}  // namespace bouncekit::bench
