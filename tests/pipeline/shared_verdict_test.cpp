// decode_and_classify gives a record that shares its whole finding with the record before it that
// record's verdict instead of classifying it again: the answer must be the one classifying every
// record on its own gives.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "bouncekit/classify.hpp"
#include "bouncekit/decode.hpp"
#include "bouncekit/pipeline.hpp"
#include "test_support.hpp"

namespace bouncekit::pipeline {
namespace {

namespace fs = std::filesystem;

source::RawMessage raw_of(std::string bytes) {
  source::RawMessage raw;
  raw.bytes = std::move(bytes);
  return raw;
}

// Each record classified alone, as the pipeline did before it shared verdicts.
std::vector<Record> one_by_one(const source::RawMessage& raw) {
  decode::Result result = decode::decode(raw, decode::DecodeOptions{});
  for (Record& r : result.records) classify::apply(r);
  return result.records;
}

void expect_same_verdicts(const std::vector<Record>& want, const std::vector<Record>& got, const std::string& name) {
  ASSERT_EQ(want.size(), got.size()) << name;
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(name + " record " + std::to_string(i + 1));
    EXPECT_EQ(got[i].reason, want[i].reason);
    EXPECT_EQ(got[i].bounce, want[i].bounce);
    EXPECT_EQ(got[i].action_owner, want[i].action_owner);
    EXPECT_EQ(got[i].evidence, want[i].evidence);
    EXPECT_EQ(got[i].rule, want[i].rule);
    EXPECT_EQ(got[i].inferred_status, want[i].inferred_status);
  }
}

TEST(SharedVerdict, EveryTestMessageGetsTheVerdictsOfRecordsClassifiedAlone) {
  std::size_t messages = 0;
  for (const char* dir : {"decode", "wild"})
    for (const auto& entry : fs::directory_iterator(test::testdata(dir))) {
      if (entry.path().extension() != ".eml") continue;
      source::RawMessage raw = raw_of(test::read_file(entry.path()));
      decode::Result got = decode_and_classify(raw, decode::DecodeOptions{}, classify::default_classifier());
      expect_same_verdicts(one_by_one(raw), got.records, entry.path().filename().string());
      ++messages;
    }
  EXPECT_GT(messages, 100u);
}

std::string dsn(const std::vector<std::pair<std::string, std::string>>& recipients) {
  std::string blocks;
  for (const auto& [address, diagnostic] : recipients)
    blocks += "\nFinal-Recipient: rfc822; " + address + "\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; " +
              diagnostic + "\n";
  return "From: MAILER-DAEMON@relay.example\nSubject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=B\n\n--B\n"
         "Content-Type: message/delivery-status\n\nReporting-MTA: dns; relay.example\n" +
         blocks + "\n--B--\n";
}

// One text for both recipients, naming neither: shared. A text that begins by naming its
// recipient answers that recipient's RCPT TO: the next record, whose text is the same bytes but
// names another address, is classified on its own.
TEST(SharedVerdict, ATextThatNamesItsRecipientIsNotShared) {
  const std::string shared = "550 sorry, this account is not available here";
  const std::string naming = "550 <ann@example.org>... User unknown";
  source::RawMessage raw = raw_of(dsn({{"ann@example.org", naming},
                                       {"bob@example.org", naming},
                                       {"cat@example.org", shared},
                                       {"dan@example.org", shared}}));
  decode::Result got = decode_and_classify(raw, decode::DecodeOptions{}, classify::default_classifier());
  ASSERT_EQ(got.records.size(), 4u);
  expect_same_verdicts(one_by_one(raw), got.records, "generated");
}

}  // namespace
}  // namespace bouncekit::pipeline
