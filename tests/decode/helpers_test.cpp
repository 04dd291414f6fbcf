// Unit tests of the decode stage's internal helpers: addresses, SMTP facts in
// free text, the delivery-status field-group parser, and content-type tests.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "decode/address.hpp"
#include "decode/context.hpp"
#include "decode/delivery_status.hpp"
#include "decode/smtp_text.hpp"

namespace {

using namespace bouncekit::decode;

// --- clean_address -------------------------------------------------------

TEST(DecodeAddress, CleanAddressDropsTypePrefix) {
  EXPECT_EQ(clean_address("rfc822; user@example.com"), "user@example.com");
  EXPECT_EQ(clean_address("RFC822;user@example.com"), "user@example.com");
  EXPECT_EQ(clean_address("rfc822 ;  user@example.com  "), "user@example.com");
  EXPECT_EQ(clean_address("utf-8; \u5c71\u7530@example.jp"), "\u5c71\u7530@example.jp");
}

TEST(DecodeAddress, CleanAddressLowerCasesDomainOnly) {
  EXPECT_EQ(clean_address("rfc822; John.Smith@Mail.Example.COM"), "John.Smith@mail.example.com");
}

TEST(DecodeAddress, CleanAddressDropsDisplayNameAndBrackets) {
  EXPECT_EQ(clean_address("<user@example.org>"), "user@example.org");
  EXPECT_EQ(clean_address("rfc822; <user@example.org>"), "user@example.org");
  EXPECT_EQ(clean_address("\"Neko, the cat\" <neko@example.jp>"), "neko@example.jp");
  EXPECT_EQ(clean_address("Walter Finch <walter@example.org>"), "walter@example.org");
}

TEST(DecodeAddress, CleanAddressDropsQuotesCommentsAndTrailingPunctuation) {
  EXPECT_EQ(clean_address("\"user@example.org\""), "user@example.org");
  EXPECT_EQ(clean_address("'user@example.org'"), "user@example.org");
  EXPECT_EQ(clean_address("user@example.org (Walter Finch)"), "user@example.org");
  EXPECT_EQ(clean_address("user@example.org."), "user@example.org");
  EXPECT_EQ(clean_address("<user@example.org>."), "user@example.org");
  EXPECT_EQ(clean_address("rfc822; user@example.org;"), "user@example.org");
  EXPECT_EQ(clean_address("user@example.org,"), "user@example.org");
}

TEST(DecodeAddress, CleanAddressEmptyWhenNothingLeft) {
  EXPECT_EQ(clean_address(""), "");
  EXPECT_EQ(clean_address("   "), "");
  EXPECT_EQ(clean_address("rfc822;"), "");
  EXPECT_EQ(clean_address("rfc822; <>"), "");
  EXPECT_EQ(clean_address("<>"), "");
}

TEST(DecodeAddress, CleanAddressKeepsPlusAndSubaddress) {
  EXPECT_EQ(clean_address("rfc822; bounces+c77=example.net@Example.COM"), "bounces+c77=example.net@example.com");
}

TEST(DecodeAddress, CleanAddressKeepsQuotedLocalPart) {
  // RFC 5321 quoted local part with a space: the address is the whole thing.
  EXPECT_EQ(clean_address("rfc822; \"john smith\"@example.org"), "\"john smith\"@example.org");
}

TEST(DecodeAddress, CleanAddressCutsTheWordsAroundIt) {
  // Space or tab on either side; the word with the last '@' is the address.
  EXPECT_EQ(clean_address("see user@Example.ORG\tnow"), "user@example.org");
  EXPECT_EQ(clean_address("mail\tto a@b user@Example.ORG"), "user@example.org");
  EXPECT_EQ(clean_address("user@Example.ORG now"), "user@example.org");
  EXPECT_EQ(clean_address("rfc822; \"john smith\"@example.org\twas refused"), "\"john smith\"@example.org");
}

TEST(DecodeAddress, FirstAddressOfHeaderValue) {
  EXPECT_EQ(first_address("\"Neko\" <neko@example.jp>, b@example.org"), "neko@example.jp");
  EXPECT_EQ(first_address("a@example.org, b@example.org"), "a@example.org");
  EXPECT_EQ(first_address("\"Last, First\" <first.last@Example.org>"), "first.last@example.org");
  EXPECT_EQ(first_address("MAILER-DAEMON@relay1.example.net (Mail Delivery System)"),
            "MAILER-DAEMON@relay1.example.net");
  EXPECT_EQ(first_address(""), "");
}

TEST(DecodeAddress, FirstAddressOfGroupWithoutAddressIsEmpty) {
  // "To: undisclosed-recipients:;" names no address at all.
  EXPECT_EQ(first_address("undisclosed-recipients:;"), "");
}

TEST(DecodeAddress, DomainOf) {
  EXPECT_EQ(domain_of("User@Example.ORG"), "example.org");
  EXPECT_EQ(domain_of("no-domain"), "");
  EXPECT_EQ(domain_of(""), "");
  EXPECT_EQ(domain_of("\"a@b\"@Example.net"), "example.net");
}

TEST(DecodeAddress, LooksLikeAddress) {
  EXPECT_TRUE(looks_like_address("a@example.org"));
  EXPECT_TRUE(looks_like_address("\u5c71\u7530@example.jp"));
  EXPECT_FALSE(looks_like_address(""));
  EXPECT_FALSE(looks_like_address("a@"));
  EXPECT_FALSE(looks_like_address("@example.org"));
  EXPECT_FALSE(looks_like_address("a b@example.org"));
  EXPECT_FALSE(looks_like_address("a@b@example.org"));
  EXPECT_FALSE(looks_like_address("<a@example.org>"));
  EXPECT_FALSE(looks_like_address("undisclosed-recipients"));
}

// --- find_status ---------------------------------------------------------

TEST(DecodeSmtpText, FindStatusPlainCodes) {
  EXPECT_EQ(find_status("550 5.1.1 User unknown"), "5.1.1");
  EXPECT_EQ(find_status("4.7.0"), "4.7.0");
  EXPECT_EQ(find_status("2.0.0 Ok: queued"), "2.0.0");
  EXPECT_EQ(find_status("550-5.7.26 unauthenticated"), "5.7.26");
  EXPECT_EQ(find_status("rejected (#5.1.1)"), "5.1.1");
  EXPECT_EQ(find_status("status=5.2.2."), "5.2.2");
  EXPECT_EQ(find_status("code 5.4.310 DNS domain does not exist"), "5.4.310");
}

TEST(DecodeSmtpText, FindStatusIgnoresIpAddresses) {
  EXPECT_EQ(find_status("connect to 5.1.1.1 refused"), "");
  EXPECT_EQ(find_status("host [192.0.2.5] refused"), "");
  EXPECT_EQ(find_status("from 4.4.7.10:25 timed out"), "");
  EXPECT_EQ(find_status("client 198.51.100.4 said 5.7.1 denied"), "5.7.1");
  EXPECT_EQ(find_status("5.1.1.1"), "");
}

TEST(DecodeSmtpText, FindStatusIgnoresVersionsAndOtherNumbers) {
  EXPECT_EQ(find_status("Exim 4.96 ready"), "");
  EXPECT_EQ(find_status("release 15.2.1 installed"), "");
  EXPECT_EQ(find_status("build 2.0.0.1"), "");
  EXPECT_EQ(find_status("5.1.1234"), "");
  EXPECT_EQ(find_status("3.1.1 is not a class"), "");
  EXPECT_EQ(find_status("5.1"), "");
  EXPECT_EQ(find_status(""), "");
}

TEST(DecodeSmtpText, FindStatusIgnoresVersionWithLetterPrefix) {
  // "not part of an IP address or version number": v5.2.1 is a version.
  EXPECT_EQ(find_status("MailGate v5.2.1 ready"), "");
}

// --- find_reply_code -----------------------------------------------------

TEST(DecodeSmtpText, FindReplyCodeAtStart) {
  EXPECT_EQ(find_reply_code("550 5.1.1 User unknown"), "550");
  EXPECT_EQ(find_reply_code("550-5.1.1 The account does not exist"), "550");
  EXPECT_EQ(find_reply_code("  421 try again later"), "421");
  EXPECT_EQ(find_reply_code("554"), "554");
}

// A greeting banner quoted before the refusal is not the failure's code.
TEST(DecodeSmtpText, FindReplyCodeSkipsAGreetingBeforeTheRefusal) {
  EXPECT_EQ(find_reply_code("220-mx.example.org 421 4.2.1 Service refused, try later"), "421");
  EXPECT_EQ(find_remote_status("220-mx.example.org 421 4.2.1 Service refused, try later"), "4.2.1");
  // Without a failure code carrying a status, the leading code is all there is.
  EXPECT_EQ(find_reply_code("220 mx.example.org ready, then nothing"), "220");
}

TEST(DecodeSmtpText, FindReplyCodeAfterSaid) {
  EXPECT_EQ(find_reply_code("host mx.example.org[198.51.100.17] said: 550 5.1.1 no such user"), "550");
  EXPECT_EQ(find_reply_code("The remote server replied: 452 4.2.2 Over quota"), "452");
  EXPECT_EQ(find_reply_code("mx.example.org said 553 sorry"), "553");
}

// The reply after the name of the command it answered (chasquid's delivery errors).
TEST(DecodeSmtpText, FindReplyCodeAfterALeadingCommandName) {
  EXPECT_EQ(find_reply_code("MAIL+RCPT 550 \"5.1.1 no mailbox here\""), "550");
  EXPECT_EQ(find_reply_code("DATA closing 554 5.7.1 rejected as spam"), "554");
  EXPECT_EQ(find_reply_code("RCPT TO: 452 4.2.2 over quota"), "452");
  // A word that only begins like a command name is not one.
  EXPECT_EQ(find_reply_code("mailbox 550 is the number of the room"), "");
  EXPECT_EQ(find_reply_code("database 421 busy"), "");
}

TEST(DecodeSmtpText, FindReplyCodeNone) {
  EXPECT_EQ(find_reply_code("5.1.1 User unknown"), "");
  EXPECT_EQ(find_reply_code("User unknown"), "");
  EXPECT_EQ(find_reply_code("192.0.2.5 refused"), "");
  EXPECT_EQ(find_reply_code("600 not a reply code"), "");
  EXPECT_EQ(find_reply_code("5500 too long"), "");
  EXPECT_EQ(find_reply_code("550.5 odd"), "");
  EXPECT_EQ(find_reply_code(""), "");
}

// --- find_smtp_command ---------------------------------------------------

TEST(DecodeSmtpText, FindSmtpCommand) {
  EXPECT_EQ(find_smtp_command("... (in reply to RCPT TO command)"), "RCPT");
  EXPECT_EQ(find_smtp_command("(in reply to end of DATA command)"), "DATA");
  EXPECT_EQ(find_smtp_command("in reply to MAIL FROM command"), "MAIL");
  EXPECT_EQ(find_smtp_command("in reply to EHLO command"), "EHLO");
  EXPECT_EQ(find_smtp_command("in reply to HELO command"), "HELO");
  EXPECT_EQ(find_smtp_command("in reply to STARTTLS command"), "STARTTLS");
  EXPECT_EQ(find_smtp_command(">>> DATA\n<<< 554 rejected"), "DATA");
  EXPECT_EQ(find_smtp_command(">>> RCPT To:<a@example.org>"), "RCPT");
  EXPECT_EQ(find_smtp_command("SMTP error from remote mail server after RCPT TO:<a@example.org>: 550"), "RCPT");
  EXPECT_EQ(find_smtp_command("SMTP error from remote mail server after end of data: 554"), "DATA");
  EXPECT_EQ(find_smtp_command("550 5.1.1 User unknown"), "");
  EXPECT_EQ(find_smtp_command(""), "");
}

TEST(DecodeSmtpText, IsGenericStatus) {
  EXPECT_TRUE(is_generic_status("5.0.0"));
  EXPECT_TRUE(is_generic_status("4.0.0"));
  EXPECT_FALSE(is_generic_status("5.1.1"));
  EXPECT_FALSE(is_generic_status("5.0.1"));
  EXPECT_FALSE(is_generic_status(""));
}

// --- split_typed ---------------------------------------------------------

TEST(DecodeDeliveryStatus, SplitTyped) {
  Typed t = split_typed("smtp; 550 5.1.1 <a@example.org>: unknown");
  EXPECT_EQ(t.type, "smtp");
  EXPECT_EQ(t.value, "550 5.1.1 <a@example.org>: unknown");

  t = split_typed("X-Postfix; connect to mx.example.org[192.0.2.1]:25: timed out");
  EXPECT_EQ(t.type, "X-Postfix");
  EXPECT_EQ(t.value, "connect to mx.example.org[192.0.2.1]:25: timed out");

  t = split_typed("  dns ;  mx.example.org  ");
  EXPECT_EQ(t.type, "dns");
  EXPECT_EQ(t.value, "mx.example.org");

  t = split_typed("smtp;550 first; second");
  EXPECT_EQ(t.type, "smtp");
  EXPECT_EQ(t.value, "550 first; second");
}

TEST(DecodeDeliveryStatus, SplitTypedWithoutType) {
  Typed t = split_typed("550 5.7.1 blocked; see https://example.net/why");
  EXPECT_EQ(t.type, "");
  EXPECT_EQ(t.value, "550 5.7.1 blocked; see https://example.net/why");

  t = split_typed("  plain value ");
  EXPECT_EQ(t.type, "");
  EXPECT_EQ(t.value, "plain value");

  t = split_typed("");
  EXPECT_EQ(t.type, "");
  EXPECT_EQ(t.value, "");

  t = split_typed("; leading semicolon");
  EXPECT_EQ(t.type, "");
}

// --- parse_delivery_status -----------------------------------------------

TEST(DecodeDeliveryStatus, PerMessageAndRecipients) {
  DeliveryStatus ds = parse_delivery_status(
      "Reporting-MTA: dns; mx.example.net\n"
      "Arrival-Date: Mon, 01 Jul 2024 10:00:00 +0000\n"
      "\n"
      "Final-Recipient: rfc822; a@example.org\n"
      "Action: failed\n"
      "Status: 5.1.1\n"
      "\n"
      "Final-Recipient: rfc822; b@example.org\n"
      "Action: delayed\n"
      "Status: 4.4.7\n");
  EXPECT_EQ(ds.per_message.get("reporting-mta"), "dns; mx.example.net");
  EXPECT_TRUE(ds.per_message.has("Arrival-Date"));
  EXPECT_FALSE(ds.per_message.has("Final-Recipient"));
  ASSERT_EQ(ds.recipients.size(), 2u);
  EXPECT_EQ(ds.recipients[0].get("Final-Recipient"), "rfc822; a@example.org");
  EXPECT_EQ(ds.recipients[0].get("Status"), "5.1.1");
  EXPECT_EQ(ds.recipients[1].get("Final-Recipient"), "rfc822; b@example.org");
  EXPECT_EQ(ds.recipients[1].get("Action"), "delayed");
  EXPECT_EQ(ds.recipients[1].get("Missing"), "");
}

TEST(DecodeDeliveryStatus, NoPerMessageBlock) {
  DeliveryStatus ds = parse_delivery_status(
      "Final-Recipient: rfc822; a@example.org\n"
      "Action: failed\n"
      "Status: 5.1.1\n");
  EXPECT_TRUE(ds.per_message.fields.empty());
  ASSERT_EQ(ds.recipients.size(), 1u);
  EXPECT_EQ(ds.recipients[0].get("Status"), "5.1.1");
}

TEST(DecodeDeliveryStatus, StrayBlankLineInsideRecipientBlock) {
  DeliveryStatus ds = parse_delivery_status(
      "Reporting-MTA: dns; mx.example.net\n"
      "\n"
      "Final-Recipient: rfc822; a@example.org\n"
      "Action: failed\n"
      "\n"
      "Status: 5.1.1\n"
      "Diagnostic-Code: smtp; 550 5.1.1 unknown user\n"
      "\n"
      "Final-Recipient: rfc822; b@example.org\n"
      "Action: failed\n"
      "Status: 5.2.2\n");
  ASSERT_EQ(ds.recipients.size(), 2u);
  EXPECT_EQ(ds.recipients[0].get("Final-Recipient"), "rfc822; a@example.org");
  EXPECT_EQ(ds.recipients[0].get("Status"), "5.1.1");
  EXPECT_EQ(ds.recipients[0].get("Diagnostic-Code"), "smtp; 550 5.1.1 unknown user");
  EXPECT_EQ(ds.recipients[1].get("Status"), "5.2.2");
  EXPECT_EQ(ds.per_message.get("Reporting-MTA"), "dns; mx.example.net");
}

TEST(DecodeDeliveryStatus, FoldedAndUnindentedContinuations) {
  DeliveryStatus ds = parse_delivery_status(
      "Final-Recipient: rfc822; a@example.org\n"
      "Action: failed\n"
      "Status: 5.2.2\n"
      "Diagnostic-Code: smtp; 552 5.2.2 mailbox\n"
      "\tis full\n"
      "    for now\n"
      "and will stay full (see https://example.org/quota)\n"
      "Last-Attempt-Date: Mon, 01 Jul 2024 10:00:00 +0000\n");
  ASSERT_EQ(ds.recipients.size(), 1u);
  EXPECT_EQ(ds.recipients[0].get("Diagnostic-Code"),
            "smtp; 552 5.2.2 mailbox is full for now and will stay full (see https://example.org/quota)");
  EXPECT_EQ(ds.recipients[0].get("Last-Attempt-Date"), "Mon, 01 Jul 2024 10:00:00 +0000");
}

TEST(DecodeDeliveryStatus, CrLfAndExtraBlankLines) {
  DeliveryStatus ds = parse_delivery_status(
      "\r\n\r\nReporting-MTA: dns; mx.example.net\r\n\r\n\r\n"
      "Final-Recipient: rfc822; a@example.org\r\nStatus: 5.1.1\r\n\r\n\r\n");
  EXPECT_EQ(ds.per_message.get("Reporting-MTA"), "dns; mx.example.net");
  ASSERT_EQ(ds.recipients.size(), 1u);
  EXPECT_EQ(ds.recipients[0].get("Status"), "5.1.1");
}

TEST(DecodeDeliveryStatus, OriginalRecipientAloneStartsABlock) {
  DeliveryStatus ds = parse_delivery_status(
      "Original-Recipient: rfc822; a@example.org\n"
      "Action: failed\n"
      "\n"
      "Final-Recipient: rfc822; b@example.org\n"
      "Action: failed\n");
  ASSERT_EQ(ds.recipients.size(), 2u);
  EXPECT_EQ(ds.recipients[0].get("Original-Recipient"), "rfc822; a@example.org");
}

TEST(DecodeDeliveryStatus, EmptyAndGarbageBodies) {
  EXPECT_TRUE(parse_delivery_status("").recipients.empty());
  EXPECT_TRUE(parse_delivery_status("\n\n\n").recipients.empty());
  DeliveryStatus ds = parse_delivery_status("no fields here\n: odd\n   \n\t\n");
  EXPECT_TRUE(ds.recipients.empty());
}

}  // namespace
