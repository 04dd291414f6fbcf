// The history's behaviour on both back ends: every test here runs once on an SQLite file and
// once on a PostgreSQL database of a throwaway server (tests/postgres_server.hpp). Store,
// prune, overrides and schema versions, through the one interface the rest of the code uses.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bouncekit/history.hpp"
#include "history/connection.hpp"
#include "history/quarantine_table.hpp"
#include "postgres_server.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
namespace db = bouncekit::history::db;
using bouncekit::analysis::RecipientHistory;
using bouncekit::analysis::StoredRecord;
using bouncekit::history::DatabaseError;
using bouncekit::history::Overrides;
using bouncekit::history::Store;
using bouncekit::history::StoredMessage;
using bouncekit::test::TempDir;

StoredRecord record(const std::string& recipient, const std::string& date, const std::string& reason = "mailboxfull") {
  StoredRecord r;
  r.recipient = recipient;
  r.recipient_domain = recipient.substr(recipient.find('@') + 1);
  r.date = date;
  r.reason = reason;
  r.bounce = reason == "userunknown" ? "hard" : "soft";
  r.action_owner = "recipient";
  r.status = "4.2.2";
  r.diagnostic = "said about " + recipient;
  r.decoded_by = "rfc3464";
  r.evidence = "status";
  return r;
}

StoredMessage message(const std::string& name, const std::string& counted = "2026-11-22T02:30:00Z",
                      const std::string& host = "mx1") {
  return StoredMessage{bouncekit::history::fingerprint(name), "box#" + name, "bounce", counted, host};
}

std::int64_t int_of(const std::string& target, const std::string& sql) {
  auto c = db::open(target);
  db::Statement s(*c, sql);
  return s.step() ? s.column_int(0) : -1;
}

class Backends : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") {
      target_ = (tmp_.path() / "h.sqlite").string();
      return;
    }
    BOUNCEKIT_REQUIRE_POSTGRES(server);
    server_ = server;
    target_ = server->create_database();
  }
  bool postgres() const { return GetParam() == "postgresql"; }
  std::string schema_version() {
    return std::to_string(int_of(target_, postgres() ? "SELECT CAST(value AS BIGINT) FROM bouncekit_meta"
                                                       " WHERE name = 'schema_version'"
                                                     : "PRAGMA user_version"));
  }

  TempDir tmp_;
  std::string target_;
  bouncekit::test::PostgresServer* server_ = nullptr;
};

TEST_P(Backends, TargetIsRecognised) {
  EXPECT_EQ(bouncekit::history::is_server(target_), postgres());
}

TEST_P(Backends, ANewHistoryHasTheCurrentSchemaVersion) {
  { Store store(target_); }
  EXPECT_EQ(schema_version(), std::to_string(Store::kSchemaVersion));
  { Store again(target_); }  // opening again changes nothing
  EXPECT_EQ(schema_version(), std::to_string(Store::kSchemaVersion));
}

TEST_P(Backends, EachMessageIsStoredOnceWithItsRecordsAndItsHost) {
  Store store(target_, 2);
  bool stored = false;
  EXPECT_FALSE(store.add(message("a"), {record("x@a.example", "2026-11-01T00:00:00Z")}, &stored));
  EXPECT_TRUE(stored);
  // The second message fills the batch of two: committed.
  EXPECT_TRUE(store.add(message("b", "2026-11-22T02:30:00Z", "mx2"),
                        {record("y@b.example", "2026-11-02T00:00:00Z"), record("z@b.example", "2026-11-02T00:00:00Z")},
                        &stored));
  EXPECT_TRUE(stored);
  store.add(message("a", "2026-11-23T00:00:00Z", "mx9"), {record("x@a.example", "2026-11-05T00:00:00Z")}, &stored);
  EXPECT_FALSE(stored);  // already stored: nothing added, nothing doubled
  store.commit();
  EXPECT_EQ(store.message_count(), 2u);
  EXPECT_EQ(store.record_count(), 3u);
  EXPECT_EQ(store.batches_committed(), 2u);
  EXPECT_TRUE(store.contains(bouncekit::history::fingerprint("a")));
  EXPECT_FALSE(store.contains(bouncekit::history::fingerprint("c")));
  EXPECT_EQ(store.kind_of(bouncekit::history::fingerprint("b")), std::optional<std::string>("bounce"));
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM messages WHERE host = 'mx1'"), 1);
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM messages WHERE host = 'mx2'"), 1);
}

