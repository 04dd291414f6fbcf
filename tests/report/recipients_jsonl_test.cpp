// recipients.jsonl: one line per recipient with its counts and every bounce.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

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

namespace {

// The line as an nlohmann::ordered_json object dumped it, which write_recipient_jsonl wrote
// before it escaped the strings itself: the oracle for the same bytes.
std::string ordered_json_line(const an::RecipientHistory& history, const an::Suppression* suppression) {
  using Json = nlohmann::ordered_json;
  auto nullable = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
  std::uint64_t hard = 0, soft = 0;
  std::map<std::string, std::uint64_t> reasons;
  Json bounces = Json::array();
  for (const an::StoredRecord& r : history.records) {
    if (r.bounce == "hard") ++hard;
    if (r.bounce == "soft") ++soft;
    ++reasons[r.reason];
    bounces.push_back(Json{{"date", nullable(r.date)},
                           {"reason", nullable(r.reason)},
                           {"bounce", nullable(r.bounce)},
                           {"status", nullable(r.status)},
                           {"reply_code", nullable(r.reply_code)},
                           {"evidence", nullable(r.evidence)},
                           {"rule", nullable(r.rule)},
                           {"remote_mta", nullable(r.remote_mta)},
                           {"origin", nullable(r.origin)}});
  }
  const bool any = !history.records.empty();
  Json line{{"recipient", history.recipient},
            {"recipient_domain", any ? nullable(history.records.front().recipient_domain) : Json(nullptr)},
            {"records", history.records.size()},
            {"hard", hard},
            {"soft", soft},
            {"reasons", reasons},
            {"first_bounce", any ? nullable(history.records.front().date) : Json(nullptr)},
            {"last_bounce", any ? nullable(history.records.back().date) : Json(nullptr)},
            {"suppressed", suppression ? Json(suppression->rule) : Json(nullptr)},
            {"bounces", std::move(bounces)}};
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string written(const an::RecipientHistory& history, const an::Suppression* suppression) {
  std::ostringstream out;
  rp::write_recipient_jsonl(out, history, suppression);
  return out.str();
}

}  // namespace

TEST(RecipientsJsonl, SameBytesAsTheOrderedJsonObject) {
  an::Suppression hard_rule;
  hard_rule.rule = "hard";
  an::Suppression empty_rule;  // a rule named "" is written as "", not null
  an::StoredRecord odd = bounce("2026-11-02T01:00:00Z", "", "");
  odd.remote_mta = "mx \"quoted\" \\ back\tslash\x01\x1f\x7f";
  odd.reply_code = "550";
  odd.origin = "caf\xc3\xa9/m\xe2\x82\xac.mbox#2@17";  // UTF-8 written unchanged
  an::StoredRecord bad = bounce("2026-11-04T01:00:00Z", "blocked", "hard");
  bad.remote_mta = "broken \xff\xfe utf-8";  // replaced by U+FFFD, as nlohmann does
  const std::vector<an::RecipientHistory> histories = {
      {"ana@example.org", {}},
      {"", {bounce("", "", "")}},
      {"bo@example.net",
       {bounce("2026-11-01T01:00:00Z", "mailboxfull", "soft"), odd, bad,
        bounce("2026-11-05T01:00:00Z", "userunknown", "hard"), bounce("2026-11-06T01:00:00Z", "mailboxfull", "soft")}},
  };
  for (const auto& h : histories) {
    const std::vector<const an::Suppression*> suppressions = {nullptr, &hard_rule, &empty_rule};
    for (const an::Suppression* s : suppressions) {
      EXPECT_EQ(written(h, s), ordered_json_line(h, s)) << h.recipient;
    }
  }
}

TEST(RecipientsJsonl, SameBytesOnRandomHistories) {
  std::mt19937 rng(20261123);
  const std::vector<std::string> pieces = {"", "a", "5.1.1", "userunknown", "mx.example.net", "\"", "\\",
                                           "\n", "\x02", "\xc3\xa9", "\xe2\x82\xac", "\xff", "soft", "hard"};
  auto text = [&] {
    std::string s;
    for (int n = static_cast<int>(rng() % 4); n > 0; --n) s += pieces[rng() % pieces.size()];
    return s;
  };
  for (int i = 0; i < 500; ++i) {
    an::RecipientHistory h;
    h.recipient = text();
    for (int n = static_cast<int>(rng() % 5); n > 0; --n) {
      an::StoredRecord r;
      r.date = text();
      r.reason = text();
      r.bounce = rng() % 3 == 0 ? text() : (rng() % 2 ? "hard" : "soft");
      r.status = text();
      r.reply_code = text();
      r.remote_mta = text();
      r.origin = text();
      r.recipient_domain = text();
      h.records.push_back(r);
    }
    an::Suppression s;
    s.rule = text();
    const an::Suppression* suppression = rng() % 2 ? &s : nullptr;
    ASSERT_EQ(written(h, suppression), ordered_json_line(h, suppression)) << "history " << i;
  }
}
