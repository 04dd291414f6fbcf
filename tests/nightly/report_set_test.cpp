// --out DIR is replaced as one set: a failure injected at every step, and a kill at every step,
// leave DIR showing either the previous report or the new one, whole, never a mix; the next
// run cleans up what a killed run left (docs/report.md, "The report folder").
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <map>
#include <string>
#include <vector>

#include "cli_run.hpp"
#include "mail_factory.hpp"
#include "nightly/report_files.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bouncekit::test;

const char* const kNow = "2026-11-22T02:30:00Z";
const char* const kFiles[] = {"summary.json",  "domains.csv",      "providers.csv", "lists.csv", "hosts.csv",
                              "suppressions.csv", "records.jsonl", "recipients.jsonl", "report.html",
                              "changes.csv",   "watch.csv"};

using Snapshot = std::map<std::string, std::string>;

// Every report file as a reader of DIR sees it ("(missing)" for one that is not there).
Snapshot snapshot(const fs::path& out) {
  Snapshot s;
  for (const char* name : kFiles) s[name] = fs::exists(out / name) ? read_file(out / name) : "(missing)";
  return s;
}

// Names beside DIR other than DIR and the set it leads to.
std::vector<std::string> leftovers(const fs::path& out) {
  std::vector<std::string> names;
  std::error_code ec;
  fs::path current = fs::read_symlink(out, ec);
  for (const auto& e : fs::directory_iterator(out.parent_path())) {
    std::string n = e.path().filename().string();
    if (n != out.filename().string() && n != current.string()) names.push_back(n);
  }
  return names;
}

class ReportSet : public ::testing::Test {
 protected:
  // The inputs live in one folder for the whole suite: records name their origin, so two runs
  // over the same file give the same bytes.
  static void SetUpTestSuite() {
    inputs_ = new TempDir;
    std::string first = mbox_entry({"s1", "ann@example.org", "2026-11-20T10:00:00", true}) +
                        mbox_entry({"s2", "bob@example.net", "2026-11-20T11:00:00", false});
    write_file(old_box(), first);
    write_file(new_box(), first + mbox_entry({"s3", "cy@example.com", "2026-11-21T09:00:00", true}));
    // What DIR holds after the first night (old) and after the second (new), uninterrupted.
    TempDir ref;
    fs::path db = ref.path() / "h.sqlite", out = ref.path() / "data" / "report";
    CliRun r = run(db, out, old_box());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    old_ = new Snapshot(snapshot(out));
    r = run(db, out, new_box());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    new_ = new Snapshot(snapshot(out));
    ASSERT_NE(*old_, *new_);
  }
  static void TearDownTestSuite() {
    delete inputs_;
    delete old_;
    delete new_;
  }
  static fs::path old_box() { return inputs_->path() / "night1.mbox"; }
  static fs::path new_box() { return inputs_->path() / "night2.mbox"; }
  static CliRun run(const fs::path& db, const fs::path& out, const fs::path& box,
                    std::map<std::string, std::string> env = {}) {
    env["BOUNCEKIT_NOW"] = kNow;
    return run_cli({"report", "--db", db.string(), "--since", "all", "--format", "json", "--out", out.string(),
                    box.string()},
                   env);
  }

