// The crontab lines the README offers (issue 18): the nightly report waits for a run still going
// (--wait), and no nightly line runs `parse`, which keeps no history and would write a growing
// mailbox's bounces again every night.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace {

// The cron entries of the ```cron blocks of a Markdown file, continuation lines joined.
std::vector<std::string> cron_entries(const std::string& markdown) {
  std::vector<std::string> entries;
  std::istringstream in(markdown);
  bool in_block = false;
  std::string line, current;
  while (std::getline(in, line)) {
    if (line.starts_with("```")) {
      in_block = line == "```cron";
      continue;
    }
    if (!in_block || line.starts_with('#')) continue;
    bool continues = !line.empty() && line.back() == '\\';
    current += continues ? line.substr(0, line.size() - 1) : line;
    if (!continues) {
      if (!current.empty()) entries.push_back(current);
      current.clear();
    }
  }
  return entries;
}

TEST(ReadmeCron, ReportWaitsAndNoNightlyParse) {
  const auto readme = bouncekit::test::read_file(std::filesystem::path(BOUNCEKIT_TESTDATA).parent_path() / "README.md");
  auto entries = cron_entries(readme);
  ASSERT_FALSE(entries.empty());
  int reports = 0;
  for (const auto& e : entries) {
    if (e.find("bouncekit") == std::string::npos) continue;
    EXPECT_EQ(e.find(" parse "), std::string::npos) << e;
    if (e.find(" report ") != std::string::npos) {
      ++reports;
      EXPECT_NE(e.find(" --wait "), std::string::npos) << e;
    }
  }
  EXPECT_GE(reports, 1);
}

}  // namespace
