// history::prune: which messages and records go, which stay, in batches, and that finding
// nothing to prune is an index probe; the indexes it needs on new and old databases.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "bouncekit/history.hpp"
#include "history/quarantine_table.hpp"
#include "history/sqlite.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using bouncekit::analysis::StoredRecord;
using bouncekit::history::DatabaseError;
using bouncekit::history::Pruned;
using bouncekit::history::Store;
using bouncekit::history::StoredMessage;
using bouncekit::test::TempDir;
namespace sqlite = bouncekit::history::sqlite;

StoredRecord record(const std::string& recipient, const std::string& date) {
  StoredRecord r;
  r.recipient = recipient;
  r.recipient_domain = recipient.substr(recipient.find('@') + 1);
  r.date = date;
  r.reason = "userunknown";
  r.bounce = "hard";
  r.action_owner = "recipient";
  r.status = "5.1.1";
  r.reply_code = "550";
  return r;
}

StoredMessage message(const std::string& bytes, const std::string& first_counted) {
  return StoredMessage{bouncekit::history::fingerprint(bytes), "box#" + bytes, "bounce", first_counted, ""};
}

std::int64_t count(const fs::path& db, const char* sql) {
  sqlite::Connection c(db);
  sqlite::Statement s(c, sql);
  return s.step() ? s.column_int(0) : -1;
}

// Messages m0..m{n-1} first counted on the given days, with `records_each` records each; the
// records are dated a year before (a record's own date plays no part in pruning).
void fill(const fs::path& db, const std::vector<std::string>& first_counted, int records_each) {
  Store store(db, 3);
  for (std::size_t i = 0; i < first_counted.size(); ++i) {
    std::vector<StoredRecord> records;
    for (int k = 0; k < records_each; ++k)
      records.push_back(record("u" + std::to_string(i) + "." + std::to_string(k) + "@example.org",
                               "2025-01-01T00:00:00Z"));
    store.add(message("m" + std::to_string(i), first_counted[i]), records);
  }
  store.commit();
}

TEST(Prune, RemovesTheMessagesFirstCountedBeforeTheCutoffWithAllTheirRecords) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  // m0, m1, m3 are older than the cutoff; m2 is exactly at it (kept: "before" is strict); m4 is new.
  fill(db, {"2026-01-01T00:00:00Z", "2026-03-01T12:00:00Z", "2026-06-01T00:00:00Z", "2026-02-01T00:00:00Z",
            "2026-11-22T02:30:00Z"},
       2);
  Pruned p = bouncekit::history::prune(db, "2026-06-01T00:00:00Z");
  EXPECT_EQ(p.messages, 3u);
  EXPECT_EQ(p.records, 6u);
  Store store(db);
  EXPECT_EQ(store.message_count(), 2u);
  EXPECT_EQ(store.record_count(), 4u);
  EXPECT_FALSE(store.contains(bouncekit::history::fingerprint("m0")));
  EXPECT_FALSE(store.contains(bouncekit::history::fingerprint("m1")));
  EXPECT_FALSE(store.contains(bouncekit::history::fingerprint("m3")));
  EXPECT_TRUE(store.contains(bouncekit::history::fingerprint("m2")));
  EXPECT_TRUE(store.contains(bouncekit::history::fingerprint("m4")));
  // The kept messages keep their records, although those are dated long before the cutoff.
  std::vector<std::string> recipients;
  store.for_each_record("", [&](const StoredRecord& r) { recipients.push_back(r.recipient); });
  EXPECT_EQ(recipients, (std::vector<std::string>{"u2.0@example.org", "u2.1@example.org", "u4.0@example.org",
                                                  "u4.1@example.org"}));
  EXPECT_EQ(count(db, "SELECT count(*) FROM records WHERE message NOT IN (SELECT id FROM messages)"), 0);
}

TEST(Prune, ManyBatchesGiveTheSameResultAsOne) {
  TempDir tmp;
  std::vector<std::string> days;
  for (int i = 0; i < 23; ++i) days.push_back("2026-0" + std::to_string(1 + i % 9) + "-15T00:00:00Z");
  for (std::size_t batch : {1u, 2u, 5u, 7u, 23u, 1000u}) {
    SCOPED_TRACE(batch);
    fs::path db = tmp.path() / ("h" + std::to_string(batch) + ".sqlite");
    fill(db, days, 1);
    Pruned p = bouncekit::history::prune(db, "2026-05-01T00:00:00Z", batch);
    // Months 1..4: i % 9 in 0..3, four in each of the three cycles (i = 18..22 is the third).
    EXPECT_EQ(p.messages, 12u);
    EXPECT_EQ(p.records, 12u);
    EXPECT_EQ(count(db, "SELECT count(*) FROM messages WHERE first_counted < '2026-05-01T00:00:00Z'"), 0);
    EXPECT_EQ(count(db, "SELECT count(*) FROM messages"), 11);
    EXPECT_EQ(count(db, "SELECT count(*) FROM records"), 11);
  }
}

