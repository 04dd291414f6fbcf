// The history schema's migrations: a file written by version 1 is brought to the current version
// when opened, in one transaction, and keeps its data; then Store::reclassify.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "bouncekit/history.hpp"
#include "history/sqlite.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
namespace sql = bouncekit::history::sqlite;
using bouncekit::analysis::StoredRecord;
using bouncekit::history::DatabaseError;
using bouncekit::history::Store;
using bouncekit::history::StoredMessage;
using bouncekit::test::TempDir;

// The version-1 DDL as version 1 shipped it (schema.cpp before version 2), written out here so
// the test does not depend on the code under test to build the old file.
constexpr const char* kVersion1 = R"sql(
PRAGMA application_id = 1651206249;
CREATE TABLE messages (
  id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL UNIQUE, origin TEXT NOT NULL, kind TEXT NOT NULL,
  first_counted TEXT NOT NULL);
CREATE TABLE records (
  id INTEGER PRIMARY KEY, message INTEGER NOT NULL REFERENCES messages(id), date TEXT NOT NULL,
  recipient TEXT NOT NULL, recipient_domain TEXT NOT NULL, reason TEXT NOT NULL, bounce TEXT NOT NULL,
  action_owner TEXT NOT NULL, status TEXT NOT NULL, reply_code TEXT NOT NULL, remote_mta TEXT NOT NULL,
  diagnostic TEXT NOT NULL, decoded_by TEXT NOT NULL, feedback_type TEXT NOT NULL);
CREATE INDEX records_by_recipient ON records(recipient, date);
INSERT INTO messages VALUES (1, 'f1', 'old.mbox#1@0', 'bounce', '2026-10-01T00:00:00Z');
INSERT INTO records VALUES (1, 1, '2026-10-01T00:00:00Z', 'ann@example.org', 'example.org', 'userunknown', 'hard',
  'recipient', '5.1.1', '550', 'mx.example.org', 'no mailbox by that name here', 'postfix', '');
INSERT INTO records VALUES (2, 1, '2026-10-02T00:00:00Z', 'bob@example.org', 'example.org', 'vacation', 'none',
  '', '', '', '', 'away until Monday', 'autoreply', '');
PRAGMA user_version = 1;
)sql";

std::int64_t int_of(const fs::path& db, const char* query) {
  sql::Connection c(db);
  sql::Statement s(c, query);
  return s.step() ? s.column_int(0) : -1;
}

std::set<std::string> record_columns(const fs::path& db) {
  sql::Connection c(db);
  sql::Statement s(c, "SELECT name FROM pragma_table_info('records')");
  std::set<std::string> names;
  while (s.step()) names.emplace(s.column_text(0));
  return names;
}

void make_version1(const fs::path& db) {
  sql::Connection c(db);
  c.exec(kVersion1);
}

TEST(Migration, AVersion1DatabaseIsMigratedAndKeepsItsRows) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  make_version1(db);
  ASSERT_EQ(record_columns(db).count("evidence"), 0u);
  std::vector<StoredRecord> seen;
  {
    Store store(db);
    store.for_each_record("", [&](const StoredRecord& r) { seen.push_back(r); });
    EXPECT_TRUE(store.contains("f1"));
  }
  EXPECT_EQ(int_of(db, "PRAGMA user_version"), Store::kSchemaVersion);
  EXPECT_EQ(int_of(db, "SELECT count(*) FROM quarantine"), 0);  // version 7's table, empty
  for (const char* column : {"action", "smtp_command", "diagnostic_type", "reporting_mta", "hint", "inferred_status",
                             "evidence", "rule"})
    EXPECT_EQ(record_columns(db).count(column), 1u) << column;
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].recipient, "ann@example.org");
  EXPECT_EQ(seen[0].reason, "userunknown");
  EXPECT_EQ(seen[0].status, "5.1.1");
  EXPECT_EQ(seen[0].diagnostic, "no mailbox by that name here");
  EXPECT_EQ(seen[0].origin, "old.mbox#1@0");
  EXPECT_EQ(seen[1].reason, "vacation");
  for (const StoredRecord& r : seen) {  // the new columns of old rows are empty
    EXPECT_EQ(r.action, "");
    EXPECT_EQ(r.smtp_command, "");
    EXPECT_EQ(r.hint, "");
    EXPECT_EQ(r.evidence, "");
    EXPECT_EQ(r.rule, "");
  }
}

