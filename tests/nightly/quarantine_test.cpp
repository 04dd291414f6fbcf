// A message whose decoding crashes the process (a test-only hook aborts on a marker) stops one
// night only: the crash handler writes its fingerprint to DATABASE-quarantine; the next run
// imports that into the history's quarantine table, removes the file, counts the message as
// undecodable, "quarantined", without decoding it, and counts every other message; the run after
// that finds it in the history like any other message.
#include <gtest/gtest.h>

#include <csignal>
#include <string>

#include "bouncekit/history.hpp"
#include "cli_run.hpp"
#include "history/connection.hpp"
#include "mail_factory.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bouncekit::test;

// The rows of the history's quarantine table, as "fingerprint host".
std::vector<std::string> quarantine_rows(const fs::path& db) {
  auto c = bouncekit::history::db::open(db);
  bouncekit::history::db::Statement s(*c, "SELECT fingerprint, host FROM quarantine ORDER BY fingerprint");
  std::vector<std::string> rows;
  while (s.step()) rows.push_back(std::string(s.column_text(0)) + " " + std::string(s.column_text(1)));
  return rows;
}

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
  const std::vector<std::string> args = {"report",    "--verbose",  "--db",        db.string(),
                                         "--threads", GetParam(),   "--batch-size", "10",
                                         "--host-name", "test-host", "--format",   "json",
                                         mailbox.string()};
  const std::map<std::string, std::string> env = {{"BOUNCEKIT_TEST_ABORT_ON", kMarker},
                                                  {"BOUNCEKIT_NOW", "2026-11-22T02:30:00Z"}};

  CliRun first = run_cli(args, env);
  ASSERT_EQ(first.signal, SIGABRT) << first.err;
  ASSERT_TRUE(fs::exists(db.string() + "-quarantine"));
  const std::string crashed = read_file(db.string() + "-quarantine");
  ASSERT_EQ(crashed.size(), 33u) << crashed;  // one fingerprint and its line end
  EXPECT_TRUE(quarantine_rows(db).empty());   // the handler writes the file only

  CliRun second = run_cli(args, env);  // the hook is still set: decoding it again would abort again
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(summary_value(second.err, "read"), 40);
  EXPECT_EQ(summary_value(second.err, "undecodable"), 1);
  EXPECT_EQ(summary_value(second.err, "bounces"), 39);
  EXPECT_EQ(summary_value(second.err, "new") + summary_value(second.err, "already_counted"), 40);
  EXPECT_NE(second.err.find("quarantined: the process died while decoding it"), std::string::npos) << second.err;
  EXPECT_FALSE(fs::exists(db.string() + "-quarantine"));
  // Imported into the history, with the host of the run that imported it.
  EXPECT_EQ(quarantine_rows(db), (std::vector<std::string>{crashed.substr(0, 32) + " test-host"}));

  CliRun third = run_cli(args, env);
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_EQ(summary_value(third.err, "already_counted"), 40);
  EXPECT_EQ(summary_value(third.err, "new"), 0);
  EXPECT_EQ(summary_value(third.err, "undecodable"), 1);  // as the history stored it
  EXPECT_EQ(quarantine_rows(db).size(), 1u);
}

// The table, not the file, is what later runs read: a message listed there (a run of another
// host of the fleet died on it) is counted as quarantined and never decoded, with no file at all.
TEST(QuarantineTable, AMessageListedInTheHistoryIsNotDecoded) {
  TempDir tmp;
  const fs::path db = tmp.path() / "history.sqlite", mailbox = tmp.path() / "bounces.mbox";
  write_mailbox(mailbox);
  const std::map<std::string, std::string> env = {{"BOUNCEKIT_TEST_ABORT_ON", kMarker},
                                                  {"BOUNCEKIT_NOW", "2026-11-22T02:30:00Z"}};
  const std::vector<std::string> args = {"report", "--verbose", "--db", db.string(), "--format", "json",
                                         mailbox.string()};
  // A run dies on the message; its fingerprint is moved from the file into the table as another
  // host's run would have listed it, and the file removed.
  CliRun crash = run_cli(args, env);
  ASSERT_EQ(crash.signal, SIGABRT) << crash.err;
  const std::string crashed = read_file(db.string() + "-quarantine").substr(0, 32);
  {
    auto c = bouncekit::history::db::open(db);
    bouncekit::history::db::Statement insert(*c, "INSERT INTO quarantine (fingerprint, since, host) VALUES (?1, ?2, ?3)");
    insert.bind(1, crashed).bind(2, "2026-11-21T00:00:00Z").bind(3, "mx-other");
    insert.run();
  }
  fs::remove(db.string() + "-quarantine");
  CliRun next = run_cli(args, env);
  ASSERT_EQ(next.exit_code, 0) << next.err;
  EXPECT_EQ(summary_value(next.err, "read"), 40);
  EXPECT_EQ(summary_value(next.err, "undecodable"), 1);
  EXPECT_NE(next.err.find("quarantined: the process died while decoding it"), std::string::npos) << next.err;
  EXPECT_EQ(quarantine_rows(db), (std::vector<std::string>{crashed + " mx-other"}));
}

// The quarantine is pruned with the history (`--keep-days`): the row goes once it was imported
// more than N days before the run, on the same night as the undecodable message the run that
// imported it stored (both carry that run's time), so the table stays bounded.
TEST(QuarantineTable, RowsArePrunedWithTheHistorysAgeRule) {
  TempDir tmp;
  const fs::path db = tmp.path() / "history.sqlite", mailbox = tmp.path() / "bounces.mbox";
  write_mailbox(mailbox);
  const std::vector<std::string> args = {"report", "--verbose", "--db", db.string(), "--keep-days", "30",
                                         "--format", "json", mailbox.string()};
  auto at = [](const char* now) {
    return std::map<std::string, std::string>{{"BOUNCEKIT_TEST_ABORT_ON", kMarker}, {"BOUNCEKIT_NOW", now}};
  };
  ASSERT_EQ(run_cli(args, at("2026-11-22T02:30:00Z")).signal, SIGABRT);
  CliRun imported = run_cli(args, at("2026-11-22T02:40:00Z"));
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(quarantine_rows(db).size(), 1u);
  EXPECT_EQ(imported.err.find("pruned_quarantine="), std::string::npos) << "said only when rows went";
  // 30 days later to the minute: nothing is older than the cutoff yet.
  CliRun kept = run_cli(args, at("2026-12-22T02:40:00Z"));
  ASSERT_EQ(kept.exit_code, 0) << kept.err;
  EXPECT_EQ(summary_value(kept.err, "pruned"), 0);
  EXPECT_EQ(quarantine_rows(db).size(), 1u);
  // A day later: the 40 messages (read as already counted, then pruned) and the row go.
  CliRun pruned = run_cli(args, at("2026-12-23T02:40:00Z"));
  ASSERT_EQ(pruned.exit_code, 0) << pruned.err;
  EXPECT_EQ(summary_value(pruned.err, "already_counted"), 40);
  EXPECT_EQ(summary_value(pruned.err, "pruned"), 40);
  EXPECT_EQ(summary_value(pruned.err, "pruned_quarantine"), 1);
  EXPECT_TRUE(quarantine_rows(db).empty());
}

INSTANTIATE_TEST_SUITE_P(Threads, Quarantine, ::testing::Values("1", "2"));

}  // namespace