TEST(Prune, ReportsEachCommittedBatchAsItGoes) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  // Five old messages with two records each, one young one; batches of two: 2 + 2 + 1.
  fill(db, {"2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z",
            "2026-01-05T00:00:00Z", "2026-11-20T00:00:00Z"},
       2);
  std::vector<Pruned> seen;
  std::vector<std::int64_t> stored;  // messages in the file when each call is made: committed
  Pruned p = bouncekit::history::prune(db, "2026-06-01T00:00:00Z", 2, [&](const Pruned& so_far) {
    seen.push_back(so_far);
    stored.push_back(count(db, "SELECT count(*) FROM messages"));
  });
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].messages, 2u);
  EXPECT_EQ(seen[0].records, 4u);
  EXPECT_EQ(seen[0].batches, 1u);
  EXPECT_EQ(seen[1].messages, 4u);
  EXPECT_EQ(seen[1].batches, 2u);
  EXPECT_EQ(seen[2].messages, 5u);
  EXPECT_EQ(seen[2].records, 10u);
  EXPECT_EQ(seen[2].batches, 3u);
  EXPECT_EQ(stored, (std::vector<std::int64_t>{4, 2, 1}));
  EXPECT_EQ(p.batches, 3u);
  EXPECT_EQ(p.messages, 5u);
  // Nothing left to prune: no batch removed anything, no call.
  seen.clear();
  p = bouncekit::history::prune(db, "2026-06-01T00:00:00Z", 2, [&](const Pruned& so_far) { seen.push_back(so_far); });
  EXPECT_TRUE(seen.empty());
  EXPECT_EQ(p.batches, 0u);
}

TEST(Prune, NothingOldEnoughRemovesNothing) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  fill(db, {"2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z"}, 1);
  Pruned p = bouncekit::history::prune(db, "2026-01-01T00:00:00Z");
  EXPECT_EQ(p.messages, 0u);
  EXPECT_EQ(p.records, 0u);
  p = bouncekit::history::prune(db, "");  // no cutoff
  EXPECT_EQ(p.messages, 0u);
  EXPECT_EQ(count(db, "SELECT count(*) FROM messages"), 2);
  EXPECT_EQ(count(db, "SELECT count(*) FROM records"), 2);
}

TEST(Prune, FindsTheOldMessagesByAnIndexNotAScan) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  fill(db, {"2026-11-20T00:00:00Z"}, 1);
  sqlite::Connection c(db);
  for (const char* sql :
       {"EXPLAIN QUERY PLAN SELECT id FROM messages WHERE first_counted < ?1 ORDER BY first_counted, id LIMIT ?2",
        "EXPLAIN QUERY PLAN DELETE FROM records WHERE message IN (1, 2)"}) {
    SCOPED_TRACE(sql);
    sqlite::Statement plan(c, sql);
    std::string details;
    while (plan.step()) details += std::string(plan.column_text(3)) + "\n";
    EXPECT_EQ(details.find("SCAN"), std::string::npos) << details;
    EXPECT_NE(details.find("USING"), std::string::npos) << details;
  }
}

TEST(Prune, AnOlderDatabaseGetsTheIndexesWhenOpened) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  fill(db, {"2026-01-01T00:00:00Z", "2026-11-20T00:00:00Z"}, 1);
  const char* indexes =
      "SELECT count(*) FROM sqlite_schema WHERE name IN ('messages_by_first_counted', 'records_by_message')";
  EXPECT_EQ(count(db, indexes), 2);  // a new database has them
  {
    sqlite::Connection c(db);  // as a database written before they existed
    c.exec("DROP INDEX messages_by_first_counted; DROP INDEX records_by_message");
  }
  EXPECT_EQ(count(db, indexes), 0);
  { Store store(db); }
  EXPECT_EQ(count(db, indexes), 2);
  EXPECT_EQ(count(db, "PRAGMA user_version"), Store::kSchemaVersion);  // an index changes no table
  EXPECT_EQ(bouncekit::history::prune(db, "2026-06-01T00:00:00Z").messages, 1u);
}