// Version 3 (issue 18): the runs tables. A migrated history has no recorded run, so its next
// report is a first run; a run recorded there is read back whole.
TEST(Migration, AMigratedFileHasNoRunYetAndRecordsOne) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  make_version1(db);
  {
    bouncekit::history::Runs runs(db);
    EXPECT_FALSE(runs.previous());
    EXPECT_FALSE(runs.next_previous_suppression());
    runs.add_suppression({"ann@example.org", "userunknown", "hard", "2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z"});
    runs.add_flag("domain", "example.net");
    bouncekit::history::RunRecord r;
    r.started = "2026-11-22T02:30:00Z";
    r.inputs = {"/var/mail/bounces", "a \"quoted\" path"};
    r.policy = "hard";
    r.suppressed = 1;
    EXPECT_EQ(runs.commit(r), 1);
  }
  EXPECT_EQ(int_of(db, "PRAGMA user_version"), Store::kSchemaVersion);
  bouncekit::history::Runs again(db);
  auto previous = again.previous();
  ASSERT_TRUE(previous);
  EXPECT_EQ(previous->started, "2026-11-22T02:30:00Z");
  EXPECT_EQ(previous->inputs, (std::vector<std::string>{"/var/mail/bounces", "a \"quoted\" path"}));
  EXPECT_EQ(previous->suppressed, 1u);
  auto first = again.next_previous_suppression();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->address, "ann@example.org");
  EXPECT_FALSE(again.next_previous_suppression());
  EXPECT_EQ(again.previous_flags(), (std::set<std::pair<std::string, std::string>>{{"domain", "example.net"}}));
}

// A run that is not committed (killed, failed, or a dry run's copy) leaves no trace.
TEST(Migration, AnUncommittedRunLeavesNothing) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  {
    bouncekit::history::Runs runs(db);
    runs.add_suppression({"ann@example.org", "userunknown", "hard", "", ""});
  }
  EXPECT_EQ(int_of(db, "SELECT count(*) FROM runs"), 0);
  EXPECT_EQ(int_of(db, "SELECT count(*) FROM run_suppressions"), 0);
}

TEST(Migration, AMigratedFileTakesNewRowsAndOpensAgainWithoutChange) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  make_version1(db);
  {
    Store store(db);
    StoredRecord r;
    r.date = "2026-11-01T00:00:00Z";
    r.recipient = "cy@example.net";
    r.reason = "mailboxfull";
    r.evidence = "status";
    r.rule = "5.2.2";
    r.smtp_command = "RCPT";
    store.add(StoredMessage{"f2", "new.mbox#1@0", "bounce", "2026-11-01T00:00:00Z", ""}, {r});
    store.commit();
  }
  { Store again(db); }  // nothing left to migrate: opening again changes nothing
  Store store(db);
  std::vector<StoredRecord> seen;
  store.for_each_record("2026-11-01T00:00:00Z", [&](const StoredRecord& r) { seen.push_back(r); });
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].rule, "5.2.2");
  EXPECT_EQ(seen[0].smtp_command, "RCPT");
  EXPECT_EQ(store.record_count(), 3u);
}

TEST(Migration, ANewFileHasTheSameTableAsAMigratedOne) {
  TempDir tmp;
  fs::path fresh = tmp.path() / "new.sqlite", old = tmp.path() / "old.sqlite";
  { Store store(fresh); }
  make_version1(old);
  { Store store(old); }
  EXPECT_EQ(record_columns(fresh), record_columns(old));
}

