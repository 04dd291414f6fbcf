// Pruning in the nightly job: nightly::Options::keep_days and `report --keep-days`.
#include <gtest/gtest.h>
#include <signal.h>

#include "bouncekit/history.hpp"
#include "bouncekit/nightly.hpp"
#include "cli_run.hpp"
#include "mail_factory.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bouncekit;
using bouncekit::test::Bounce;
using bouncekit::test::TempDir;

class PruneRun : public ::testing::Test {
 protected:
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  fs::path january = tmp.path() / "january.mbox";   // a0, a1
  fs::path february = tmp.path() / "february.mbox";  // b0
  void SetUp() override {
    test::write_file(january, test::mbox_entry(Bounce{"a0", "ann@example.org", "2026-01-09T10:00:00", true}) +
                                  test::mbox_entry(Bounce{"a1", "ben@example.org", "2026-01-09T11:00:00", true}));
    test::write_file(february, test::mbox_entry(Bounce{"b0", "cid@example.net", "2026-02-04T10:00:00", true}));
  }
  nightly::Counts run(const fs::path& box, const std::string& now, std::optional<unsigned> keep_days) {
    nightly::Options o;
    o.paths = {box.string()};
    o.database = db;
    o.now = now;
    o.keep_days = keep_days;
    return nightly::run(o);
  }
};

TEST_F(PruneRun, ForgetsTheOldMessagesAndKeepsCountingTheRestOnce) {
  nightly::Counts c = run(january, "2026-01-10T02:30:00Z", 30);
  EXPECT_EQ(c.new_messages, 2u);
  EXPECT_EQ(c.pruned_messages, 0u);
  // 26 days later: January's messages are younger than 30 days, nothing goes.
  c = run(february, "2026-02-05T02:30:00Z", 30);
  EXPECT_EQ(c.new_messages, 1u);
  EXPECT_EQ(c.pruned_messages, 0u);
  EXPECT_EQ(c.window_records, 3u);
  // 36 days after January's run: its two messages go with their records; February's stays
  // and is still already counted, not counted again.
  c = run(february, "2026-02-15T02:30:00Z", 30);
  EXPECT_EQ(c.pruned_messages, 2u);
  EXPECT_EQ(c.pruned_records, 2u);
  EXPECT_EQ(c.new_messages, 0u);
  EXPECT_EQ(c.already_counted, 1u);
  EXPECT_EQ(c.window_records, 1u);  // the window is read after pruning
  EXPECT_EQ(c.suppressed, 1u);
  {
    history::Store store(db);
    EXPECT_EQ(store.message_count(), 1u);
    EXPECT_EQ(store.record_count(), 1u);
  }
  // The trade-off docs/report.md states: a pruned message still in a folder is new again.
  c = run(january, "2026-02-16T02:30:00Z", 30);
  EXPECT_EQ(c.new_messages, 2u);
  EXPECT_EQ(c.pruned_messages, 0u);
  EXPECT_EQ(c.window_records, 3u);
}

TEST_F(PruneRun, NoKeepDaysKeepsEverything) {
  run(january, "2026-01-10T02:30:00Z", std::nullopt);
  nightly::Counts c = run(february, "2036-01-10T02:30:00Z", std::nullopt);
  EXPECT_EQ(c.pruned_messages, 0u);
  EXPECT_EQ(c.window_records, 3u);
}

TEST_F(PruneRun, TheDefaultKeepsMessagesFor400Days) {
  EXPECT_EQ(nightly::Options{}.keep_days, std::optional<unsigned>(400));
  EXPECT_EQ(nightly::kDefaultKeepDays, 400u);
  nightly::Options o;
  o.paths = {january.string()};
  o.database = db;
  o.now = "2026-01-10T02:30:00Z";
  nightly::run(o);
  o.now = "2027-02-14T02:30:00Z";  // exactly 400 days later: kept
  EXPECT_EQ(nightly::run(o).pruned_messages, 0u);
  o.paths = {february.string()};
  o.now = "2027-02-14T02:30:01Z";  // a second more: gone
  nightly::Counts c = nightly::run(o);
  EXPECT_EQ(c.pruned_messages, 2u);
  EXPECT_EQ(c.new_messages, 1u);
}

TEST_F(PruneRun, KeepDaysBeyondACenturyIsRefusedBeforeAnythingIsTouched) {
  EXPECT_THROW(run(january, "2026-01-10T02:30:00Z", 36601u), std::invalid_argument);
  EXPECT_FALSE(fs::exists(db));
  EXPECT_NO_THROW(run(january, "2026-01-10T02:30:00Z", 36600u));
}