// add() with a callback: each message's outcome once known (at once on SQLite; on PostgreSQL
// once the writer thread wrote its part of the batch and a later call took the answer back), in
// the order of the add() calls: a new message is stored with its
// kind, a copy (earlier in the same batch, or stored by an earlier batch) is not, and gets the
// kind stored for it; its records are not stored. The records read back in the order they were
// added, whatever the fingerprints' order.
TEST_P(Backends, AddReportsEachOutcomeInOrderAndACopyAddsNothing) {
  Store store(target_, 3);
  std::vector<std::string> outcomes;
  auto note = [&outcomes](const std::string& name) {
    return [&outcomes, name](bool stored, const std::string& kind) {
      outcomes.push_back(name + (stored ? " stored " : " known ") + kind);
    };
  };
  StoredMessage feedback = message("c");
  feedback.kind = "feedback";
  ASSERT_GT(message("b").fingerprint, feedback.fingerprint) << "batch 1 must come out of fingerprint order";
  // Batch 1 (three messages): "b", then "c", then "c" again (a copy within the batch).
  EXPECT_FALSE(store.add(message("b"), {record("b1@x.example", "2026-11-01T00:00:00Z"),
                                        record("b2@x.example", "2026-11-01T00:00:00Z")}, note("b")));
  EXPECT_FALSE(store.add(feedback, {record("c@x.example", "2026-11-01T00:00:00Z")}, note("c")));
  EXPECT_TRUE(store.contains(feedback.fingerprint));
  EXPECT_EQ(store.kind_of(feedback.fingerprint), "feedback");
  // It fills the batch: committed at once on SQLite; on PostgreSQL the batch is handed to the
  // writer, and its COMMIT goes with the next call (add() says true once a COMMIT is done).
  EXPECT_EQ(store.add(feedback, {record("c-copy@x.example", "2026-11-01T00:00:00Z")}, note("c-copy")), !postgres());
  // Batch 2: a copy of "b" stored by batch 1, and a new "a"; written by commit().
  EXPECT_FALSE(store.add(message("b"), {record("b-copy@x.example", "2026-11-01T00:00:00Z")}, note("b-copy")));
  EXPECT_FALSE(store.add(message("a"), {record("a@x.example", "2026-11-01T00:00:00Z")}, note("a")));
  store.commit();
  EXPECT_EQ(store.batches_committed(), 2u);
  EXPECT_EQ(outcomes, (std::vector<std::string>{"b stored bounce", "c stored feedback", "c-copy known feedback",
                                                "b-copy known bounce", "a stored bounce"}));
  EXPECT_EQ(store.message_count(), 3u);
  EXPECT_EQ(store.record_count(), 4u);
  std::vector<std::string> order;
  store.for_each_record("", [&](const StoredRecord& r) { order.push_back(r.recipient); });
  EXPECT_EQ(order, (std::vector<std::string>{"b1@x.example", "b2@x.example", "c@x.example", "a@x.example"}));
}

// A batch larger than the most messages a Store holds (2,000 on PostgreSQL) is written in
// parts, still in one transaction: the parts' outcomes come before the batch commits, and a read
// on the Store's own connection sees them all. (SQLite writes, and answers, each message at once;
// PostgreSQL's writer thread has the first part in flight, answered at the next handing over.)
TEST_P(Backends, ALargeBatchIsWrittenInPartsAndCommittedWhole) {
  Store store(target_, 5000);
  int answered = 0;
  for (int i = 0; i < 2100; ++i)
    store.add(message("big" + std::to_string(i)), {record("u@x.example", "2026-11-01T00:00:00Z")},
              [&answered](bool stored, const std::string&) { answered += stored ? 1 : 1000000; });
  EXPECT_EQ(answered, postgres() ? 0 : 2100);
  EXPECT_EQ(store.batches_committed(), 0u);
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM messages"), 0);  // another connection sees nothing yet
  EXPECT_EQ(store.message_count(), 2100u);  // the open transaction, every answer taken back first
  EXPECT_EQ(answered, 2100);
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM messages"), 0);  // still not committed
  store.commit();
  EXPECT_EQ(answered, 2100);
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM records"), 2100);

  // So is a batch of few messages with many records (20,000 at most held on PostgreSQL).
  answered = 0;
  std::vector<StoredRecord> many(10000, record("v@x.example", "2026-11-01T00:00:00Z"));
  for (int i = 0; i < 3; ++i)
    store.add(message("many" + std::to_string(i)), many, [&answered](bool, const std::string&) { ++answered; });
  EXPECT_EQ(answered, postgres() ? 0 : 3);
  store.commit();
  EXPECT_EQ(answered, 3);
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM records"), 32100);
}

// When add() says a batch was committed (the moment `report` tells its on_batch_committed hook,
// which the kill tests use to SIGKILL a run), another connection sees exactly the batches
// committed so far, and no later batch commits before the next call: a run killed then keeps N
// batches whole. PostgreSQL's writer thread writes the next batch meanwhile, but its COMMIT waits.
TEST_P(Backends, NoBatchCommitsBeforeTheCallerHeardOfTheOneBefore) {
  Store store(target_, 3);
  std::uint64_t told = 0;
  for (int i = 0; i < 20; ++i) {
    if (!store.add(message("k" + std::to_string(i)), {record("k@x.example", "2026-11-01T00:00:00Z")},
                   Store::Added{}))
      continue;
    ++told;
    EXPECT_EQ(store.batches_committed(), told);
    EXPECT_EQ(int_of(target_, "SELECT count(*) FROM messages"), static_cast<std::int64_t>(3 * told)) << i;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the writer's time to do anything more
    EXPECT_EQ(int_of(target_, "SELECT count(*) FROM messages"), static_cast<std::int64_t>(3 * told)) << i;
  }
  EXPECT_GE(told, 5u);  // 20 messages, 6 complete batches: all but the last told of by a later add()
  store.commit();
  EXPECT_EQ(store.batches_committed(), 7u);
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM messages"), 20);
}

