// kill -9 at any point, then a rerun, ends with the same database and the same report files
// as one uninterrupted run: nothing lost, nothing doubled.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "cli_run.hpp"
#include "history/sqlite.hpp"
#include "mail_factory.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using namespace bouncekit::test;
namespace sqlite = bouncekit::history::sqlite;

constexpr int kMessages = 2500;  // --batch-size 1000: commits after 1000, 2000 and at the end
constexpr const char* kNow = "2026-11-22T02:30:00Z";

// A mailbox of kMessages bounces: 700 recipients over 37 domains, hard and soft, over 20 days.
void write_mailbox(const fs::path& path) {
  std::string mbox;
  for (int i = 0; i < kMessages; ++i) {
    char when[32];
    std::snprintf(when, sizeof when, "2026-11-%02dT%02d:%02d:00", 1 + i % 20, i % 24, i % 60);
    Bounce b{"k" + std::to_string(i),
             "user" + std::to_string(i % 700) + "@domain" + std::to_string(i % 37) + ".example", when,
             i % 5 == 0};
    mbox += mbox_entry(b);
  }
  write_file(path, mbox);
}

std::vector<std::string> report_args(const fs::path& db, const fs::path& out, const fs::path& mailbox) {
  return {"report", "--quiet",      "--db", db.string(), "--out",          out.string(),
          "--format", "json", "--batch-size", "1000",      mailbox.string()};
}

// Every row of both tables, ids included, in a fixed order.
std::string dump(const fs::path& db) {
  sqlite::Connection c(db);
  std::string text;
  sqlite::Statement messages(c, "SELECT id, fingerprint, origin, kind, first_counted FROM messages ORDER BY fingerprint");
  while (messages.step()) {
    for (int i = 0; i < 5; ++i) text += std::string(messages.column_text(i)) + "|";
    text += "\n";
  }
  sqlite::Statement records(c,
                            "SELECT r.*, m.fingerprint FROM records r JOIN messages m ON m.id = r.message"
                            " ORDER BY m.fingerprint, r.id");
  while (records.step()) {
    for (int i = 0; i < 15; ++i) text += std::string(records.column_text(i)) + "|";
    text += "\n";
  }
  return text;
}

// Runs the history recorded (0 when the run was killed before recording itself, or before the
// schema was committed).
std::int64_t recorded_runs(const fs::path& db) {
  if (!fs::exists(db)) return 0;
  sqlite::Connection c(db);
  sqlite::Statement tables(c, "SELECT count(*) FROM sqlite_schema WHERE name = 'runs'");
  if (!tables.step() || tables.column_int(0) == 0) return 0;
  tables.reset();
  sqlite::Statement count(c, "SELECT count(*) FROM runs");
  return count.step() ? count.column_int(0) : -1;
}

std::int64_t stored_messages(const fs::path& db) {
  if (!fs::exists(db)) return 0;
  sqlite::Connection c(db);
  // Killed before its schema was committed, a run leaves an empty database file.
  sqlite::Statement tables(c, "SELECT count(*) FROM sqlite_schema WHERE name = 'messages'");
  if (!tables.step() || tables.column_int(0) == 0) return 0;
  tables.reset();
  sqlite::Statement count(c, "SELECT count(*) FROM messages");
  return count.step() ? count.column_int(0) : -1;
}