TEST(Migration, AFailedMigrationLeavesTheFileAtItsVersion) {
  // A version-1 file that already has one of version 2's columns (made by hand): the step fails
  // half-way, and the transaction takes back the columns it had added.
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  make_version1(db);
  {
    sql::Connection c(db);
    c.exec("ALTER TABLE records ADD COLUMN rule TEXT");
  }
  EXPECT_THROW(Store{db}, DatabaseError);
  EXPECT_EQ(int_of(db, "PRAGMA user_version"), 1);
  EXPECT_EQ(record_columns(db).count("action"), 0u);
  EXPECT_EQ(int_of(db, "SELECT count(*) FROM records"), 2);
}

TEST(Migration, AVersionBelowOneIsRefused) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  make_version1(db);
  {
    sql::Connection c(db);
    c.exec("PRAGMA user_version = 0");
  }
  EXPECT_THROW(Store{db}, DatabaseError);
}

// Store::reclassify.

StoredRecord bounce(const std::string& recipient, const std::string& date, const std::string& diagnostic) {
  StoredRecord r;
  r.recipient = recipient;
  r.recipient_domain = "example.com";
  r.date = date;
  r.reason = "onhold";
  r.bounce = "soft";
  r.evidence = "weak";
  r.diagnostic = diagnostic;
  return r;
}

void fill(Store& store, int n) {
  for (int i = 0; i < n; ++i) {
    std::string day = std::to_string(10 + i % 20);
    store.add(StoredMessage{"f" + std::to_string(i), "box#" + std::to_string(i), "bounce", "2026-11-01T00:00:00Z", ""},
              {bounce("u" + std::to_string(i) + "@example.com", "2026-11-" + day + "T00:00:00Z",
                      i % 2 ? "odd wording" : "even wording")});
  }
  store.commit();
}

// The test's classifier: "odd wording" is userunknown, the rest stays as it is.
void decide(StoredRecord& r) {
  if (r.diagnostic != "odd wording") return;
  r.reason = "userunknown";
  r.bounce = "hard";
  r.evidence = "user_rule";
  r.rule = "odd wording";
}

TEST(Reclassify, RewritesOnlyTheChangedVerdictsOfTheWindowInBatches) {
  TempDir tmp;
  Store store(tmp.path() / "h.sqlite");
  fill(store, 40);
  std::vector<std::uint64_t> batches;
  Store::Reclassified done = store.reclassify("2026-11-20T00:00:00Z", decide, 7,
                                              [&](const Store::Reclassified& so_far) { batches.push_back(so_far.batches); });
  // Days 20..29: i % 20 >= 10, 20 of the 40 records, 10 of them odd.
  EXPECT_EQ(done.records, 20u);
  EXPECT_EQ(done.changed, 10u);
  EXPECT_EQ(done.batches, 3u);
  EXPECT_EQ(batches, (std::vector<std::uint64_t>{1, 2, 3}));
  int userunknown_in = 0, userunknown_out = 0;
  store.for_each_record("", [&](const StoredRecord& r) {
    bool in_window = r.date >= "2026-11-20T00:00:00Z";
    if (r.reason == "userunknown") (in_window ? userunknown_in : userunknown_out)++;
    if (r.reason == "userunknown") {
      EXPECT_EQ(r.rule, "odd wording");
      EXPECT_EQ(r.bounce, "hard");
    }
    EXPECT_EQ(r.diagnostic == "odd wording" && in_window, r.reason == "userunknown") << r.recipient;
  });
  EXPECT_EQ(userunknown_in, 10);
  EXPECT_EQ(userunknown_out, 0);
  // Again: the same verdicts, nothing rewritten.
  Store::Reclassified again = store.reclassify("2026-11-20T00:00:00Z", decide, 7);
  EXPECT_EQ(again.records, 20u);
  EXPECT_EQ(again.changed, 0u);
}

