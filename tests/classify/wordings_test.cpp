// MTA and provider wordings added to the text rules after measuring against real bounces. Each
// diagnostic here is written for the test: the distinctive part of the wording, in a sentence of
// our own.
#include <gtest/gtest.h>

#include <string>

#include "bouncekit/classify.hpp"
#include "classify/failed_record.hpp"

namespace bk = bouncekit::classify;
using bouncekit::Record;
using bouncekit::test::reason;
using bouncekit::test::rec;

// Microsoft 365's directory-based edge blocking and Postfix access maps refuse an unknown address
// with "Recipient address rejected: Access denied", whatever status code comes with it.
TEST(Wordings, AccessDeniedForTheRecipientAddressIsAnUnknownUser) {
  EXPECT_EQ(reason(rec("550 5.4.1 Recipient address rejected: Access denied. AS(1234)", "5.4.1", "550")),
            "userunknown");
  EXPECT_EQ(reason(rec("554 5.7.1 <bob@example.net>: Recipient address rejected: Access denied", "5.7.1", "554",
                       "RCPT")),
            "userunknown");
  // Access denied to the sending host is not about the recipient.
  EXPECT_NE(reason(rec("554 5.7.1 Client host rejected: Access denied", "5.7.1", "554")), "userunknown");
}

// cPanel's routing failure names the missing account or domain first, then block lists as another
// possible cause: the block list words must not win.
TEST(Wordings, CpanelRoutingFailureIsAnUnknownHostNotABlockList) {
  Record r = rec("The mail server could not deliver mail to pat@example.org. The account or domain may not "
                 "exist, they may be blacklisted, or missing the proper dns entries.");
  EXPECT_EQ(reason(r), "hostunknown");
  EXPECT_EQ(bk::classify(r).bounce, bouncekit::vocabulary::Bounce::hard);
}

TEST(Wordings, SendingHostRefusals) {
  // A receiver that accepts only a few sending IPs it cannot verify against the sender's host.
  Record r = rec("450 this service permits 3 unverifyable sending IPs - mail.example.com is not 198.51.100.7",
                 "", "450", "MAIL");
  r.action = "delayed";
  EXPECT_EQ(reason(r), "requireptr");
  // A sending host listed as an open relay is refused like any listed host, even at MAIL FROM.
  EXPECT_EQ(reason(rec("501 <ann@example.com>... refused: relay.example.com [192.0.2.9] is an open relay", "",
                       "501", "MAIL")),
            "blocked");
  // qmail: the remote server refused our HELO; the queue-expiry sentence qmail appends is not the cause.
  EXPECT_EQ(reason(rec("Connected to 192.0.2.3 but my name was rejected. Remote host said: 501 bad HELO name. "
                       "I'm not going to try again; this message has been in the queue too long.",
                       "", "501", "HELO")),
            "blocked");
}

TEST(Wordings, MessageRefusals) {
  EXPECT_EQ(reason(rec("500 line limit exceeded in the message body", "", "500", "DATA")), "mesgtoobig");
  EXPECT_EQ(reason(rec("554 5.7.0 Header error in the submitted message", "5.7.0", "554", "DATA")),
            "policyviolation");
}

TEST(Wordings, DestinationAndNetworkFailures) {
  // OpenSMTPD: the recipient's domain names no mail exchanger.
  Record r = rec("No MX found for domain");
  r.action = "delayed";
  EXPECT_EQ(reason(r), "notaccept");
  // Sendmail's DNS deferral is a network failure, not the expiry its 4.4.7 would suggest alone.
  EXPECT_EQ(reason(rec("Deferred: Name server: mx.example.org.: host name lookup failure", "4.4.7")),
            "networkerror");
  // A provider that gave up retrying says so; nothing else in the text names a cause.
  EXPECT_EQ(reason(rec("Could not hand the message over after multiple retries; giving up now.")), "expired");
  // sysexits' EX_OSERR as Sendmail reports it: the delivery program failed; "system error" must not win.
  EXPECT_EQ(reason(rec("451 4.0.0 Operating system error while delivering", "4.0.0", "451")), "mailererror");
}

// A provider's own report (no remote MTA: the reporting MTA refused) is read with its table; the
// same RFC 5321 text from another server says nothing definite.
TEST(Wordings, ProviderFoundFromTheReportingMtaWhenNoRemoteMtaIsNamed) {
  Record r = rec("550 Requested action not taken: mailbox unavailable (ref 12:34)", "5.5.0", "550");
  r.reporting_mta = "mx7-inbound.hotmail.com";
  EXPECT_EQ(reason(r), "userunknown");
  EXPECT_EQ(bk::classify(r).provider, "microsoft");
  // The remote MTA, when named, is the one whose words these are.
  r.remote_mta = "mx.example.org";
  EXPECT_EQ(bk::classify(r).provider, "");
  EXPECT_NE(reason(r), "userunknown");
}