TEST_P(Backends, WhatIsNotCommittedIsNotSeenAndIsRolledBack) {
  {
    Store store(target_, 100);
    EXPECT_TRUE(store.empty());
    store.add(message("a"), {record("x@a.example", "2026-11-01T00:00:00Z")});
    EXPECT_FALSE(store.empty());  // pending, on its own connection
    Store other(target_);
    EXPECT_EQ(other.message_count(), 0u);
  }  // destroyed without commit()
  Store store(target_);
  EXPECT_EQ(store.message_count(), 0u);
  EXPECT_EQ(store.record_count(), 0u);
}

TEST_P(Backends, WindowQueriesStreamInStorageAndAddressOrder) {
  Store store(target_);
  // Addresses whose byte order differs from a natural-language collation's: '-' < '.' < 'b'.
  store.add(message("m1"), {record("ab@x.example", "2026-11-03T00:00:00Z"),
                            record("a.b@x.example", "2026-11-01T00:00:00Z")});
  store.add(message("m2"), {record("a-b@x.example", "2026-11-02T00:00:00Z"),
                            record("ab@x.example", "2026-11-02T00:00:00Z"),
                            record("old@x.example", "2026-10-01T00:00:00Z")});
  store.commit();
  std::vector<std::string> order;
  store.for_each_record("2026-11-01T00:00:00Z", [&](const StoredRecord& r) {
    order.push_back(r.recipient + "/" + r.origin);
    EXPECT_EQ(r.diagnostic, "said about " + r.recipient);
  });
  EXPECT_EQ(order, (std::vector<std::string>{"ab@x.example/box#m1", "a.b@x.example/box#m1",
                                             "a-b@x.example/box#m2", "ab@x.example/box#m2"}));
  std::vector<std::string> recipients;
  std::vector<std::string> ab_dates;
  store.for_each_recipient("2026-11-01T00:00:00Z", [&](const RecipientHistory& h) {
    recipients.push_back(h.recipient);
    if (h.recipient == "ab@x.example")
      for (const auto& r : h.records) ab_dates.push_back(r.date);
  });
  EXPECT_EQ(recipients, (std::vector<std::string>{"a-b@x.example", "a.b@x.example", "ab@x.example"}));
  EXPECT_EQ(ab_dates, (std::vector<std::string>{"2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z"}));
}

TEST_P(Backends, ReclassifyRewritesOnlyChangedVerdicts) {
  Store store(target_);
  for (int i = 0; i < 5; ++i)
    store.add(message("r" + std::to_string(i)), {record("u" + std::to_string(i) + "@x.example", "2026-11-01T00:00:00Z")});
  store.commit();
  auto done = store.reclassify(
      "", [](StoredRecord& r) { if (r.recipient < "u2") r.reason = "userunknown"; }, 2);
  EXPECT_EQ(done.records, 5u);
  EXPECT_EQ(done.changed, 2u);
  EXPECT_EQ(done.batches, 3u);
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM records WHERE reason = 'userunknown'"), 2);
}

TEST_P(Backends, PruneForgetsOldMessagesWithTheirRecordsInBatches) {
  {
    Store store(target_);
    for (int i = 0; i < 5; ++i)
      store.add(message("p" + std::to_string(i), "2026-0" + std::to_string(i + 1) + "-01T00:00:00Z"),
                {record("p@x.example", "2026-11-01T00:00:00Z"), record("q@x.example", "2026-11-01T00:00:00Z")});
    store.commit();
  }
  auto pruned = bouncekit::history::prune(target_, "2026-04-01T00:00:00Z", 2);
  EXPECT_EQ(pruned.messages, 3u);
  EXPECT_EQ(pruned.records, 6u);
  EXPECT_EQ(pruned.batches, 2u);
  Store store(target_);
  EXPECT_EQ(store.message_count(), 2u);
  EXPECT_EQ(store.record_count(), 4u);
  EXPECT_EQ(bouncekit::history::prune(target_, "2026-04-01T00:00:00Z", 2).messages, 0u);
}

TEST_P(Backends, OverridesAllowUnallowForgetAndLog) {
  {
    Store store(target_);
    store.add(message("o"), {record("gone@x.example", "2026-11-01T00:00:00Z"),
                             record("kept@x.example", "2026-11-01T00:00:00Z")});
    store.commit();
  }
  Overrides overrides(target_);
  EXPECT_TRUE(overrides.allow("Kept@X.example", "2026-11-22T00:00:00Z", "vip"));
  EXPECT_FALSE(overrides.allow("kept@x.example", "2026-11-22T00:00:01Z", ""));
  EXPECT_EQ(overrides.allowed(), (std::set<std::string>{"kept@x.example"}));
  EXPECT_EQ(overrides.forget("gone@x.example", "2026-11-22T00:00:02Z", ""), 1u);
  EXPECT_TRUE(overrides.unallow("kept@x.example", "2026-11-22T00:00:03Z", ""));
  EXPECT_FALSE(overrides.unallow("kept@x.example", "2026-11-22T00:00:04Z", ""));
  std::vector<std::string> log;
  overrides.for_each_event([&](const bouncekit::history::OverrideEvent& e) {
    log.push_back(e.action + " " + e.address + " " + std::to_string(e.records) + " " + e.note);
  });
  EXPECT_EQ(log, (std::vector<std::string>{"allow kept@x.example 0 vip", "forget gone@x.example 1 ",
                                           "unallow kept@x.example 0 "}));
  EXPECT_TRUE(overrides.allowed().empty());
  EXPECT_EQ(Store(target_).record_count(), 1u);
}