// The report files, with what differs by design between a rerun and a single run left out:
// the counts of this run (a rerun reads part of the mailbox as already counted) and
// records.jsonl (the records this run added to the history; compared in rerun_and_compare).
std::map<std::string, std::string> report_files(const fs::path& out) {
  std::map<std::string, std::string> files;
  for (const char* name : {"domains.csv", "providers.csv", "suppressions.csv", "recipients.jsonl"})
    files[name] = read_file(out / name);
  nlohmann::json summary = nlohmann::json::parse(read_file(out / "summary.json"));
  EXPECT_TRUE(summary.contains("run"));
  summary.erase("run");
  // What changed since the previous recorded run: compared in rerun_and_compare, as it depends
  // on whether the killed run had recorded itself.
  EXPECT_TRUE(summary.contains("changes"));
  summary.erase("changes");
  files["summary.json"] = summary.dump(1);
  // The paragraph about this run (std::regex is avoided: GCC 12 warns inside it under ASan).
  std::string html = read_file(out / "report.html");
  std::size_t note = html.find("<p class=\"note\">This run read ");
  EXPECT_NE(note, std::string::npos) << "report.html has no run note to leave out";
  if (note != std::string::npos) html.erase(note, html.find("</p>", note) + 4 - note);
  // The changes section (up to the next heading) and the suppression table's "new" marks.
  std::size_t changes = html.find("<h2 id=\"changes\">");
  EXPECT_NE(changes, std::string::npos) << "report.html has no changes section to leave out";
  if (changes != std::string::npos) html.erase(changes, html.find("<h2>", changes) - changes);
  for (const std::string& mark : {std::string(" <span class=\"new-tonight\" title=\"not on the previous run's list\">new</span>"),
                                 std::string(" class=\"new-tonight\"")})
    for (std::size_t at = html.find(mark); at != std::string::npos; at = html.find(mark, at)) html.erase(at, mark.size());
  files["report.html"] = html;
  return files;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// What a run leaves beside --out DIR besides the current set: unfinished sets and links
// (".DIR.set.*", ".DIR.link.*"), and temporary files in the current set.
std::vector<std::string> leftovers(const fs::path& out) {
  std::vector<std::string> names;
  std::error_code ec;
  fs::path current = fs::read_symlink(out, ec);
  for (const auto& entry : fs::directory_iterator(out.parent_path())) {
    std::string name = entry.path().filename().string();
    if (name.starts_with("." + out.filename().string() + ".") && name != current.string()) names.push_back(name);
  }
  if (fs::exists(out))
    for (const auto& entry : fs::directory_iterator(out))
      if (entry.path().filename().string().find(".tmp.") != std::string::npos)
        names.push_back(entry.path().filename().string());
  return names;
}

class KillRerun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = new TempDir;
    write_mailbox(mailbox());
    // The reference: one uninterrupted run.
    auto start = std::chrono::steady_clock::now();
    CliRun r = run_cli(report_args(reference_db(), reference_out(), mailbox()), {{"BOUNCEKIT_NOW", kNow}});
    reference_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_EQ(stored_messages(reference_db()), kMessages);
  }
  static void TearDownTestSuite() {
    delete folder_;
    folder_ = nullptr;
  }
  static fs::path mailbox() { return folder_->path() / "bounces.mbox"; }
  static fs::path reference_db() { return folder_->path() / "reference.sqlite"; }
  static fs::path reference_out() { return folder_->path() / "reference-report"; }

  // Reruns after a kill and compares everything with the reference.
  void rerun_and_compare(const fs::path& db, const fs::path& out) {
    std::int64_t kept = stored_messages(db);
    // A kill that came after the run recorded itself (its report was out by then) makes the
    // rerun a second night, which compares with it; otherwise the rerun is the first night.
    const bool killed_run_recorded = recorded_runs(db) > 0;
    CliRun rerun = run_cli(report_args(db, out, mailbox()), {{"BOUNCEKIT_NOW", kNow}});
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    nlohmann::json summary = nlohmann::json::parse(rerun.out);
    if (!killed_run_recorded) {
      nlohmann::json reference = nlohmann::json::parse(read_file(reference_out() / "summary.json"));
      EXPECT_EQ(summary["changes"], reference["changes"]);
      EXPECT_EQ(read_file(out / "changes.csv"), read_file(reference_out() / "changes.csv"));
    } else {
      EXPECT_EQ(summary["changes"]["added"], 0);
      EXPECT_EQ(summary["changes"]["removed"], 0);
    }
    EXPECT_EQ(read_file(out / "watch.csv"), read_file(reference_out() / "watch.csv"));
    EXPECT_EQ(summary["run"]["already_counted"], kept);
    EXPECT_EQ(summary["run"]["new_messages"], kMessages - kept);
    EXPECT_EQ(dump(db), dump(reference_db()));
    EXPECT_EQ(report_files(out), report_files(reference_out()));
    // records.jsonl holds the records of the messages this run added: every message here has
    // one record, and the killed run stored the first `kept` messages of the mailbox, so the
    // rerun's file is the reference's without its first `kept` lines.
    std::vector<std::string> reference_records = lines_of(read_file(reference_out() / "records.jsonl"));
    ASSERT_EQ(reference_records.size(), static_cast<std::size_t>(kMessages));
    EXPECT_EQ(lines_of(read_file(out / "records.jsonl")),
              std::vector<std::string>(reference_records.begin() + kept, reference_records.end()));
    EXPECT_EQ(summary["run"]["records"], kMessages - kept);
    EXPECT_TRUE(leftovers(out).empty()) << leftovers(out).front();
  }

  inline static TempDir* folder_ = nullptr;
  inline static double reference_seconds_ = 0;
  TempDir tmp;
};