// Delivery given up when the queue's time limit ran out is expired, whatever last temporary error
// came before it (qmail-send, Sendmail queue.c, dma, Exim wordings; texts written for the test).
TEST(Wordings, GivingUpAfterRetryingIsExpired) {
  EXPECT_EQ(reason(rec("No answer from any host. (#4.4.1) Not trying again; this message has been in the queue "
                       "too long.",
                       "4.4.1")),
            "expired");
  EXPECT_EQ(reason(rec("Cannot send message for 4 days")), "expired");
  EXPECT_EQ(reason(rec("Could not deliver for the last 86400 seconds. Giving up.")), "expired");
  EXPECT_EQ(reason(rec("Your note was not delivered within 3 days and 0 hours.")), "expired");
  EXPECT_EQ(reason(rec("retry timeout exceeded: all hosts have been failing for a long time")), "expired");
  // Giving up on one host is not the queue's time limit.
  EXPECT_NE(reason(rec("Giving up on 192.0.2.7: 550 5.1.1 mailbox unknown", "5.1.1", "550")), "expired");
}

// HCL Domino's router refuses a person its directory does not list (wording of the product's router,
// in a sentence of our own): a directory's words, whatever the vague status.
TEST(Wordings, DominoDirectoryDoesNotListThePerson) {
  EXPECT_EQ(reason(rec("User kim (kim@example.org) not listed in Domino Directory", "5.0.0")), "userunknown");
  EXPECT_EQ(reason(rec("The person is not listed in public Name & Address Book", "5.0.0")), "userunknown");
}

// Haraka's outbound queue, when every MX of the domain failed: a network failure (text of our own).
TEST(Wordings, EveryMailExchangerTriedIsANetworkError) {
  EXPECT_EQ(reason(rec("Gave up after repeated failures (Tried all MXs)")), "networkerror");
  // A single host saying no is not all of them.
  EXPECT_NE(reason(rec("Tried one MX, it refused: 550 5.1.1 mailbox unknown", "5.1.1", "550")), "networkerror");
}

// An address its provider calls inactive is suspended, even beside a "bad mailbox" status (Apple's
// iCloud Mail postmaster wording, in a sentence of our own).
TEST(Wordings, AnInactiveAddressIsSuspended) {
  EXPECT_EQ(reason(rec("550 5.1.1 <kai@example.net>: this is an inactive email address", "5.1.1", "550")), "suspend");
  EXPECT_EQ(reason(rec("the inactive address you wrote to takes no mail", "", "550")), "suspend");
  // Inactive senders or connections are not the recipient's address.
  EXPECT_NE(reason(rec("550 5.1.1 <kai@example.net>: user unknown; session inactive", "5.1.1", "550")), "suspend");
}

// A server that refuses its service to the client refuses the sending host (RFC 5321 3.1), not a
// recipient; a service that is unavailable is the server's own trouble.
TEST(Wordings, ServiceRefusedIsTheSendingHostBlocked) {
  EXPECT_EQ(reason(rec("421 Service refused for now, come back later", "", "421")), "blocked");
  EXPECT_EQ(reason(rec("550 5.5.0 Service refused. Please try again later.", "5.5.0", "550")), "blocked");
  EXPECT_EQ(reason(rec("421 4.2.1 Service refused, please try later", "4.2.1", "421")), "blocked");
  EXPECT_EQ(reason(rec("421 Service unavailable, closing channel", "", "421")), "systemerror");
}

// Exim names a failed delivery to a command "pipe to |command": the local program failed. A pipe
// mentioned otherwise is not that.
TEST(Wordings, DeliveryToAProgramIsAMailerError) {
  EXPECT_EQ(reason(rec("The following address(es) failed: pipe to |/usr/local/bin/filter generated by a@example.org")),
            "mailererror");
  EXPECT_NE(reason(rec("550 5.1.1 the pipe to the sales office is unknown here", "5.1.1", "550")), "mailererror");
}

// A group or list that takes posts only from members refuses the sender, not the group's address:
// the sender must act, and the list address is never suppressed.
TEST(Wordings, GroupRefusingANonMembersPostRejectsTheSender) {
  EXPECT_EQ(reason(rec("The group you wrote to (cats) may be gone, or you may not have permission to post there.")),
            "rejected");
  EXPECT_EQ(reason(rec("Your post was refused: you are not allowed to post to the announce list.")), "rejected");
  EXPECT_EQ(reason(rec("550 5.7.1 You do not have permission to send to this distribution list.", "5.7.1", "550")),
            "rejected");
  EXPECT_EQ(bk::classify(rec("You may not have permission to post messages to this group.")).owner,
            bouncekit::vocabulary::Owner::sender);
}