// The quarantine table (schema version 7): fingerprints added in one transaction, each once
// whoever adds it again (a rerun importing the same file, another host), and read back.
TEST_P(Backends, QuarantineTableKeepsEachFingerprintOnce) {
  using bouncekit::history::QuarantineTable;
  const std::string a = bouncekit::history::fingerprint("a"), b = bouncekit::history::fingerprint("b");
  {
    QuarantineTable table(target_);
    EXPECT_TRUE(table.fingerprints().empty());
    EXPECT_EQ(table.add({a}, "2026-11-22T02:30:00Z", "mx1"), 1u);
    EXPECT_EQ(table.add({a, b}, "2026-11-23T02:30:00Z", "mx2"), 1u);
    EXPECT_EQ(table.add({}, "2026-11-23T02:30:00Z", "mx2"), 0u);
  }
  EXPECT_EQ(schema_version(), std::to_string(Store::kSchemaVersion));
  QuarantineTable again(target_);
  EXPECT_EQ(again.fingerprints(), (std::unordered_set<std::string>{a, b}));
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM quarantine WHERE host = 'mx1'"), 1);
}

// prune() forgets quarantine rows imported before its cutoff, on both back ends (one portable
// DELETE), with or without messages to prune.
TEST_P(Backends, PruneForgetsQuarantineRowsImportedBeforeTheCutoff) {
  using bouncekit::history::QuarantineTable;
  const std::string a = bouncekit::history::fingerprint("a"), b = bouncekit::history::fingerprint("b"),
                    c = bouncekit::history::fingerprint("c");
  {
    QuarantineTable table(target_);
    table.add({a, b}, "2026-02-01T00:00:00Z", "mx1");
    table.add({c}, "2026-05-01T00:00:00Z", "mx2");
  }
  auto pruned = bouncekit::history::prune(target_, "2026-04-01T00:00:00Z");
  EXPECT_EQ(pruned.messages, 0u);
  EXPECT_EQ(pruned.quarantined, 2u);
  EXPECT_EQ(QuarantineTable(target_).fingerprints(), (std::unordered_set<std::string>{c}));
  EXPECT_EQ(bouncekit::history::prune(target_, "2026-04-01T00:00:00Z").quarantined, 0u);
  EXPECT_EQ(bouncekit::history::prune(target_, "2026-06-01T00:00:00Z").quarantined, 1u);
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM quarantine"), 0);
}

// A history written by schema version 2 (its DDL written out here, as that version made it) is
// migrated to the current version when opened, and keeps its rows; the new host column of old
// messages reads ''.
TEST_P(Backends, AVersion2HistoryIsMigrated) {
  {
    // Written as both back ends' version 2 was made: the portable spelling, mapped for PostgreSQL.
    auto c = db::open(target_);
    const std::string text = "TEXT";
    const std::string id = "INTEGER PRIMARY KEY";
    std::string ddl = "CREATE TABLE messages (id " + id + ", fingerprint " + text + " NOT NULL UNIQUE, origin " + text +
                      " NOT NULL, kind " + text + " NOT NULL, first_counted " + text + " NOT NULL);";
    ddl += "CREATE TABLE records (id " + id + ", message INTEGER NOT NULL REFERENCES messages(id)";
    for (const char* column : {"date", "recipient", "recipient_domain", "reason", "bounce", "action_owner", "status",
                               "reply_code", "remote_mta", "diagnostic", "decoded_by", "feedback_type"})
      ddl += std::string(", ") + column + " " + text + " NOT NULL";
    for (const char* column : {"action", "smtp_command", "diagnostic_type", "reporting_mta", "hint",
                               "inferred_status", "evidence", "rule"})
      ddl += std::string(", ") + column + " " + text + " NOT NULL DEFAULT ''";
    ddl += ");CREATE INDEX records_by_recipient ON records(recipient, date);";
    ddl += "INSERT INTO messages (fingerprint, origin, kind, first_counted) VALUES ('f1', 'old.mbox', 'bounce', "
           "'2026-10-01T00:00:00Z');";
    ddl += "INSERT INTO records (message, date, recipient, recipient_domain, reason, bounce, action_owner, status,"
           " reply_code, remote_mta, diagnostic, decoded_by, feedback_type) SELECT id, '2026-10-01T00:00:00Z',"
           " 'old@x.example', 'x.example', 'userunknown', 'hard', 'recipient', '5.1.1', '550', '', 'no such user',"
           " 'rfc3464', '' FROM messages;";
    if (postgres())
      ddl += "CREATE TABLE bouncekit_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
             "INSERT INTO bouncekit_meta VALUES ('application', 'bouncekit history'), ('schema_version', '2');";
    else
      ddl += "PRAGMA application_id = 1651206249; PRAGMA user_version = 2;";
    c->exec(ddl);
  }
  std::vector<StoredRecord> seen;
  {
    Store store(target_);
    store.for_each_record("", [&](const StoredRecord& r) { seen.push_back(r); });
    store.add(message("new"), {record("new@x.example", "2026-11-01T00:00:00Z")});
    store.commit();
  }
  EXPECT_EQ(schema_version(), std::to_string(Store::kSchemaVersion));
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].recipient, "old@x.example");
  EXPECT_EQ(seen[0].diagnostic, "no such user");
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM messages WHERE host = ''"), 1);
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM messages WHERE host = 'mx1'"), 1);
}