  // The second night stopped at `step` by `variable`; DIR must show one whole set.
  void second_night_stopped(const std::string& variable, const std::string& step) {
    TempDir tmp;
    fs::path db = tmp.path() / "h.sqlite", out = tmp.path() / "data" / "report";
    ASSERT_EQ(run(db, out, old_box()).exit_code, 0);
    ASSERT_EQ(snapshot(out), *old_);
    CliRun stopped = run(db, out, new_box(), {{variable, step}});
    if (variable == "BOUNCEKIT_TEST_KILL_AT_REPORT_STEP") {
      EXPECT_EQ(stopped.signal, SIGKILL) << step << ": " << stopped.err;
    } else {
      EXPECT_EQ(stopped.exit_code, 5) << step << ": " << stopped.err;
      EXPECT_NE(stopped.err.find("injected failure at " + step), std::string::npos) << stopped.err;
      EXPECT_EQ(stopped.out, "") << "standard output comes after the files";
    }
    Snapshot seen = snapshot(out);
    const bool switched = step == "switched" || step == "previous-removed";
    EXPECT_EQ(seen, switched ? *new_ : *old_) << variable << " at " << step;
    if (variable == "BOUNCEKIT_TEST_FAIL_AT_REPORT_STEP" && !switched) {
      EXPECT_EQ(leftovers(out), std::vector<std::string>{}) << "a failed run removes its own unfinished set, at " << step;
    }
    // The next night cleans up: DIR, the set it leads to, the database and nothing else of ours.
    CliRun next = run(db, out, new_box());
    ASSERT_EQ(next.exit_code, 0) << next.err;
    EXPECT_EQ(leftovers(out), std::vector<std::string>{}) << variable << " at " << step;
    for (const char* name : kFiles) EXPECT_TRUE(fs::is_regular_file(out / name)) << name;
  }

  inline static TempDir* inputs_ = nullptr;
  inline static Snapshot *old_ = nullptr, *new_ = nullptr;
};

TEST_F(ReportSet, DirIsALinkToOneSetAndTheOldSetIsRemoved) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite", out = tmp.path() / "data" / "report";
  ASSERT_EQ(run(db, out, old_box()).exit_code, 0);
  ASSERT_TRUE(fs::is_symlink(out));
  fs::path first = fs::read_symlink(out);
  EXPECT_TRUE(first.string().starts_with(".report.set.")) << first;
  ASSERT_EQ(run(db, out, new_box()).exit_code, 0);
  EXPECT_NE(fs::read_symlink(out), first);
  EXPECT_FALSE(fs::exists(out.parent_path() / first)) << "the previous set is removed after the switch";
  EXPECT_EQ(leftovers(out), std::vector<std::string>{});
  struct stat st {};
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  mode_t mask = ::umask(022);
  ::umask(mask);
  EXPECT_EQ(st.st_mode & 0777, 0777 & ~mask) << "readable as any new folder once complete";
}

TEST_F(ReportSet, AFailureAtAnyStepLeavesTheOldSetOrTheNewOneWhole) {
  auto steps = bouncekit::nightly::ReportFiles::step_names();
  ASSERT_GE(steps.size(), 10u);
  for (const std::string& step : steps) second_night_stopped("BOUNCEKIT_TEST_FAIL_AT_REPORT_STEP", step);
}

TEST_F(ReportSet, AKillAtAnyStepLeavesTheOldSetOrTheNewOneWhole) {
  for (const std::string& step : bouncekit::nightly::ReportFiles::step_names())
    second_night_stopped("BOUNCEKIT_TEST_KILL_AT_REPORT_STEP", step);
}

TEST_F(ReportSet, AFolderFromAnOlderVersionIsSwappedOutKeepingForeignFiles) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite", out = tmp.path() / "data" / "report";
  write_file(out / "summary.json", "{\"written by\": \"an older version\"}\n");
  write_file(out / "notes.txt", "the admin's own file");
  ASSERT_EQ(run(db, out, old_box()).exit_code, 0);
  ASSERT_TRUE(fs::is_symlink(out));
  EXPECT_EQ(snapshot(out), *old_);
  std::vector<std::string> kept = leftovers(out);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_TRUE(kept[0].starts_with(".report.set.migrated.")) << kept[0];
  EXPECT_EQ(read_file(out.parent_path() / kept[0] / "notes.txt"), "the admin's own file");
  EXPECT_FALSE(fs::exists(out.parent_path() / kept[0] / "summary.json")) << "our old files are removed";
}

TEST_F(ReportSet, ALinkToAFolderOfTheAdminsIsFollowed) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite", real = tmp.path() / "srv" / "reports", out = tmp.path() / "report";
  fs::create_directories(real);
  fs::create_directory_symlink(real, out);
  ASSERT_EQ(run(db, out, old_box()).exit_code, 0);
  EXPECT_TRUE(fs::is_symlink(real)) << "the set is switched where the admin's link leads";
  EXPECT_EQ(snapshot(out), *old_);
}

}  // namespace
