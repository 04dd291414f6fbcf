// The suppression list in each import format (report/exports/), read back the way its consumer
// reads it (tests/report/import_consumers.py).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "bouncekit/report_files.hpp"
#include "report/consumers.hpp"

namespace an = bouncekit::analysis;
namespace rp = bouncekit::report;
using bouncekit::test::consume;

namespace {

an::Suppression suppression(const std::string& address, const std::string& rule = "hard") {
  an::Suppression s;
  s.recipient = address;
  s.rule = rule;
  s.reason = rule == "feedback" ? "feedback" : "userunknown";
  s.first_bounce = s.last_bounce = "2026-11-20T01:00:00Z";
  s.count = 1;
  s.evidence = "box:1";
  return s;
}

struct Exported {
  std::string text;
  std::uint64_t written = 0, skipped = 0;
};

Exported export_list(rp::ExportFormat format, const std::vector<an::Suppression>& list) {
  std::ostringstream out;
  auto writer = rp::make_suppression_export(format, out);
  for (const auto& s : list) writer->write(s);
  writer->finish();
  return {out.str(), writer->written(), writer->skipped()};
}

// Addresses that break naive readers: a quoted local part with a space, UTF-8 on both sides, an
// apostrophe, a leading '#' (a comment to Mailman), leading '=' and '-' (formulas to a spreadsheet).
const std::vector<std::string> kAwkward = {
    "ann@example.com",        "bob+news@example.org", "\"john smith\"@example.net", "j\xC3\xBCrgen@\xE4\xBE\x8B\xE3\x81\x88.jp",
    "o'brien@example.com",    "#team@example.com",    "=cmd@example.com",           "-dash@example.com",
};

const std::vector<std::pair<std::string, rp::ExportFormat>> kImportFormats = {
    {"plain", rp::ExportFormat::plain},       {"mailman", rp::ExportFormat::mailman},
    {"listmonk", rp::ExportFormat::listmonk}, {"ses", rp::ExportFormat::ses},
    {"sendgrid", rp::ExportFormat::sendgrid}, {"postmark", rp::ExportFormat::postmark},
    {"mailchimp", rp::ExportFormat::mailchimp},
};

}  // namespace

TEST(Exports, EveryFormatHasItsName) {
  for (const std::string& name : rp::export_format_names()) EXPECT_TRUE(rp::export_format_named(name)) << name;
  EXPECT_EQ(rp::export_format_names().size(), 8u);
  EXPECT_FALSE(rp::export_format_named("xml"));
  EXPECT_FALSE(rp::export_format_named(""));
}

TEST(Exports, EachConsumerReadsBackEveryAddressAsWritten) {
  std::vector<an::Suppression> list;
  for (const std::string& a : kAwkward) list.push_back(suppression(a));
  for (const auto& [name, format] : kImportFormats) {
    SCOPED_TRACE(name);
    Exported e = export_list(format, list);
    EXPECT_EQ(e.written, kAwkward.size());
    EXPECT_EQ(e.skipped, 0u);
    bouncekit::test::Consumed c = consume(name, e.text);
    ASSERT_EQ(c.exit_code, 0) << c.err;
    EXPECT_EQ(c.addresses, kAwkward);
  }
}

TEST(Exports, PlainIsOneAddressPerLineAndNothingElse) {
  Exported e = export_list(rp::ExportFormat::plain, {suppression("a@example.com"), suppression("b@example.com")});
  EXPECT_EQ(e.text, "a@example.com\nb@example.com\n");
}

TEST(Exports, SesSaysComplaintForFeedbackAndBounceOtherwise) {
  Exported e = export_list(rp::ExportFormat::ses, {suppression("a@example.com", "hard"),
                                                    suppression("b@example.com", "feedback"),
                                                    suppression("c@example.com", "soft-repeated")});
  EXPECT_EQ(e.text, "a@example.com,BOUNCE\r\nb@example.com,COMPLAINT\r\nc@example.com,BOUNCE\r\n");
  bouncekit::test::Consumed c = consume("ses", e.text);
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(c.details, (std::vector<std::string>{"BOUNCE", "COMPLAINT", "BOUNCE"}));
}

TEST(Exports, ListmonkCarriesTheReasonInItsAttributes) {
  Exported e = export_list(rp::ExportFormat::listmonk, {suppression("ann@example.com")});
  EXPECT_EQ(e.text.substr(0, e.text.find('\n') + 1), "email,name,attributes\r\n");
  EXPECT_NE(e.text.find("ann@example.com,ann,"), std::string::npos);
  EXPECT_NE(e.text.find("\"\"reason\"\":\"\"userunknown\"\""), std::string::npos);
}