// A history as the version before (schema 7) made it, written out here (the portable spelling,
// mapped for PostgreSQL as that version did), is brought to version 8 when opened: its rows are
// kept and new ones added. Version 8 drops PostgreSQL's foreign key records.message ->
// messages(id) (the writer keeps it: docs/history.md); SQLite keeps its key.
TEST_P(Backends, AVersion7HistoryIsMigratedAndOnlyPostgresqlDropsTheRecordsForeignKey) {
  {
    auto c = db::open(target_);
    std::string ddl =
        "CREATE TABLE messages (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL UNIQUE, origin TEXT NOT NULL,"
        " kind TEXT NOT NULL, first_counted TEXT NOT NULL, host TEXT NOT NULL DEFAULT '');"
        "CREATE TABLE records (id INTEGER PRIMARY KEY, message INTEGER NOT NULL REFERENCES messages(id)";
    for (const char* column : {"date", "recipient", "recipient_domain", "reason", "bounce", "action_owner", "status",
                               "reply_code", "remote_mta", "diagnostic", "decoded_by", "feedback_type"})
      ddl += std::string(", ") + column + " TEXT NOT NULL";
    for (const char* column : {"action", "smtp_command", "diagnostic_type", "reporting_mta", "hint",
                               "inferred_status", "evidence", "rule", "reported_recipient", "mailing_list", "sender"})
      ddl += std::string(", ") + column + " TEXT NOT NULL DEFAULT ''";
    ddl += ");CREATE INDEX records_by_recipient ON records(recipient, date);"
           "CREATE TABLE runs (id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT NOT NULL,"
           " host TEXT NOT NULL, inputs TEXT NOT NULL, since TEXT NOT NULL, policy TEXT NOT NULL,"
           " log_position INTEGER NOT NULL, read_messages INTEGER NOT NULL, new_messages INTEGER NOT NULL,"
           " run_records INTEGER NOT NULL, messages INTEGER NOT NULL, records INTEGER NOT NULL, hard INTEGER NOT NULL,"
           " soft INTEGER NOT NULL, recipients INTEGER NOT NULL, suppressed INTEGER NOT NULL,"
           " watched INTEGER NOT NULL, mailing_list TEXT NOT NULL DEFAULT '');"
           "CREATE TABLE run_suppressions (run INTEGER NOT NULL REFERENCES runs(id), address TEXT NOT NULL,"
           " reason TEXT NOT NULL, rule TEXT NOT NULL, first_bounce TEXT NOT NULL, last_bounce TEXT NOT NULL,"
           " PRIMARY KEY (run, address));"
           "CREATE TABLE run_flags (run INTEGER NOT NULL REFERENCES runs(id), kind TEXT NOT NULL, name TEXT NOT NULL,"
           " PRIMARY KEY (run, kind, name));"
           "CREATE INDEX runs_by_list ON runs(mailing_list, id);"
           "CREATE TABLE quarantine (fingerprint TEXT PRIMARY KEY, since TEXT NOT NULL, host TEXT NOT NULL);"
           "CREATE INDEX messages_by_first_counted ON messages(first_counted);"
           "CREATE INDEX records_by_message ON records(message);"
           "INSERT INTO messages (fingerprint, origin, kind, first_counted, host) VALUES ('f7', 'old.mbox', 'bounce',"
           " '2026-10-01T00:00:00Z', 'mx7');"
           "INSERT INTO records (message, date, recipient, recipient_domain, reason, bounce, action_owner, status,"
           " reply_code, remote_mta, diagnostic, decoded_by, feedback_type, mailing_list) SELECT id,"
           " '2026-10-01T00:00:00Z', 'old@x.example', 'x.example', 'userunknown', 'hard', 'recipient', '5.1.1', '550',"
           " '', 'no such user', 'rfc3464', '', 'news.x.example' FROM messages;";
    if (postgres())
      ddl += "CREATE TABLE bouncekit_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
             "INSERT INTO bouncekit_meta VALUES ('application', 'bouncekit history'), ('schema_version', '7');";
    else
      ddl += "PRAGMA application_id = 1651206249; PRAGMA user_version = 7;";
    c->exec(ddl);
  }
  const std::string foreign_keys = postgres() ? "SELECT count(*) FROM pg_catalog.pg_constraint"
                                                " WHERE conrelid = 'records'::regclass AND contype = 'f'"
                                              : "SELECT count(*) FROM pragma_foreign_key_list('records')";
  ASSERT_EQ(int_of(target_, foreign_keys), 1);
  std::vector<StoredRecord> seen;
  {
    Store store(target_);
    store.for_each_record("", [&](const StoredRecord& r) { seen.push_back(r); });
    store.add(message("new"), {record("new@x.example", "2026-11-01T00:00:00Z"),
                               record("two@x.example", "2026-11-01T00:00:00Z")});
    store.commit();
    EXPECT_EQ(store.record_count(), 3u);
  }
  EXPECT_EQ(schema_version(), "8");
  EXPECT_EQ(int_of(target_, foreign_keys), postgres() ? 0 : 1);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].recipient, "old@x.example");
  EXPECT_EQ(seen[0].list, "news.x.example");
  EXPECT_EQ(seen[0].host, "mx7");
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM records r JOIN messages m ON m.id = r.message WHERE m.host = 'mx1'"),
            2);
  { Store again(target_); }  // opens again without a change
  EXPECT_EQ(schema_version(), "8");
  // Nothing but our writer keeps the key on PostgreSQL: a record of no message is taken there,
  // and the fleet tests' check (tests/fleet, orphan_records) would count it. SQLite refuses it.
  const char* orphan =
      "INSERT INTO records (message, date, recipient, recipient_domain, reason, bounce, action_owner, status,"
      " reply_code, remote_mta, diagnostic, decoded_by, feedback_type) VALUES (999999, '', 'x@y', 'y', '', '', '', '',"
      " '', '', '', '', '')";
  auto c = db::open(target_);
  if (postgres()) {
    c->exec(orphan);
    EXPECT_EQ(int_of(target_, "SELECT count(*) FROM records r WHERE NOT EXISTS"
                              " (SELECT 1 FROM messages m WHERE m.id = r.message)"),
              1);
  } else {
    c->exec("PRAGMA foreign_keys = ON");
    EXPECT_THROW(c->exec(orphan), DatabaseError);
  }
}

