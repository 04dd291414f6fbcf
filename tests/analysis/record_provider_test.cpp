// A record's provider in the report: the provider table's host names matched on a dot boundary,
// else its recipient domains (the table itself is checked in tests/providers).
#include <gtest/gtest.h>

#include <string>

#include "analysis/record_provider.hpp"
#include "bouncekit/analysis.hpp"

using bouncekit::analysis::provider_of_host;

TEST(ProviderOfHost, KnownMxHostsMapToTheirProvider) {
  EXPECT_EQ(provider_of_host("gmail-smtp-in.l.google.com"), "google");
  EXPECT_EQ(provider_of_host("alt2.aspmx.l.google.com"), "google");
  EXPECT_EQ(provider_of_host("gmr-smtp-in.l.googlemail.com"), "google");
  EXPECT_EQ(provider_of_host("contoso-com.mail.protection.outlook.com"), "microsoft");
  EXPECT_EQ(provider_of_host("mx1.hotmail.com"), "microsoft");
  EXPECT_EQ(provider_of_host("mta6.am0.yahoodns.net"), "yahoo");
  EXPECT_EQ(provider_of_host("mx01.mail.icloud.com"), "apple");
  EXPECT_EQ(provider_of_host("mailin-01.mx.aol.com"), "yahoo");  // AOL is part of Yahoo
  EXPECT_EQ(provider_of_host("smtp-in.orange.fr"), "orange");
  EXPECT_EQ(provider_of_host("mx1.secureserver.net"), "godaddy");
  EXPECT_EQ(provider_of_host("eu-smtp-inbound-1.mimecast.com"), "mimecast");
  EXPECT_EQ(provider_of_host("mxs.mail.ru"), "mail.ru");
  EXPECT_EQ(provider_of_host("mx.yandex.net"), "yandex");
  EXPECT_EQ(provider_of_host("mx.zoho.com"), "zoho");
  EXPECT_EQ(provider_of_host("mx00.gmx.net"), "1&1");
  EXPECT_EQ(provider_of_host("mx-ha03.web.de"), "1&1");
  EXPECT_EQ(provider_of_host("mx1.comcast.net"), "comcast");
  EXPECT_EQ(provider_of_host("mx.east.cox.net"), "cox");
  EXPECT_EQ(provider_of_host("al-ip4-mx-vip1.prodigy.net"), "at&t");
  EXPECT_EQ(provider_of_host("mail.protonmail.ch"), "proton");
  EXPECT_EQ(provider_of_host("in1-smtp.messagingengine.com"), "fastmail");
  EXPECT_EQ(provider_of_host("cluster1.eu.messagelabs.com"), "broadcom-messagelabs");
  EXPECT_EQ(provider_of_host("mx0a-00123401.pphosted.com"), "proofpoint");
  EXPECT_EQ(provider_of_host("d123.ess.barracudanetworks.com"), "barracuda");
  EXPECT_EQ(provider_of_host("a1-2.smtp-out.amazonses.com"), "amazonses");
  EXPECT_EQ(provider_of_host("mx.sendgrid.net"), "sendgrid");
}

TEST(ProviderOfHost, TheSuffixItselfMatches) { EXPECT_EQ(provider_of_host("google.com"), "google"); }

TEST(ProviderOfHost, SuffixMustStartAtADot) {
  EXPECT_EQ(provider_of_host("evilgoogle.com"), "");
  EXPECT_EQ(provider_of_host("mx.notoutlook.com"), "");
  EXPECT_EQ(provider_of_host("myyahoodns.net"), "");
  // A provider's name inside a foreign host is not that provider either.
  EXPECT_EQ(provider_of_host("google.com.attacker.example"), "");
}

TEST(ProviderOfHost, CaseTrailingDotAndSpaceAreIgnored) {
  EXPECT_EQ(provider_of_host("ASPMX.L.GOOGLE.COM"), "google");
  EXPECT_EQ(provider_of_host("aspmx.l.google.com."), "google");
  EXPECT_EQ(provider_of_host("  aspmx.l.google.com "), "google");
}

TEST(ProviderOfHost, UnknownEmptyAndOddInputGiveNoProvider) {
  EXPECT_EQ(provider_of_host("mx.example.net"), "");
  EXPECT_EQ(provider_of_host(""), "");
  EXPECT_EQ(provider_of_host("."), "");
  EXPECT_EQ(provider_of_host(".com"), "");
  EXPECT_EQ(provider_of_host("192.0.2.7"), "");
  EXPECT_EQ(provider_of_host(std::string(100000, 'a')), "");
}

TEST(ProviderOfHost, DeepHostsKeepTheirProvider) {
  EXPECT_EQ(provider_of_host("a.b.c.d.e.f.mail.protection.outlook.com"), "microsoft");
  EXPECT_EQ(provider_of_host("a..b.google.com"), "google");
  EXPECT_EQ(provider_of_host("google.com.."), "");  // not a host name
}

TEST(ProviderOfDomain, MailboxDomainsAndTheirSubdomains) {
  using bouncekit::analysis::provider_of_domain;
  EXPECT_EQ(provider_of_domain("gmail.com"), "google");
  EXPECT_EQ(provider_of_domain("Hotmail.CO.UK"), "microsoft");
  EXPECT_EQ(provider_of_domain("aol.com"), "yahoo");
  EXPECT_EQ(provider_of_domain("web.de"), "1&1");
  EXPECT_EQ(provider_of_domain("notgmail.com"), "");
  EXPECT_EQ(provider_of_domain("vip.163.com"), "netease");  // a domain below a listed one is the provider's
  EXPECT_EQ(provider_of_domain("gmail.com.example.org"), "");
  EXPECT_EQ(provider_of_domain("example.com"), "");
  EXPECT_EQ(provider_of_domain(""), "");
}

TEST(ProviderOfRecord, TheRemoteHostFirstThenTheDomain) {
  using bouncekit::analysis::provider_of_record;
  // A company domain hosted at Microsoft: only the host says so.
  EXPECT_EQ(provider_of_record("example-com.mail.protection.outlook.com", "example.com"), "microsoft");
  // No host in the bounce, or one nobody knows: a well-known mailbox domain still says it.
  EXPECT_EQ(provider_of_record("", "gmail.com"), "google");
  EXPECT_EQ(provider_of_record("192.0.2.25", "gmail.com"), "google");
  // The host wins over the domain.
  EXPECT_EQ(provider_of_record("mx1.pphosted.com", "yahoo.com"), "proofpoint");
  EXPECT_EQ(provider_of_record("", "example.com"), "");
}
