// Two runs over one database (cron overlap): the second waits up to --wait seconds for the
// lock, then gives up with its own exit code and a clear message.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "bouncekit/history.hpp"
#include "cli_run.hpp"
#include "mail_factory.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bouncekit::test;

TEST(ReportLock, ASecondRunGivesUpWithExitCode3) {
  TempDir tmp;
  fs::path db = tmp.path() / "history.sqlite", box = tmp.path() / "box.mbox";
  write_file(box, mbox_entry({"l1", "someone@example.org", "2026-11-20T10:00:00", true}));
  bouncekit::history::Lock held(db, 0);  // what a running bouncekit holds
  CliRun r = run_cli({"report", "--db", db.string(), "--wait", "0", box.string()});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("another bouncekit run holds the lock on " + db.string()), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
  // Not opened by SQLite: the holder's Lock made the database; this run added no log beside it.
  EXPECT_FALSE(fs::exists(db.string() + "-wal"));
  EXPECT_FALSE(fs::exists(db.string() + "-journal"));
}

TEST(ReportLock, ASecondRunWaitsForTheFirst) {
  TempDir tmp;
  fs::path db = tmp.path() / "history.sqlite", box = tmp.path() / "box.mbox";
  write_file(box, mbox_entry({"l1", "someone@example.org", "2026-11-20T10:00:00", true}));
  auto held = std::make_unique<bouncekit::history::Lock>(db, 0);
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    held.reset();
  });
  auto start = std::chrono::steady_clock::now();
  CliRun r = run_cli({"report", "--db", db.string(), "--wait", "2", "--format", "csv", box.string()});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  release.join();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GE(seconds, 0.9);
  EXPECT_NE(r.out.find("someone@example.org,userunknown,hard"), std::string::npos) << r.out;
  EXPECT_EQ(summary_value(r.err, "new"), 1);
}

}  // namespace