TEST(Reclassify, AnInterruptedRunKeepsEachRowOldOrNewAndARerunFinishes) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  {
    Store store(db);
    fill(store, 30);
  }
  struct Stop {};
  {
    Store store(db);
    int calls = 0;
    // The decider fails in the middle of the third batch of 5: two batches are committed.
    EXPECT_THROW(store.reclassify("", [&](StoredRecord& r) {
      if (++calls == 13) throw Stop{};
      decide(r);
    }, 5), Stop);
  }
  {
    Store store(db);
    int changed = 0;
    store.for_each_record("", [&](const StoredRecord& r) { changed += r.reason == "userunknown"; });
    EXPECT_EQ(changed, 5);  // records 1..10: the odd ones of the two committed batches
    Store::Reclassified rest = store.reclassify("", decide, 5);
    EXPECT_EQ(rest.changed, 10u);
    changed = 0;
    store.for_each_record("", [&](const StoredRecord& r) { changed += r.reason == "userunknown"; });
    EXPECT_EQ(changed, 15);
  }
}

TEST(Reclassify, OtherFieldsAreNotWritten) {
  TempDir tmp;
  Store store(tmp.path() / "h.sqlite");
  fill(store, 2);
  store.reclassify("", [](StoredRecord& r) {
    r.diagnostic = "changed";
    r.recipient = "x@y";
    r.reason = "blocked";
  });
  store.for_each_record("", [](const StoredRecord& r) {
    EXPECT_EQ(r.reason, "blocked");
    EXPECT_NE(r.diagnostic, "changed");
    EXPECT_NE(r.recipient, "x@y");
  });
}

}  // namespace

// Version 2 as it shipped (version 1 plus the step 1 -> 2), written out here like kVersion1.
constexpr const char* kVersion2Step = R"sql(
ALTER TABLE records ADD COLUMN action          TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN smtp_command    TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN diagnostic_type TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN reporting_mta   TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN hint            TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN inferred_status TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN evidence        TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN rule            TEXT NOT NULL DEFAULT '';
UPDATE records SET evidence = 'text_rule', rule = 'no mailbox' WHERE id = 1;
PRAGMA user_version = 2;
)sql";

TEST(Migration, AVersion2DatabaseGetsListSenderAndReportedRecipient) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  make_version1(db);
  {
    sql::Connection c(db);
    c.exec(kVersion2Step);
  }
  ASSERT_EQ(int_of(db, "PRAGMA user_version"), 2);
  ASSERT_EQ(record_columns(db).count("mailing_list"), 0u);
  {
    Store store(db);
    StoredRecord r;
    r.date = "2026-11-01T00:00:00Z";
    r.recipient = "ann.smith@example.com";
    r.reported_recipient = "ann@forward.example.net";
    r.list = "news.example.org";
    r.sender = "news@example.org";
    r.evidence = "nothing";
    store.add(StoredMessage{"f3", "new.mbox#1@0", "bounce", "2026-11-01T00:00:00Z", ""}, {r});
    store.commit();
  }
  EXPECT_EQ(int_of(db, "PRAGMA user_version"), Store::kSchemaVersion);
  for (const char* column : {"reported_recipient", "mailing_list", "sender"})
    EXPECT_EQ(record_columns(db).count(column), 1u) << column;
  Store store(db);
  std::vector<StoredRecord> seen;
  store.for_each_record("", [&](const StoredRecord& r) { seen.push_back(r); });
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].rule, "no mailbox");  // version 2's columns kept
  for (std::size_t i = 0; i < 2; ++i) {   // the old rows: '' in the new columns
    EXPECT_EQ(seen[i].list, "");
    EXPECT_EQ(seen[i].sender, "");
    EXPECT_EQ(seen[i].reported_recipient, "");
  }
  EXPECT_EQ(seen[2].recipient, "ann.smith@example.com");
  EXPECT_EQ(seen[2].reported_recipient, "ann@forward.example.net");
  EXPECT_EQ(seen[2].list, "news.example.org");
  EXPECT_EQ(seen[2].sender, "news@example.org");
}