TEST_F(KillRerun, KilledAfterTheFirstBatch) {
  fs::path db = tmp.path() / "h.sqlite", out = tmp.path() / "report";
  CliRun killed = run_cli(report_args(db, out, mailbox()),
                          {{"BOUNCEKIT_NOW", kNow}, {"BOUNCEKIT_TEST_KILL_AFTER_BATCHES", "1"}});
  ASSERT_EQ(killed.signal, SIGKILL) << "exit code " << killed.exit_code << ": " << killed.err;
  EXPECT_EQ(stored_messages(db), 1000);  // the first batch, whole; the second not at all
  EXPECT_FALSE(fs::exists(out / "summary.json"));
  EXPECT_FALSE(leftovers(out).empty());  // the kill left the files being written behind ...
  rerun_and_compare(db, out);            // ... and the rerun cleans them up
}

TEST_F(KillRerun, KilledAfterTheLastBatch) {
  // Killed after the last commit, before any report file was written.
  fs::path db = tmp.path() / "h.sqlite", out = tmp.path() / "report";
  CliRun killed = run_cli(report_args(db, out, mailbox()),
                          {{"BOUNCEKIT_NOW", kNow}, {"BOUNCEKIT_TEST_KILL_AFTER_BATCHES", "3"}});
  ASSERT_EQ(killed.signal, SIGKILL) << killed.err;
  EXPECT_EQ(stored_messages(db), kMessages);
  rerun_and_compare(db, out);
}

TEST_F(KillRerun, KilledFromOutsideAtRandomTimes) {
  std::random_device seed;
  std::mt19937 random(seed());
  for (int round = 0; round < 3; ++round) {
    fs::path db = tmp.path() / ("h" + std::to_string(round) + ".sqlite");
    fs::path out = tmp.path() / ("report" + std::to_string(round));
    std::uniform_real_distribution<double> when(0.0, reference_seconds_);
    double delay = when(random);
    SCOPED_TRACE("killed after " + std::to_string(delay) + " s of a " + std::to_string(reference_seconds_) +
                 " s run");
    std::vector<std::string> args = report_args(db, out, mailbox());
    args.insert(args.begin(), BOUNCEKIT_CLI);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_strings{std::string("BOUNCEKIT_NOW=") + kNow};
    for (char** e = environ; *e; ++e)
      if (std::string_view(*e).substr(0, 14) != "BOUNCEKIT_NOW=") env_strings.emplace_back(*e);
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, BOUNCEKIT_CLI, &actions, nullptr, argv.data(), envp.data()), 0);
    posix_spawn_file_actions_destroy(&actions);
    std::this_thread::sleep_for(std::chrono::duration<double>(delay));
    ::kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    std::int64_t kept = stored_messages(db);
    // Batches commit whole: what survived is a number of whole batches, or everything.
    EXPECT_TRUE(kept == 0 || kept == 1000 || kept == 2000 || kept == kMessages) << kept;
    rerun_and_compare(db, out);
  }
}

}  // namespace
