// recipients.jsonl: one line per recipient with its counts and every bounce.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "bouncekit/report_files.hpp"

namespace an = bouncekit::analysis;
namespace rp = bouncekit::report;

namespace {

an::StoredRecord bounce(const char* date, const char* reason, const char* hard_or_soft) {
  an::StoredRecord r;
  r.origin = "box.mbox#1@0";
  r.date = date;
  r.recipient = "ana@example.org";
  r.recipient_domain = "example.org";
  r.reason = reason;
  r.bounce = hard_or_soft;
  r.status = reason == std::string("mailboxfull") ? "4.2.2" : "5.1.1";
  return r;
}

}  // namespace

TEST(RecipientsJsonl, OneLineWithCountsReasonsDatesAndEveryBounce) {
  an::RecipientHistory h{"ana@example.org",
                         {bounce("2026-11-01T01:00:00Z", "mailboxfull", "soft"),
                          bounce("2026-11-03T01:00:00Z", "mailboxfull", "soft"),
                          bounce("2026-11-05T01:00:00Z", "userunknown", "hard")}};
  an::Suppression s;
  s.rule = "hard";
  std::ostringstream out;
  rp::write_recipient_jsonl(out, h, &s);
  std::string text = out.str();
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text.find('\n'), text.size() - 1) << "one line per recipient";
  nlohmann::json j = nlohmann::json::parse(text);
  EXPECT_EQ(j["recipient"], "ana@example.org");
  EXPECT_EQ(j["recipient_domain"], "example.org");
  EXPECT_EQ(j["records"], 3);
  EXPECT_EQ(j["hard"], 1);
  EXPECT_EQ(j["soft"], 2);
  EXPECT_EQ(j["reasons"]["mailboxfull"], 2);
  EXPECT_EQ(j["reasons"]["userunknown"], 1);
  EXPECT_EQ(j["first_bounce"], "2026-11-01T01:00:00Z");
  EXPECT_EQ(j["last_bounce"], "2026-11-05T01:00:00Z");
  EXPECT_EQ(j["suppressed"], "hard");
  ASSERT_EQ(j["bounces"].size(), 3u);
  EXPECT_EQ(j["bounces"][0]["status"], "4.2.2");
  EXPECT_EQ(j["bounces"][2]["reason"], "userunknown");
  EXPECT_EQ(j["bounces"][2]["origin"], "box.mbox#1@0");
  EXPECT_TRUE(j["bounces"][0]["reply_code"].is_null()) << "an unknown field is null, not \"\"";
}

TEST(RecipientsJsonl, NotSuppressedIsNull) {
  an::RecipientHistory h{"bo@example.net", {bounce("2026-11-01T01:00:00Z", "mailboxfull", "soft")}};
  std::ostringstream out;
  rp::write_recipient_jsonl(out, h, nullptr);
  nlohmann::json j = nlohmann::json::parse(out.str());
  EXPECT_TRUE(j["suppressed"].is_null());
  EXPECT_EQ(j["records"], 1);
}