// Text goes to the server byte for byte, whatever it holds (COPY's binary format on PostgreSQL,
// history/pg_batch.cpp): quotes, backslashes, braces and commas (an array literal's syntax),
// tabs and line ends (a text COPY's), and UTF-8 beyond ASCII.
TEST_P(Backends, RecordTextIsStoredByteForByte) {
  const std::string odd = "a \"quoted\" \\N back\\slash {x,y} tab\there\r\nline\nend \xC3\xBC \xE2\x80\x94 'q' \\\\";
  StoredRecord r = record("odd@x.example", "2026-11-01T00:00:00Z");
  r.diagnostic = odd;
  r.remote_mta = "";
  r.rule = std::string(3000, 'z') + odd;
  {
    Store store(target_);
    store.add(message("odd"), {r});
    store.commit();
  }
  Store store(target_);
  std::vector<StoredRecord> seen;
  store.for_each_record("", [&](const StoredRecord& s) { seen.push_back(s); });
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].diagnostic, odd);
  EXPECT_EQ(seen[0].rule, r.rule);
  EXPECT_EQ(seen[0].remote_mta, "");
  EXPECT_EQ(seen[0].recipient, "odd@x.example");
  EXPECT_EQ(seen[0].status, "4.2.2");
}

// A long suppression list (PostgreSQL sends it a part at a time: history/runs.cpp) is recorded
// whole, each field as given, an address given twice once; a run that is not committed leaves
// none of it, however many parts it had sent.
TEST_P(Backends, ALongSuppressionListIsRecordedWholeOrNotAtAll) {
  using bouncekit::history::PublishedSuppression;
  using bouncekit::history::Runs;
  constexpr int kAddresses = 4500;
  auto address = [](int n) {
    std::string a = "u" + std::to_string(100000 + n) + "@x.example";
    return a;
  };
  const std::string odd_rule = "hard \"quoted\" \\ {a,b} \xC3\xA9";
  {
    Runs runs(target_);
    for (int n = 0; n < kAddresses; ++n) runs.add_suppression({address(n), "userunknown", "hard", "", ""});
    // Not committed: rolled back when the Runs goes.
  }
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM run_suppressions"), 0);
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM runs"), 0);
  {
    Runs runs(target_);
    for (int n = 0; n < kAddresses; ++n)
      runs.add_suppression({address(n), "userunknown", n == 7 ? odd_rule : "hard", "2026-11-01T00:00:00Z",
                            "2026-11-0" + std::to_string(1 + n % 9) + "T00:00:00Z"});
    runs.add_suppression({address(3), "mailboxfull", "soft>=3/7d", "", ""});  // given again: kept once
    bouncekit::history::RunRecord r;
    r.started = "2026-11-10T02:00:00Z";
    r.suppressed = kAddresses;
    runs.commit(r);
  }
  Runs next(target_);
  std::vector<PublishedSuppression> seen;
  while (auto p = next.next_previous_suppression()) seen.push_back(*p);
  ASSERT_EQ(seen.size(), static_cast<std::size_t>(kAddresses));
  for (int n = 0; n < kAddresses; ++n) {
    ASSERT_EQ(seen[n].address, address(n)) << n;
    EXPECT_EQ(seen[n].last_bounce, "2026-11-0" + std::to_string(1 + n % 9) + "T00:00:00Z") << n;
  }
  EXPECT_EQ(seen[3].reason, "userunknown");
  EXPECT_EQ(seen[7].rule, odd_rule);
  EXPECT_EQ(seen[8].first_bounce, "2026-11-01T00:00:00Z");
}

