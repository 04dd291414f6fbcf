// The JSON Lines writer against nlohmann::ordered_json, which wrote these lines before
// (and still writes summary.json): the bytes must be the same for every record.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>

#include "bouncekit/report.hpp"
#include "report/json_string.hpp"
#include "report/ordered_json_record.hpp"
#include "report/record_fields.hpp"

namespace rp = bouncekit::report;
using bouncekit::Record;

namespace {

std::string line(const Record& record) {
  std::ostringstream out;
  rp::write_jsonl(out, record);
  return out.str();
}

std::string json_string(std::string_view s) {
  std::string out;
  rp::detail::append_json_string(out, s);
  return out;
}

// Random text mixing what JSON escaping cares about: controls, quotes, backslashes, DEL,
// ASCII, valid UTF-8 of every length and, if `invalid`, any byte at all.
std::string random_text(std::mt19937& rng, bool invalid) {
  static const std::string kPieces[] = {
      "\"", "\\", "\x7f", "a", "Z", " ", "/", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x93\xa7",
      "\xed\x9f\xbf", "\xee\x80\x80", "\xf4\x8f\xbf\xbf", "\xc2\x80", "user@example.com", "550 5.1.1"};
  std::uniform_int_distribution<int> length(0, 24), kind(0, 9), byte(0, 255), control(0, 0x1f),
      piece(0, static_cast<int>(std::size(kPieces)) - 1);
  std::string s;
  for (int n = length(rng); n > 0; --n) {
    int k = kind(rng);
    if (k < 3)
      s.push_back(static_cast<char>(control(rng)));
    else if (k == 3 && invalid)
      s.push_back(static_cast<char>(byte(rng)));
    else
      s += kPieces[piece(rng)];
  }
  return s;
}

}  // namespace

TEST(JsonString, EscapesLikeNlohmann) {
  EXPECT_EQ(json_string(""), "\"\"");
  EXPECT_EQ(json_string("plain"), "\"plain\"");
  EXPECT_EQ(json_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(json_string("\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\"");
  EXPECT_EQ(json_string(std::string("\x00\x01\x1f\x0b", 4)), "\"\\u0000\\u0001\\u001f\\u000b\"");
  EXPECT_EQ(json_string("\x7f"), "\"\x7f\"");                          // DEL is not escaped
  EXPECT_EQ(json_string("caf\xc3\xa9 \xf0\x9f\x93\xa7"), "\"caf\xc3\xa9 \xf0\x9f\x93\xa7\"");  // UTF-8 as is
}

TEST(JsonString, InvalidUtf8IsReplacedAsNlohmannDoes) {
  for (std::string s : {std::string("a\xff" "b"), std::string("\xc3"), std::string("\xc0\xaf"),
                        std::string("\xed\xa0\x80"), std::string("\xf4\x90\x80\x80"),
                        std::string("x\xe2\x82"), std::string("\xe2\x82x\"\n")}) {
    std::string want = nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    EXPECT_EQ(json_string(s), want);
    EXPECT_NE(json_string(s).find("\xef\xbf\xbd"), std::string::npos) << "replacement character expected";
  }
}

TEST(JsonString, RandomStringsMatchNlohmann) {
  std::mt19937 rng(20261122);
  for (int n = 0; n < 20000; ++n) {
    std::string s = random_text(rng, n % 2 == 1);
    std::string want = nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    ASSERT_EQ(json_string(s), want) << "case " << n;
  }
}

TEST(Jsonl, EmptyRecordIsAllNulls) {
  Record r;
  std::string got = line(r);
  EXPECT_EQ(got, rp::testing::ordered_json_line(r));
  EXPECT_TRUE(got.starts_with("{\"origin\":null,\"timestamp\":null,"));
  EXPECT_TRUE(got.ends_with(",\"feedback_type\":null,\"fingerprint\":null}\n"));
}

TEST(Jsonl, HeadersObjectKeepsFirstPlaceAndLastValueOfARepeatedName) {
  Record r;
  r.recipient = "user@example.com";
  r.extra_headers = {{"X-Campaign", "spring"}, {"X-Id", "1"}, {"X-Campaign", "autumn"}};
  std::string got = line(r);
  EXPECT_EQ(got, rp::testing::ordered_json_line(r));
  EXPECT_TRUE(got.ends_with(",\"headers\":{\"X-Campaign\":\"autumn\",\"X-Id\":\"1\"}}\n"));
}

TEST(Jsonl, RandomRecordsMatchNlohmann) {
  std::mt19937 rng(6);
  std::uniform_int_distribution<int> empty(0, 3), headers(0, 3);
  for (int n = 0; n < 3000; ++n) {
    bool invalid = n % 5 == 0;
    Record r;
    for (const auto& f : rp::kRecordFields)
      if (empty(rng) != 0) f.set(r, random_text(rng, invalid));
    for (int h = headers(rng); h > 0; --h) {
      // Few distinct names, so that some repeat.
      std::string name = h % 2 ? "X-Name" : random_text(rng, invalid).substr(0, 3);
      r.extra_headers.emplace_back(name, random_text(rng, invalid));
    }
    ASSERT_EQ(line(r), rp::testing::ordered_json_line(r)) << "case " << n;
  }
}

TEST(Jsonl, AppendJsonAddsTheLineWithoutItsNewline) {
  // parse --format json places records in an array with append_json: each must be the JSON
  // Lines line without its newline, appended after what the buffer already holds.
  Record r;
  r.recipient = "user@example.com";
  r.diagnostic = "550 \"no such user\"";
  r.extra_headers = {{"X-Id", "7"}};
  std::string buffer = "  ";
  rp::append_json(buffer, r);
  std::string expected = line(r);
  expected.pop_back();
  EXPECT_EQ(buffer, "  " + expected);
}
