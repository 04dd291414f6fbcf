// A message whose decoding crashes the process (a test-only hook aborts on a marker) stops one
// night only: the next run counts it as undecodable, "quarantined", without decoding it, counts
// every other message, and the run after that finds it in the history like any other message.
#include <gtest/gtest.h>

#include <csignal>
#include <string>

#include "cli_run.hpp"
#include "mail_factory.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bouncekit::test;

constexpr const char* kMarker = "X-Test-Crash-Here: yes";

void write_mailbox(const fs::path& path) {
  std::string mbox;
  for (int i = 0; i < 40; ++i) {
    Bounce b{"q" + std::to_string(i), "member" + std::to_string(i) + "@list" + std::to_string(i % 3) + ".example",
             "2026-11-20T10:00:00", i % 2 == 0};
    std::string entry = mbox_entry(b);
    // Message 17 carries the marker in a header of its own: decoding it aborts the process.
    if (i == 17) entry.insert(entry.find("\nFrom: ") + 1, std::string(kMarker) + "\n");
    mbox += entry;
  }
  write_file(path, mbox);
}

class Quarantine : public ::testing::TestWithParam<const char*> {};

TEST_P(Quarantine, CrashingMessageIsCountedAsUndecodableByTheNextRun) {
  TempDir tmp;
  const fs::path db = tmp.path() / "history.sqlite", mailbox = tmp.path() / "bounces.mbox";
  write_mailbox(mailbox);
  const std::vector<std::string> args = {"report", "--verbose", "--db",  db.string(), "--threads",
                                         GetParam(), "--batch-size", "10", "--format", "json", mailbox.string()};
  const std::map<std::string, std::string> env = {{"BOUNCEKIT_TEST_ABORT_ON", kMarker},
                                                  {"BOUNCEKIT_NOW", "2026-11-22T02:30:00Z"}};

  CliRun first = run_cli(args, env);
  ASSERT_EQ(first.signal, SIGABRT) << first.err;
  ASSERT_TRUE(fs::exists(db.string() + "-quarantine"));

  CliRun second = run_cli(args, env);  // the hook is still set: decoding it again would abort again
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(summary_value(second.err, "read"), 40);
  EXPECT_EQ(summary_value(second.err, "undecodable"), 1);
  EXPECT_EQ(summary_value(second.err, "bounces"), 39);
  EXPECT_EQ(summary_value(second.err, "new") + summary_value(second.err, "already_counted"), 40);
  EXPECT_NE(second.err.find("quarantined: the process died while decoding it"), std::string::npos) << second.err;
  EXPECT_FALSE(fs::exists(db.string() + "-quarantine"));

  CliRun third = run_cli(args, env);
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_EQ(summary_value(third.err, "already_counted"), 40);
  EXPECT_EQ(summary_value(third.err, "new"), 0);
  EXPECT_EQ(summary_value(third.err, "undecodable"), 1);  // as the history stored it
}

INSTANTIATE_TEST_SUITE_P(Threads, Quarantine, ::testing::Values("1", "2"));

}  // namespace
