// The provider decoders whose bounces are RFC 3464 reports (decoded_by names
// the provider) and what they add; plus messages none of the group may claim.
#include <gtest/gtest.h>

#include <string>

#include "bouncekit/mime.hpp"
#include "decode/context.hpp"
#include "decode/mta/providers.hpp"
#include "decode/providers_support.hpp"

namespace {

using namespace bouncekit;
using namespace bouncekit::decode;
using namespace bouncekit::decode::test;

const Want kHina{"hina@example.org", "5.1.10", "550", {"RESOLVER.ADR.RecipientNotFound"}};
const Want kIori{"iori@example.org", "5.2.2", "554", {"QuotaExceededException"}};

TEST(Office365, DsnTwoRecipientsDamaged) {
  expect_bounce("office365/dsn.eml", "office365", {kHina});
  expect_bounce("office365/two_recipients.eml", "office365", {kHina, kIori});
  expect_bounce("office365/damaged.eml", "office365", {kHina});
}

TEST(Office365, TextOnlyNoticeFromTheAdministratorsSection) {
  expect_bounce("office365/text_only.eml", "office365",
                {{"jun@contoso-example.onmicrosoft.com", "5.1.1", "550", {"RecipNotFound"}},
                 {"kai@contoso-example.onmicrosoft.com", "5.1.1", "550", {"RecipNotFound"}}});
  Result r = decode_file("office365/text_only.eml");
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].reporting_mta, "ty1pr01mb0002.jpnprd01.prod.outlook.com");
}

TEST(Exchange2007, DsnTwoRecipientsDamaged) {
  expect_bounce("exchange2007/dsn.eml", "exchange2007", {kHina});
  expect_bounce("exchange2007/two_recipients.eml", "exchange2007", {kHina, kIori});
  expect_bounce("exchange2007/damaged.eml", "exchange2007", {kHina});
}

TEST(Outlook, DsnTwoRecipientsDamaged) {
  const Want kou{"kou@example.com", "5.2.2", "550", {"mailbox is full"}};
  expect_bounce("outlook/dsn.eml", "outlook", {kou});
  expect_bounce("outlook/two_recipients.eml", "outlook", {kou, {"lan@example.com", "5.1.1", "550", {"unknown user"}}});
  expect_bounce("outlook/damaged.eml", "outlook", {kou});
}

TEST(ReceivingSes, DsnTwoRecipientsDamaged) {
  const Want mio{"mio@mail.example.jp", "5.1.1", "550", {"Mailbox does not exist"}};
  expect_bounce("receivingses/dsn.eml", "receivingses", {mio});
  expect_bounce("receivingses/two_recipients.eml", "receivingses",
                {mio, {"nao@mail.example.jp", "5.3.4", "552", {"Message too large"}}});
  expect_bounce("receivingses/damaged.eml", "receivingses", {mio});
}

TEST(GoogleWorkspace, ExplanationStandsInForAMissingDiagnostic) {
  const Want oto{"oto@example.it", "5.0.0", "", {"Address not found", "couldn't be found"}};
  expect_bounce("googleworkspace/no_diagnostic.eml", "googleworkspace", {oto});
  expect_bounce("googleworkspace/damaged.eml", "googleworkspace", {oto});
  expect_bounce("googleworkspace/two_recipients.eml", "googleworkspace",
                {{"pia@example.net", "5.7.26", "550", {"Unauthenticated email"}},
                 {"qin@example.net", "4.4.1", "", {"did not accept our requests"}, "delayed"}});
}

TEST(Aol, DsnTwoRecipientsDamaged) {
  const Want rei{"rei@example.org", "5.4.4", "", {"Host or domain name not found"}};
  expect_bounce("aol/dsn.eml", "aol", {rei});
  expect_bounce("aol/two_recipients.eml", "aol",
                {{"rei@example.org", "5.1.1", "550", {"user unknown"}}, {"sho@example.org", "5.2.2", "552", {"over quota"}}});
  expect_bounce("aol/damaged.eml", "aol", {rei});
}