// Version 5 as it shipped: version 2 plus the steps 2 -> 3 (host), 3 -> 4 (runs) and 4 -> 5
// (records' list, sender, reported recipient), written out here like kVersion1, with one
// recorded run (a whole run: version 5 recorded no other) and its list.
constexpr const char* kVersion5Steps = R"sql(
ALTER TABLE messages ADD COLUMN host TEXT NOT NULL DEFAULT '';
CREATE TABLE runs (
  id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT NOT NULL, host TEXT NOT NULL,
  inputs TEXT NOT NULL, since TEXT NOT NULL, policy TEXT NOT NULL, log_position INTEGER NOT NULL,
  read_messages INTEGER NOT NULL, new_messages INTEGER NOT NULL, run_records INTEGER NOT NULL,
  messages INTEGER NOT NULL, records INTEGER NOT NULL, hard INTEGER NOT NULL, soft INTEGER NOT NULL,
  recipients INTEGER NOT NULL, suppressed INTEGER NOT NULL, watched INTEGER NOT NULL);
CREATE TABLE run_suppressions (
  run INTEGER NOT NULL REFERENCES runs(id), address TEXT NOT NULL, reason TEXT NOT NULL, rule TEXT NOT NULL,
  first_bounce TEXT NOT NULL, last_bounce TEXT NOT NULL, PRIMARY KEY (run, address));
CREATE TABLE run_flags (
  run INTEGER NOT NULL REFERENCES runs(id), kind TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (run, kind, name));
ALTER TABLE records ADD COLUMN reported_recipient TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN mailing_list       TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN sender             TEXT NOT NULL DEFAULT '';
INSERT INTO runs VALUES (1, '2026-10-03T02:00:00Z', '2026-10-03T02:01:00Z', 'mx1', '[]', '', 'hard', 0,
  1, 1, 2, 1, 2, 1, 0, 2, 1, 0);
INSERT INTO run_suppressions VALUES (1, 'ann@example.org', 'userunknown', 'hard', '2026-10-01T00:00:00Z',
  '2026-10-01T00:00:00Z');
PRAGMA user_version = 5;
)sql";

// Version 6 (runs per list): the runs a version-5 history recorded are whole runs; a list's
// first run after the migration is a first run, and recording it keeps the whole run's list.
TEST(Migration, AVersion5HistoryKeepsItsRunAsAWholeRun) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  make_version1(db);
  {
    sql::Connection c(db);
    c.exec(kVersion2Step);
    c.exec(kVersion5Steps);
  }
  ASSERT_EQ(int_of(db, "PRAGMA user_version"), 5);
  {
    bouncekit::history::Runs news(db, "news.example.org");
    EXPECT_FALSE(news.previous());
    EXPECT_FALSE(news.next_previous_suppression());
    news.add_suppression({"bob@example.org", "userunknown", "hard", "", ""});
    bouncekit::history::RunRecord r;
    r.started = "2026-10-04T02:00:00Z";
    EXPECT_EQ(news.commit(r), 2);
  }
  EXPECT_EQ(int_of(db, "PRAGMA user_version"), Store::kSchemaVersion);
  bouncekit::history::Runs whole(db);
  auto previous = whole.previous();
  ASSERT_TRUE(previous);
  EXPECT_EQ(previous->started, "2026-10-03T02:00:00Z");
  EXPECT_EQ(previous->list, "");
  EXPECT_EQ(previous->suppressed, 1u);
  auto first = whole.next_previous_suppression();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->address, "ann@example.org");
  EXPECT_FALSE(whole.next_previous_suppression());
  EXPECT_EQ(int_of(db, "SELECT count(*) FROM runs WHERE mailing_list = 'news.example.org'"), 1);
}