// Two Stores read one snapshot (the report's two window passes at once, nightly/job.cpp): what
// another host commits after begin_snapshot() is seen by neither, even by the Store that joins
// the snapshot after that commit. SQLite has no named snapshots.
TEST_P(Backends, ASecondStoreJoinsTheFirstOnesSnapshot) {
  {
    Store store(target_);
    store.add(message("before"), {record("before@x.example", "2026-11-01T00:00:00Z")});
    store.commit();
  }
  Store first(target_);
  const std::string name = first.begin_snapshot();
  Store second(target_);
  if (!postgres()) {
    EXPECT_EQ(name, "");
    EXPECT_THROW(second.join_snapshot("x"), std::logic_error);
    first.end_snapshot();
    return;
  }
  ASSERT_FALSE(name.empty());
  {
    Store other_host(target_);
    other_host.add(message("after", "2026-11-22T02:30:00Z", "mx2"),
                   {record("after@x.example", "2026-11-02T00:00:00Z")});
    other_host.commit();
  }
  second.join_snapshot(name);
  std::vector<std::string> seen_first, seen_second;
  first.for_each_record("", [&](const StoredRecord& r) { seen_first.push_back(r.recipient); });
  second.for_each_record("", [&](const StoredRecord& r) { seen_second.push_back(r.recipient); });
  second.end_snapshot();
  first.end_snapshot();
  EXPECT_EQ(seen_first, std::vector<std::string>{"before@x.example"});
  EXPECT_EQ(seen_second, std::vector<std::string>{"before@x.example"});
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM records"), 2);
  Store late(target_);
  EXPECT_THROW(late.join_snapshot(name), DatabaseError);  // the snapshot ended with its transaction
}

TEST_P(Backends, AHistoryFromANewerVersionIsRefused) {
  { Store store(target_); }
  {
    auto c = db::open(target_);
    c->exec(postgres() ? "UPDATE bouncekit_meta SET value = '99' WHERE name = 'schema_version'"
                       : "PRAGMA user_version = 99");
  }
  EXPECT_THROW(Store{target_}, DatabaseError);
  EXPECT_THROW(Overrides{target_}, DatabaseError);
}

TEST_P(Backends, TablesOfSomethingElseAreRefused) {
  {
    auto c = db::open(target_);
    c->exec("CREATE TABLE messages (id INTEGER PRIMARY KEY, body TEXT)");
  }
  EXPECT_THROW(Store{target_}, DatabaseError);
}

INSTANTIATE_TEST_SUITE_P(History, Backends, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& param) { return param.param; });

// PostgreSQL only, where no foreign key stops a message with records from going (schema 8):
// two hosts pruning at once (a fleet's nightly runs share one cron time). The other host deletes
// the oldest batch and commits while this prune's first statement waits for it; this prune's
// records DELETE then finds that batch gone, and its messages DELETE must not take the next
// batch's messages, whose records it did not delete. No record is left without its message.
TEST(PostgresHistory, TwoPrunesAtOnceLeaveNoRecordWithoutItsMessage) {
  BOUNCEKIT_REQUIRE_POSTGRES(server);
  const std::string target = server->create_database();
  constexpr int kBatch = 5;
  {
    Store store(target);
    for (int n = 0; n < 3 * kBatch; ++n)
      store.add(message("old" + std::to_string(n), "2026-01-01T00:00:" + std::to_string(10 + n) + "Z"),
                {record("u" + std::to_string(n) + "@x.example", "2026-01-01T00:00:00Z")});
    store.commit();
  }
  const char* oldest = "SELECT id FROM messages WHERE first_counted < '2026-06-01T00:00:00Z'"
                       " ORDER BY first_counted, id LIMIT 5";
  auto other_host = db::open(target);
  other_host->begin();
  other_host->exec(std::string("DELETE FROM records WHERE message IN (") + oldest + ")");
  other_host->exec(std::string("DELETE FROM messages WHERE id IN (") + oldest + ")");
  auto pruning = std::async(std::launch::async,
                            [&] { return bouncekit::history::prune(target, "2026-06-01T00:00:00Z", kBatch); });
  // The prune waits for the other host's row locks; then the other host commits.
  EXPECT_EQ(pruning.wait_for(std::chrono::milliseconds(500)), std::future_status::timeout);
  other_host->commit();
  pruning.get();
  EXPECT_EQ(int_of(target, "SELECT count(*) FROM records r WHERE NOT EXISTS"
                           " (SELECT 1 FROM messages m WHERE m.id = r.message)"),
            0);
  // A later prune finishes the work.
  bouncekit::history::prune(target, "2026-06-01T00:00:00Z", kBatch);
  EXPECT_EQ(int_of(target, "SELECT count(*) FROM messages"), 0);
  EXPECT_EQ(int_of(target, "SELECT count(*) FROM records"), 0);
}

// PostgreSQL only: two hosts adding the same message at the same time store it once. The second
// insert waits for the first transaction, then finds the message and adds nothing.
TEST(PostgresHistory, TwoConnectionsAddingOneMessageStoreItOnce) {
  BOUNCEKIT_REQUIRE_POSTGRES(server);
  const std::string target = server->create_database();
  { Store schema(target); }
  Store first(target, 100), second(target, 100);
  bool stored_first = false;
  first.add(message("same", "2026-11-22T02:30:00Z", "mx1"), {record("s@x.example", "2026-11-01T00:00:00Z")},
            &stored_first);
  EXPECT_TRUE(stored_first);
  auto other = std::async(std::launch::async, [&] {
    bool stored = true;
    second.add(message("same", "2026-11-22T02:30:00Z", "mx2"), {record("s@x.example", "2026-11-01T00:00:00Z")},
               &stored);
    second.commit();
    return stored;
  });
  EXPECT_EQ(other.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);  // waits for `first`
  first.commit();
  EXPECT_FALSE(other.get());
  EXPECT_EQ(int_of(target, "SELECT count(*) FROM messages"), 1);
  EXPECT_EQ(int_of(target, "SELECT count(*) FROM records"), 1);
  EXPECT_EQ(int_of(target, "SELECT count(*) FROM messages WHERE host = 'mx1'"), 1);
}

