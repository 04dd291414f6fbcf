// testdata/wild: bounces written in the formats of many MTAs, appliances and providers, taken from
// their own sources (testdata/wild/SOURCES-*.md), each with the records an expert expects
// (NAME.expect). One test per message: decode, then classify, as the pipeline does.
//
// NAME.expect: `#` lines are comments (the first names the format's source); then either one line
// `kind=not_bounce` (or vacation, feedback, delivered), or one line per failed recipient in report
// order: `recipient=A [status=S] [reply=R] reason=X bounce=hard|soft`. A field that is left out is
// not checked (a bounce that states no status has none to compare).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "bouncekit/pipeline.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;

struct Expected {
  std::string kind = "bounce";
  std::vector<std::map<std::string, std::string>> records;
  bool cites_source = false;
};

Expected read_expect(const fs::path& path) {
  Expected e;
  std::istringstream in(bouncekit::test::read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (line[0] == '#') {
      if (line.find("format") != std::string::npos || line.find("source") != std::string::npos) e.cites_source = true;
      continue;
    }
    std::map<std::string, std::string> fields;
    std::istringstream words(line);
    std::string word;
    while (words >> word) {
      std::size_t eq = word.find('=');
      if (eq != std::string::npos) fields[word.substr(0, eq)] = word.substr(eq + 1);
    }
    if (fields.count("kind")) {
      e.kind = fields["kind"];
    } else {
      e.records.push_back(std::move(fields));
    }
  }
  return e;
}

std::vector<std::string> messages() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(bouncekit::test::testdata("wild")))
    if (entry.path().extension() == ".eml") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class Wild : public ::testing::TestWithParam<std::string> {};

TEST_P(Wild, RecordsAreTheExpectedOnes) {
  const fs::path dir = bouncekit::test::testdata("wild");
  const std::string name = GetParam();
  Expected want = read_expect(dir / (name + ".expect"));
  EXPECT_TRUE(want.cites_source) << name << ".expect names no source";
  bouncekit::source::RawMessage raw;
  raw.origin.path = (dir / (name + ".eml")).string();
  raw.bytes = bouncekit::test::read_file(dir / (name + ".eml"));
  bouncekit::decode::Result got = bouncekit::pipeline::decode_and_classify(raw);

  if (want.kind != "bounce") {
    EXPECT_EQ(bouncekit::decode::to_string(got.kind), want.kind) << got.problem;
    for (const auto& r : got.records) EXPECT_NE(r.bounce, "hard") << r.recipient;
    if (want.kind == "not_bounce") {
      EXPECT_TRUE(got.records.empty());
    }
    return;
  }
  ASSERT_EQ(bouncekit::decode::to_string(got.kind), std::string("bounce")) << got.problem;
  ASSERT_EQ(got.records.size(), want.records.size());
  for (std::size_t i = 0; i < want.records.size(); ++i) {
    const auto& w = want.records[i];
    const bouncekit::Record& r = got.records[i];
    SCOPED_TRACE(name + " record " + std::to_string(i + 1) + " (" + r.diagnostic.str() + ")");
    EXPECT_EQ(lower(r.recipient), lower(w.at("recipient")));
    if (w.count("status")) {
      EXPECT_EQ(r.status, w.at("status"));
    }
    if (w.count("reply")) {
      EXPECT_EQ(r.reply_code, w.at("reply"));
    }
    if (w.count("reason")) {
      EXPECT_EQ(r.reason, w.at("reason")) << "decided by " << r.evidence << ": " << r.rule;
    }
    if (w.count("bounce")) {
      EXPECT_EQ(r.bounce, w.at("bounce"));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Messages, Wild, ::testing::ValuesIn(messages()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string n = param.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

// The set is wide enough to stand for mail nobody here has seen: at least 80 bounces in the
// formats of at least 40 MTAs, appliances and providers.
TEST(WildSet, CoversManyFormats) {
  std::set<std::string> families;
  std::size_t bounces = 0;
  for (const std::string& name : messages()) {
    Expected e = read_expect(bouncekit::test::testdata("wild") / (name + ".expect"));
    if (e.kind != "bounce") continue;
    ++bounces;
    std::size_t first = name.find('-'), last = name.rfind('-');
    families.insert(name.substr(first + 1, last - first - 1));
  }
  EXPECT_GE(bounces, 80u);
  EXPECT_GE(families.size(), 40u);
}

}  // namespace
