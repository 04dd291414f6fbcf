// Bounce messages made up by the tests (never copied from a corpus): an RFC 3464 report for
// one recipient, and writers for Maildir files and mbox files of them.
#pragma once

#include <ctime>
#include <filesystem>
#include <string>

#include "test_support.hpp"

namespace bouncekit::test {

struct Bounce {
  std::string id;         ///< makes the message unique (and its bytes)
  std::string recipient;  ///< the failed address
  std::string when;       ///< UTC "YYYY-MM-DDTHH:MM:SS"
  bool hard = true;       ///< 550 5.1.1 user unknown, else 452 4.2.2 mailbox full
};

/// RFC 5322 date of a UTC "YYYY-MM-DDTHH:MM:SS".
inline std::string rfc5322_date(const std::string& when) {
  std::tm tm{};
  strptime(when.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buffer;
}

/// A Postfix-style delivery status notification for one recipient; `list`, when set, is the
/// List-Id identifier of the returned message.
inline std::string bounce_message(const Bounce& b, const std::string& list = "") {
  const std::string date = rfc5322_date(b.when);
  const std::string domain = b.recipient.substr(b.recipient.find('@') + 1);
  const std::string status = b.hard ? "5.1.1" : "4.2.2";
  const std::string diagnostic = b.hard ? "550 5.1.1 <" + b.recipient + ">: Recipient address rejected: User unknown"
                                        : "452 4.2.2 <" + b.recipient + ">: Mailbox full, try again later";
  const std::string boundary = "report-" + b.id;
  return "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\n"
         "To: news@example.com\n"
         "Subject: Undelivered Mail Returned to Sender\n"
         "Date: " + date + "\n"
         "Message-ID: <dsn-" + b.id + "@mx.example.com>\n"
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\"\n"
         "\n"
         "--" + boundary + "\n"
         "Content-Type: text/plain; charset=us-ascii\n"
         "\n"
         "This is the mail system at host mx.example.com.\n"
         "Your message could not be delivered to one or more recipients.\n"
         "\n"
         "--" + boundary + "\n"
         "Content-Type: message/delivery-status\n"
         "\n"
         "Reporting-MTA: dns; mx.example.com\n"
         "Arrival-Date: " + date + "\n"
         "\n"
         "Final-Recipient: rfc822; " + b.recipient + "\n"
         "Action: failed\n"
         "Status: " + status + "\n"
         "Remote-MTA: dns; mail." + domain + "\n"
         "Diagnostic-Code: smtp; " + diagnostic + "\n"
         "Last-Attempt-Date: " + date + "\n"
         "\n"
         "--" + boundary + "\n"
         "Content-Type: text/rfc822-headers\n"
         "\n"
         "From: news@example.com\n"
         "To: " + b.recipient + "\n"
         "Subject: Newsletter " + b.id + "\n"
         "Message-ID: <newsletter-" + b.id + "@example.com>\n" +
         (list.empty() ? std::string() : "List-Id: Newsletter <" + list + ">\n") +
         "\n"
         "--" + boundary + "--\n";
}

/// An RFC 3834 auto-reply ("out of office") from `from`: proof that the mailbox takes mail.
inline std::string auto_reply(const std::string& id, const std::string& from, const std::string& when) {
  return "From: " + from + "\n"
         "To: news@example.com\n"
         "Subject: Out of office: Newsletter " + id + "\n"
         "Date: " + rfc5322_date(when) + "\n"
         "Message-ID: <auto-" + id + "@example.net>\n"
         "Auto-Submitted: auto-replied\n"
         "\n"
         "I am away until Monday.\n";
}

/// The message as an mbox entry ("From " line, body, blank line).
inline std::string mbox_entry(const Bounce& b, const std::string& list = "") {
  return "From MAILER-DAEMON Thu Nov 19 02:00:00 2026\n" + bounce_message(b, list) + "\n";
}

}  // namespace bouncekit::test