TEST(PostgresHistory, APasswordInTheTargetIsRefused) {
  EXPECT_THROW(db::open("postgresql://u:secret@localhost/db"), DatabaseError);
  EXPECT_THROW(db::open("host=/nowhere dbname=x password=secret"), DatabaseError);
}

TEST(PostgresHistory, NoServerIsADatabaseErrorNamingTheDatabase) {
  try {
    db::open("host=/nonexistent-bk-socket-dir dbname=fleet user=u connect_timeout=2");
    FAIL() << "connected to nothing";
  } catch (const DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("fleet"), std::string::npos) << e.what();
  }
}

// Runs per scope (`report --list`): each scope reads its own latest run and list, and recording
// a run replaces only its own scope's list and flags.
TEST_P(Backends, EachScopeKeepsItsOwnLatestRun) {
  using bouncekit::history::Runs;
  auto record = [&](const std::string& list, const std::string& started, const std::vector<std::string>& addresses) {
    Runs runs(target_, list);
    for (const std::string& a : addresses) runs.add_suppression({a, "userunknown", "hard", "", ""});
    runs.add_flag("domain", "flagged-by-" + (list.empty() ? std::string("all") : list));
    bouncekit::history::RunRecord r;
    r.started = started;
    r.suppressed = addresses.size();
    return runs.commit(r);
  };
  auto list_of = [&](const std::string& list) {
    Runs runs(target_, list);
    std::vector<std::string> addresses;
    while (auto s = runs.next_previous_suppression()) addresses.push_back(s->address);
    return addresses;
  };
  EXPECT_EQ(record("", "2026-11-10T02:00:00Z", {"ann@a.example", "bob@b.example"}), 1);
  EXPECT_EQ(record("news.example.org", "2026-11-10T02:10:00Z", {"ann@a.example"}), 2);
  EXPECT_EQ(record("", "2026-11-11T02:00:00Z", {"bob@b.example", "cat@c.example"}), 3);
  {
    Runs whole(target_);
    auto previous = whole.previous();
    ASSERT_TRUE(previous);
    EXPECT_EQ(previous->started, "2026-11-11T02:00:00Z");
    EXPECT_EQ(previous->list, "");
    EXPECT_EQ(whole.previous_flags(), (std::set<std::pair<std::string, std::string>>{{"domain", "flagged-by-all"}}));
    Runs news(target_, "news.example.org");
    previous = news.previous();
    ASSERT_TRUE(previous);
    EXPECT_EQ(previous->started, "2026-11-10T02:10:00Z");
    EXPECT_EQ(previous->list, "news.example.org");
    EXPECT_EQ(news.previous_flags(),
              (std::set<std::pair<std::string, std::string>>{{"domain", "flagged-by-news.example.org"}}));
    EXPECT_FALSE(Runs(target_, "deals.example.org").previous());
  }
  EXPECT_EQ(list_of(""), (std::vector<std::string>{"bob@b.example", "cat@c.example"}));
  EXPECT_EQ(list_of("news.example.org"), (std::vector<std::string>{"ann@a.example"}));
  EXPECT_TRUE(list_of("deals.example.org").empty());
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM run_suppressions"), 3) << "run 1's list went, run 2's stayed";
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM run_flags"), 2);
  EXPECT_EQ(int_of(target_, "SELECT count(*) FROM runs"), 3);
}

TEST(Dialect, MapsTheSqliteOnlySpellingsAndKeepsQuotedText) {
  EXPECT_EQ(db::to_postgresql("SELECT a FROM t INDEXED BY t_by_a WHERE a = ?1 AND b = '?2' LIMIT ?12"),
            "SELECT a FROM t  WHERE a = $1 AND b = '?2' LIMIT $12");
  int parameters = 0;
  db::to_postgresql("x = ?3 OR y = ?1", &parameters);
  EXPECT_EQ(parameters, 3);
  EXPECT_EQ(db::to_postgresql("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, s TEXT) WITHOUT ROWID;"
                              "SELECT CAST(n AS TEXT) FROM t"),
            "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, n BIGINT, s TEXT COLLATE \"C\") ;"
            "SELECT CAST(n AS TEXT) FROM t");
  EXPECT_EQ(db::to_postgresql("ALTER TABLE t ADD COLUMN u TEXT COLLATE \"de_DE\" NOT NULL DEFAULT ''"),
            "ALTER TABLE t ADD COLUMN u TEXT COLLATE \"de_DE\" NOT NULL DEFAULT ''");
  EXPECT_EQ(db::to_postgresql("BEGIN IMMEDIATE; -- INTEGER ?1\nSELECT 'it''s ?1'"),
            "BEGIN; -- INTEGER ?1\nSELECT 'it''s ?1'");
}

}  // namespace