TEST_F(PruneRun, CommandLineOption) {
  using test::run_cli;
  using test::summary_value;
  for (const char* bad : {"0", "-3", "ten", "36601", "30d", ""}) {
    SCOPED_TRACE(bad);
    test::CliRun r = run_cli({"report", "--db", db.string(), "--keep-days", bad, january.string()});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("--keep-days"), std::string::npos) << r.err;
  }
  EXPECT_FALSE(fs::exists(db));

  test::CliRun r = run_cli({"report", "--db", db.string(), january.string()}, {{"BOUNCEKIT_NOW", "2026-01-10T02:30:00Z"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(summary_value(r.err, "pruned"), 0);
  // Keep everything, however old.
  r = run_cli({"report", "--db", db.string(), "--keep-days", "all", february.string()},
              {{"BOUNCEKIT_NOW", "2036-01-10T02:30:00Z"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(summary_value(r.err, "pruned"), 0);
  EXPECT_EQ(summary_value(r.err, "window_records"), 3);
  // 36 days after January's run, January goes and February (first counted in 2036) stays.
  r = run_cli({"report", "--db", db.string(), "--keep-days", "30", february.string()},
              {{"BOUNCEKIT_NOW", "2026-02-15T02:30:00Z"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(summary_value(r.err, "pruned"), 2);
  EXPECT_EQ(summary_value(r.err, "pruned_records"), 2);
  EXPECT_EQ(summary_value(r.err, "already_counted"), 1);
  EXPECT_EQ(summary_value(r.err, "window_records"), 1);
  // The text summary on stdout says so too; it has no such line when nothing was pruned.
  EXPECT_NE(r.out.find("Pruned from the history: 2 messages first counted before the keep-days cutoff, 2 records"),
            std::string::npos)
      << r.out;
  r = run_cli({"report", "--db", db.string(), "--keep-days", "30", "--format", "json", february.string()},
              {{"BOUNCEKIT_NOW", "2026-02-15T02:30:00Z"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"pruned_messages\":0,\"pruned_records\":0}"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Pruned from the history"), std::string::npos);
  // The default is 400 days: in 2036 without --keep-days, February's message (first counted
  // at 2036-01-10) stays until 2037-02-13 (2036 is a leap year).
  r = run_cli({"report", "--db", db.string(), february.string()}, {{"BOUNCEKIT_NOW", "2037-02-13T02:30:00Z"}});
  EXPECT_EQ(summary_value(r.err, "pruned"), 0);
  r = run_cli({"report", "--db", db.string(), january.string()}, {{"BOUNCEKIT_NOW", "2037-02-13T02:30:01Z"}});
  EXPECT_EQ(summary_value(r.err, "pruned"), 1);
  EXPECT_EQ(summary_value(r.err, "new"), 2);
}

}  // namespace

// kill -9 halfway through a run's pruning, then the same run again: the history and the report
// files end as after one uninterrupted run (the rerun prunes what the killed run had left).
TEST_F(PruneRun, AKillDuringPruningThenARerunEndsAsOneUninterruptedRun) {
  using test::run_cli;
  using test::summary_value;
  fs::path many = tmp.path() / "december.mbox";  // seven messages, seven recipients
  std::string mbox;
  for (int i = 0; i < 7; ++i)
    mbox += test::mbox_entry(
        Bounce{"d" + std::to_string(i), "user" + std::to_string(i) + "@example.com", "2025-12-20T10:00:00", i % 2 == 0});
  test::write_file(many, mbox);
  fs::path killed_db = tmp.path() / "killed.sqlite", reference_db = tmp.path() / "reference.sqlite";
  fs::path killed_out = tmp.path() / "killed-out", reference_out = tmp.path() / "reference-out";
  for (const fs::path& database : {killed_db, reference_db}) {
    test::CliRun r = run_cli({"report", "--db", database.string(), many.string()}, {{"BOUNCEKIT_NOW", "2025-12-21T02:30:00Z"}});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // Two months later, keeping 30 days: December's seven go, three per transaction.
  auto night = [&](const fs::path& database, const fs::path& out, std::map<std::string, std::string> env) {
    env["BOUNCEKIT_NOW"] = "2026-02-15T02:30:00Z";
    // --since all: a December record left in the history would show in every file.
    return run_cli({"report", "--db", database.string(), "--out", out.string(), "--since", "all", "--keep-days", "30",
                    "--batch-size", "3", february.string()},
                   env);
  };
  test::CliRun killed = night(killed_db, killed_out, {{"BOUNCEKIT_TEST_KILL_AFTER_PRUNE_BATCHES", "1"}});
  ASSERT_EQ(killed.signal, SIGKILL) << "exit code " << killed.exit_code << ": " << killed.err;
  {
    // February's message was committed before pruning began; one batch of December's is gone.
    history::Store store(killed_db);
    EXPECT_EQ(store.message_count(), 1u + 7u - 3u);
    EXPECT_EQ(store.record_count(), 1u + 7u - 3u);
  }
  test::CliRun rerun = night(killed_db, killed_out, {});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(summary_value(rerun.err, "pruned"), 4);
  EXPECT_EQ(summary_value(rerun.err, "already_counted"), 1);
  EXPECT_EQ(summary_value(rerun.err, "new"), 0);
  test::CliRun reference = night(reference_db, reference_out, {});
  ASSERT_EQ(reference.exit_code, 0) << reference.err;
  EXPECT_EQ(summary_value(reference.err, "pruned"), 7);
  EXPECT_EQ(summary_value(reference.err, "new"), 1);
  {
    history::Store a(killed_db), b(reference_db);
    EXPECT_EQ(a.message_count(), 1u);
    EXPECT_EQ(a.record_count(), 1u);
    EXPECT_EQ(b.message_count(), 1u);
    EXPECT_EQ(b.record_count(), 1u);
  }
  // The window's files: only the run's own counts (summary.json's "run", records.jsonl) differ.
  for (const char* name : {"domains.csv", "providers.csv", "suppressions.csv", "recipients.jsonl"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(test::read_file(killed_out / name), test::read_file(reference_out / name));
  }
  EXPECT_NE(test::read_file(reference_out / "suppressions.csv").find("cid@example.net"), std::string::npos);
  EXPECT_EQ(test::read_file(reference_out / "suppressions.csv").find("@example.com"), std::string::npos);
}