TEST(Facebook, DsnTwoRecipientsDamaged) {
  const Want tomo{"tomo@facebook.example", "5.1.1", "550", {"RCP-P2"}};
  expect_bounce("facebook/dsn.eml", "facebook", {tomo});
  expect_bounce("facebook/two_recipients.eml", "facebook", {tomo, {"umeko@facebook.example", "5.1.1", "550", {"RCP-P1"}}});
  expect_bounce("facebook/damaged.eml", "facebook", {tomo});
}

TEST(SendGrid, CommandFromTheTextPart) {
  const Want vivi{"vivi@example.com", "5.1.1", "550", {"No such user"}, "failed", "RCPT"};
  expect_bounce("sendgrid/dsn.eml", "sendgrid", {vivi});
  expect_bounce("sendgrid/two_recipients.eml", "sendgrid",
                {vivi, {"wata@example.com", "5.3.4", "552", {"Message too big"}, "failed", "DATA"}});
  expect_bounce("sendgrid/damaged.eml", "sendgrid", {vivi});
}

TEST(PowerMta, DsnTwoRecipientsDamaged) {
  const Want yoshi{"yoshi@example.com", "5.0.0", "554", {"mailbox disabled"}};
  expect_bounce("powermta/dsn.eml", "powermta", {yoshi});
  expect_bounce("powermta/two_recipients.eml", "powermta",
                {yoshi, {"zen@example.com", "5.2.1", "550", {"account suspended"}}});
  expect_bounce("powermta/damaged.eml", "powermta", {yoshi});
}

// Messages that are not this group's: ordinary mail and bounces in other
// MTAs' formats. None of the detectors may say yes.
struct Probe {
  const char* name;
  bool (*detect)(const Context&);
};

constexpr Probe kDetectors[] = {
    {"gmail", detect_gmail},
    {"googlegroups", detect_googlegroups},
    {"googleworkspace", detect_googleworkspace},
    {"yahoo", detect_yahoo},
    {"zoho", detect_zoho},
    {"exchange2003", detect_exchange2003},
    {"exchange2007", detect_exchange2007},
    {"office365", detect_office365},
    {"outlook", detect_outlook},
    {"aol", detect_aol},
    {"amazonses", detect_amazonses},
    {"amazonworkmail", detect_amazonworkmail},
    {"receivingses", detect_receivingses},
    {"sendgrid", detect_sendgrid},
    {"facebook", detect_facebook},
    {"powermta", detect_powermta},
};

void expect_unclaimed(const std::string& mail, const std::string& what) {
  source::RawMessage raw = raw_message(mail);
  mime::Message message = mime::parse(mail);
  DecodeOptions options;
  Context ctx{raw, mail, message, options};
  for (const Probe& p : kDetectors) EXPECT_FALSE(p.detect(ctx)) << p.name << " claims " << what;
}

TEST(ProvidersNegative, OrdinaryMailIsNotClaimed) {
  expect_unclaimed(bouncekit::test::read_file(decode_path("08_newsletter.eml")), "a newsletter");
  expect_unclaimed(
      "From: Taro <taro@gmail.example.com>\nTo: hanako@example.jp\nSubject: Failure Notice from the printer\n"
      "X-Mailer: Zoho Mail\n\nSorry, the printer failed again. Delivery to the following recipient: me.\n",
      "a personal mail quoting bounce words");
}

TEST(ProvidersNegative, OtherMtasBouncesAreNotClaimed) {
  expect_unclaimed(bouncekit::test::read_file(decode_path("01_postfix_user_unknown.eml")), "a Postfix DSN");
  expect_unclaimed(
      "From: MAILER-DAEMON@mx.example.org\nTo: sender@example.jp\nSubject: failure notice\n\n"
      "Hi. This is the qmail-send program at mx.example.org.\nI'm afraid I wasn't able to deliver your message "
      "to the following addresses.\n\n<nobody@example.org>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n"
      "--- Below this line is a copy of the message.\n",
      "a qmail bounce");
  expect_unclaimed(
      "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\nTo: sender@example.jp\n"
      "Subject: Mail delivery failed: returning message to sender\n\n"
      "This message was created automatically by mail delivery software.\n\nA message that you sent could not be "
      "delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n"
      "  nobody@example.org\n    SMTP error from remote mail server after RCPT TO:<nobody@example.org>:\n"
      "    550 5.1.1 unknown user\n",
      "an Exim bounce");
}

}  // namespace