TEST(Prune, AKillInTheMiddleLeavesWholeMessagesAndTheNextPruneFinishes) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  constexpr int kOld = 20000, kNew = 10;
  {
    Store store(db, 1000);
    for (int i = 0; i < kOld + kNew; ++i)
      store.add(message("m" + std::to_string(i), i < kOld ? "2026-01-01T00:00:00Z" : "2026-11-20T00:00:00Z"),
                {record("a" + std::to_string(i) + "@example.org", "2026-01-01T00:00:00Z"),
                 record("b" + std::to_string(i) + "@example.org", "2026-01-01T00:00:00Z")});
    store.commit();
  }
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {  // one message per transaction: thousands of commits to land in
    bouncekit::history::prune(db, "2026-06-01T00:00:00Z", 1);
    _exit(0);
  }
  // SIGKILL once the child has committed some batches, as `kill -9` would.
  std::int64_t messages = kOld + kNew;
  for (int polls = 0; polls < 20000 && messages == kOld + kNew; ++polls) {
    std::this_thread::sleep_for(std::chrono::microseconds(500));
    messages = count(db, "SELECT count(*) FROM messages");
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the prune finished before the kill: nothing was tested";
  messages = count(db, "SELECT count(*) FROM messages");
  EXPECT_LT(messages, kOld + kNew);
  EXPECT_GT(messages, kNew);
  // Whole messages only: every message kept has both its records, no record lost its message.
  EXPECT_EQ(count(db, "SELECT count(*) FROM records"), 2 * messages);
  EXPECT_EQ(count(db, "SELECT count(*) FROM records WHERE message NOT IN (SELECT id FROM messages)"), 0);
  Pruned p = bouncekit::history::prune(db, "2026-06-01T00:00:00Z");
  EXPECT_EQ(p.messages, static_cast<std::uint64_t>(messages - kNew));
  EXPECT_EQ(count(db, "SELECT count(*) FROM messages"), kNew);
  EXPECT_EQ(count(db, "SELECT count(*) FROM records"), 2 * kNew);
}

// The quarantine table ages by the same rule as the messages: a fingerprint imported before the
// cutoff goes (strictly before, as for messages), a younger one stays, and a prune with nothing
// old enough leaves the table as it was. Without this the table only ever grew.
TEST(Prune, QuarantineRowsImportedBeforeTheCutoffGo) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  fill(db, {"2026-01-01T00:00:00Z", "2026-11-20T00:00:00Z"}, 1);
  {
    bouncekit::history::QuarantineTable table(db);
    table.add({bouncekit::history::fingerprint("q0"), bouncekit::history::fingerprint("q1")}, "2026-01-02T00:00:00Z",
              "mx1");
    table.add({bouncekit::history::fingerprint("q2")}, "2026-06-01T00:00:00Z", "mx1");  // at the cutoff: kept
    table.add({bouncekit::history::fingerprint("q3")}, "2026-11-21T00:00:00Z", "mx2");
  }
  Pruned p = bouncekit::history::prune(db, "2026-06-01T00:00:00Z");
  EXPECT_EQ(p.messages, 1u);
  EXPECT_EQ(p.quarantined, 2u);
  bouncekit::history::QuarantineTable table(db);
  EXPECT_EQ(table.fingerprints(), (std::unordered_set<std::string>{bouncekit::history::fingerprint("q2"),
                                                                   bouncekit::history::fingerprint("q3")}));
  p = bouncekit::history::prune(db, "2026-06-01T00:00:00Z");
  EXPECT_EQ(p.quarantined, 0u);
  p = bouncekit::history::prune(db, "");  // no cutoff: nothing at all
  EXPECT_EQ(p.quarantined, 0u);
  EXPECT_EQ(count(db, "SELECT count(*) FROM quarantine"), 2);
}

TEST(Prune, RefusesAFileThatIsNotAHistory) {
  TempDir tmp;
  fs::path db = tmp.path() / "other.sqlite";
  {
    sqlite::Connection c(db);
    c.exec("CREATE TABLE messages (id INTEGER PRIMARY KEY, first_counted TEXT); INSERT INTO messages VALUES (1, '')");
  }
  EXPECT_THROW(bouncekit::history::prune(db, "2026-06-01T00:00:00Z"), DatabaseError);
  EXPECT_EQ(count(db, "SELECT count(*) FROM messages"), 1);
}

}  // namespace