TEST(Exports, JsonBodiesStayWithinEachApisBatchSize) {
  std::vector<an::Suppression> list;
  for (int i = 0; i < 120; ++i) list.push_back(suppression("user" + std::to_string(i) + "@example.com"));
  const std::pair<rp::ExportFormat, std::size_t> cases[] = {
      {rp::ExportFormat::postmark, 3}, {rp::ExportFormat::mailchimp, 1}, {rp::ExportFormat::sendgrid, 1}};
  for (auto [format, bodies] : cases) {
    Exported e = export_list(format, list);
    EXPECT_EQ(static_cast<std::size_t>(std::count(e.text.begin(), e.text.end(), '\n')), bodies);
  }
  Exported postmark = export_list(rp::ExportFormat::postmark, list);
  std::istringstream lines(postmark.text);
  std::string first;
  std::getline(lines, first);
  auto body = nlohmann::json::parse(first);
  ASSERT_EQ(body["Suppressions"].size(), 50u);
  EXPECT_EQ(body["Suppressions"][0]["EmailAddress"], "user0@example.com");
  auto mailchimp = nlohmann::json::parse(export_list(rp::ExportFormat::mailchimp, list).text);
  EXPECT_EQ(mailchimp["members"].size(), 120u);
  EXPECT_EQ(mailchimp["members"][119]["status"], "unsubscribed");
  EXPECT_EQ(mailchimp["update_existing"], true);
  for (const char* name : {"postmark", "mailchimp", "sendgrid"}) {
    bouncekit::test::Consumed c = consume(name, export_list(*rp::export_format_named(name), list).text);
    ASSERT_EQ(c.exit_code, 0) << name << ": " << c.err;
    EXPECT_EQ(c.addresses.size(), 120u) << name;
  }
}

TEST(Exports, AnEmptyListIsNoRequestAndAHeaderOnlyCsv) {
  for (const char* name : {"plain", "mailman", "ses", "sendgrid", "postmark", "mailchimp"})
    EXPECT_EQ(export_list(*rp::export_format_named(name), {}).text, "") << name;
  EXPECT_EQ(export_list(rp::ExportFormat::listmonk, {}).text, "email,name,attributes\r\n");
  EXPECT_EQ(export_list(rp::ExportFormat::csv, {}).text,
            "address,reason,rule,first_bounce,last_bounce,count,evidence,reason_evidence,reason_rule\r\n");
}

TEST(Exports, MailmanLeavesOutWhatParseaddrWouldCutShort) {
  // Unquoted, a comma or a parenthesis makes parseaddr return another address ("a", or the
  // address without the comment): deleting that member would be wrong.
  Exported e = export_list(rp::ExportFormat::mailman,
                           {suppression("a,b@example.com"), suppression("x(y)@example.com"),
                            suppression("\"a,b\"@example.com"), suppression("ok@example.com")});
  EXPECT_EQ(e.written, 2u);
  EXPECT_EQ(e.skipped, 2u);
  bouncekit::test::Consumed c = consume("mailman", e.text);
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(c.addresses, (std::vector<std::string>{"\"a,b\"@example.com", "ok@example.com"}));
}

TEST(Exports, AnAddressWithALineBreakNeverBecomesTwoLines) {
  const std::vector<an::Suppression> list = {suppression("evil@example.com\nvictim@example.com"),
                                             suppression("tab\t@example.com"), suppression("no-at-sign"),
                                             suppression("good@example.com")};
  for (const auto& [name, format] : kImportFormats) {
    SCOPED_TRACE(name);
    Exported e = export_list(format, list);
    EXPECT_EQ(e.skipped, 3u);
    EXPECT_EQ(e.text.find("victim"), std::string::npos);
    bouncekit::test::Consumed c = consume(name, e.text);
    ASSERT_EQ(c.exit_code, 0) << c.err;
    EXPECT_EQ(c.addresses, (std::vector<std::string>{"good@example.com"}));
  }
  // suppressions.csv keeps every address (its cells never hold a line break).
  Exported csv = export_list(rp::ExportFormat::csv, list);
  EXPECT_EQ(std::count(csv.text.begin(), csv.text.end(), '\n'), 5);
}
