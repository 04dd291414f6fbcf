// The history store: fingerprints, batched commits, the window queries, the schema version.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bouncekit/history.hpp"
#include "history/sqlite.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using bouncekit::analysis::RecipientHistory;
using bouncekit::analysis::StoredRecord;
using bouncekit::history::DatabaseError;
using bouncekit::history::Store;
using bouncekit::history::StoredMessage;
using bouncekit::test::TempDir;
using bouncekit::test::write_file;

StoredRecord record(const std::string& recipient, const std::string& date, const std::string& reason = "mailboxfull",
                    const std::string& bounce = "soft") {
  StoredRecord r;
  r.recipient = recipient;
  r.recipient_domain = recipient.substr(recipient.find('@') + 1);
  r.date = date;
  r.reason = reason;
  r.bounce = bounce;
  r.action_owner = "recipient";
  r.status = bounce == "hard" ? "5.1.1" : "4.2.2";
  r.reply_code = bounce == "hard" ? "550" : "452";
  r.remote_mta = "mx." + r.recipient_domain;
  r.diagnostic = "diagnostic for " + recipient;
  r.decoded_by = "rfc3464";
  return r;
}

StoredMessage message(const std::string& bytes, const std::string& origin = "box#1@0") {
  return StoredMessage{bouncekit::history::fingerprint(bytes), origin, "bounce", "2026-11-22T02:30:00Z", ""};
}

// Number of messages another connection sees: what is committed, not what is pending.
std::int64_t committed_messages(const fs::path& db) {
  bouncekit::history::sqlite::Connection other(db);
  bouncekit::history::sqlite::Statement count(other, "SELECT count(*) FROM messages");
  return count.step() ? count.column_int(0) : -1;
}

TEST(Fingerprint, IsXxh3Of128BitsInHex) {
  // The XXH3-128 test vector for empty input (seed 0), high half first.
  EXPECT_EQ(bouncekit::history::fingerprint(""), "99aa06d3014798d86001c324468d497f");
  std::string a = bouncekit::history::fingerprint("From: a\n\nbody\n");
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(a, bouncekit::history::fingerprint(std::string("From: a\n\nbody\n")));
  EXPECT_NE(a, bouncekit::history::fingerprint("From: a\n\nbody!\n"));
  EXPECT_NE(a, bouncekit::history::fingerprint("From: a\n\nbody\n\n"));
}

TEST(Store, CreatesTheFileAndItsFolderWithTheSchemaVersion) {
  TempDir tmp;
  fs::path db = tmp.path() / "state" / "bouncekit" / "history.sqlite";
  { Store store(db); }
  ASSERT_TRUE(fs::exists(db));
  bouncekit::history::sqlite::Connection c(db);
  bouncekit::history::sqlite::Statement version(c, "PRAGMA user_version");
  ASSERT_TRUE(version.step());
  EXPECT_EQ(version.column_int(0), Store::kSchemaVersion);
  bouncekit::history::sqlite::Statement mode(c, "PRAGMA journal_mode");
  ASSERT_TRUE(mode.step());
  EXPECT_EQ(mode.column_text(0), "wal");
}

TEST(Store, AMessageIsKnownByItsBytesNotItsPath) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  const std::string bytes = "Subject: Undelivered\n\nmailbox full\n";
  {
    Store store(db);
    EXPECT_TRUE(store.empty());
    EXPECT_FALSE(store.contains(bouncekit::history::fingerprint(bytes)));
    EXPECT_EQ(store.kind_of(bouncekit::history::fingerprint(bytes)), std::nullopt);
    bool stored = false;
    store.add(message(bytes, "Maildir/new/1.host"), {record("a@example.org", "2026-11-20T01:00:00Z")}, &stored);
    EXPECT_TRUE(stored);
    EXPECT_FALSE(store.empty());
    EXPECT_TRUE(store.contains(bouncekit::history::fingerprint(bytes)));  // pending counts as known
    EXPECT_EQ(store.kind_of(bouncekit::history::fingerprint(bytes)), "bounce");
    // The same bytes from another path (moved to cur/) add nothing.
    store.add(message(bytes, "Maildir/cur/1.host:2,S"), {record("a@example.org", "2026-11-20T01:00:00Z")},
              &stored);
    EXPECT_FALSE(stored);
    store.commit();
    EXPECT_EQ(store.message_count(), 1u);
    EXPECT_EQ(store.record_count(), 1u);
  }
  Store reopened(db);
  EXPECT_TRUE(reopened.contains(bouncekit::history::fingerprint(bytes)));
  EXPECT_FALSE(reopened.contains(bouncekit::history::fingerprint(bytes + "x")));
  std::vector<std::string> origins;
  reopened.for_each_record("", [&](const StoredRecord& r) { origins.push_back(r.origin); });
  EXPECT_EQ(origins, std::vector<std::string>{"Maildir/new/1.host"});  // where it was first read
}

TEST(Store, CommitsInBatchesAndRollsBackAnUnfinishedOne) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  {
    Store store(db, 3);
    std::vector<bool> committed;
    for (int i = 0; i < 5; ++i) {
      committed.push_back(store.add(message("message " + std::to_string(i)),
                                    {record("r" + std::to_string(i) + "@example.org", "2026-11-20T01:00:00Z")}));
      EXPECT_EQ(committed_messages(db), i < 3 ? (i == 2 ? 3 : 0) : 3) << "after message " << i;
    }
    EXPECT_EQ(committed, (std::vector<bool>{false, false, true, false, false}));
    EXPECT_EQ(store.batches_committed(), 1u);
    // Destroyed without commit(): messages 3 and 4 go.
  }
  EXPECT_EQ(committed_messages(db), 3);
  Store store(db, 3);
  EXPECT_EQ(store.record_count(), 3u);
  store.add(message("message 3"), {record("r3@example.org", "2026-11-20T01:00:00Z")});
  store.commit();
  EXPECT_EQ(store.batches_committed(), 1u);
  EXPECT_EQ(committed_messages(db), 4);
}

TEST(Store, RecordsOfTheWindowComeMessageByMessage) {
  TempDir tmp;
  Store store(tmp.path() / "h.sqlite");
  store.add(message("m1"), {record("b@example.org", "2026-11-01T10:00:00Z"),
                            record("a@example.org", "2026-11-01T10:00:00Z")});
  store.add(message("m2"), {record("c@example.net", "2026-11-10T10:00:00Z")});
  store.add(message("m3"), {record("a@example.org", "2026-11-20T10:00:00Z"),
                            record("d@example.net", "2026-10-20T10:00:00Z")});
  store.commit();
  std::vector<std::string> seen;
  store.for_each_record("", [&](const StoredRecord& r) { seen.push_back(r.fingerprint.substr(0, 4) + r.recipient); });
  const std::string f1 = bouncekit::history::fingerprint("m1").substr(0, 4),
                    f2 = bouncekit::history::fingerprint("m2").substr(0, 4),
                    f3 = bouncekit::history::fingerprint("m3").substr(0, 4);
  EXPECT_EQ(seen, (std::vector<std::string>{f1 + "b@example.org", f1 + "a@example.org", f2 + "c@example.net",
                                            f3 + "a@example.org", f3 + "d@example.net"}));
  seen.clear();
  store.for_each_record("2026-11-05T00:00:00Z", [&](const StoredRecord& r) { seen.push_back(r.recipient); });
  EXPECT_EQ(seen, (std::vector<std::string>{"c@example.net", "a@example.org"}));
}

TEST(Store, RecipientsComeInAddressOrderWithTheirRecordsOldestFirst) {
  TempDir tmp;
  Store store(tmp.path() / "h.sqlite");
  store.add(message("m1"), {record("b@example.org", "2026-11-15T10:00:00Z"),
                            record("a@example.org", "2026-11-12T10:00:00Z")});
  store.add(message("m2"), {record("a@example.org", "2026-11-03T10:00:00Z", "userunknown", "hard")});
  store.add(message("m3"), {record("a@example.org", "2026-11-20T10:00:00Z")});
  store.add(message("m4"), {record("c@example.org", "2026-10-01T10:00:00Z")});
  store.commit();
  std::vector<std::string> lines;
  auto collect = [&](const RecipientHistory& h) {
    std::string line = h.recipient + ":";
    for (const auto& r : h.records) line += " " + r.date.substr(5, 5) + "/" + r.reason;
    lines.push_back(line);
  };
  store.for_each_recipient("", collect);
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "a@example.org: 11-03/userunknown 11-12/mailboxfull 11-20/mailboxfull",
                       "b@example.org: 11-15/mailboxfull", "c@example.org: 10-01/mailboxfull"}));
  lines.clear();
  store.for_each_recipient("2026-11-10T00:00:00Z", collect);
  EXPECT_EQ(lines, (std::vector<std::string>{"a@example.org: 11-12/mailboxfull 11-20/mailboxfull",
                                             "b@example.org: 11-15/mailboxfull"}));
  lines.clear();
  store.for_each_recipient("2027-01-01T00:00:00Z", collect);
  EXPECT_TRUE(lines.empty());
}

TEST(Store, RecipientQueryNeedsNoSort) {
  // One recipient's history at a time only helps if SQLite does not sort the whole window first.
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  { Store store(db); }
  bouncekit::history::sqlite::Connection c(db);
  bouncekit::history::sqlite::Statement plan(
      c,
      "EXPLAIN QUERY PLAN SELECT m.fingerprint FROM records r INDEXED BY records_by_recipient"
      " JOIN messages m ON m.id = r.message WHERE r.date >= ''"
      " ORDER BY r.recipient, r.date, r.id");
  std::string details;
  while (plan.step()) details += std::string(plan.column_text(3)) + "\n";
  EXPECT_EQ(details.find("TEMP B-TREE"), std::string::npos) << details;
}

TEST(Store, RefusesADatabaseFromANewerVersion) {
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  { Store store(db); }
  {
    bouncekit::history::sqlite::Connection c(db);
    c.exec("PRAGMA user_version = 99");
  }
  try {
    Store store(db);
    FAIL() << "opened a version 99 database";
  } catch (const DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("newer bouncekit (history schema version 99"), std::string::npos)
        << e.what();
  }
}

TEST(Store, RefusesOtherFiles) {
  TempDir tmp;
  fs::path foreign = tmp.path() / "other.sqlite";
  {
    bouncekit::history::sqlite::Connection c(foreign);
    c.exec("CREATE TABLE contacts (address TEXT)");
  }
  EXPECT_THROW(Store{foreign}, DatabaseError);
  fs::path text = tmp.path() / "notes.txt";
  write_file(text, std::string(4096, 'x'));
  EXPECT_THROW(Store{text}, DatabaseError);
  EXPECT_EQ(bouncekit::test::read_file(text), std::string(4096, 'x'));  // left as it was
}

TEST(DefaultPath, FollowsXdgStateHome) {
  const char* old_state = std::getenv("XDG_STATE_HOME");
  const char* old_home = std::getenv("HOME");
  std::string saved_state = old_state ? old_state : "", saved_home = old_home ? old_home : "";
  setenv("XDG_STATE_HOME", "/srv/state", 1);
  EXPECT_EQ(bouncekit::history::default_path(), fs::path("/srv/state/bouncekit/history.sqlite"));
  setenv("XDG_STATE_HOME", "relative/ignored", 1);
  setenv("HOME", "/home/list", 1);
  EXPECT_EQ(bouncekit::history::default_path(), fs::path("/home/list/.local/state/bouncekit/history.sqlite"));
  unsetenv("XDG_STATE_HOME");
  unsetenv("HOME");
  EXPECT_THROW(bouncekit::history::default_path(), DatabaseError);
  if (old_state) setenv("XDG_STATE_HOME", saved_state.c_str(), 1);
  if (old_home) setenv("HOME", saved_home.c_str(), 1);
}

}  // namespace

TEST(Store, EveryFieldIsStoredFromBuffersThatDieAfterAdd) {
  // add() binds the texts without copying them: SQLite must have them in its pages by the time
  // add() returns, when the caller's strings (here temporaries, longer than the short-string
  // buffer) are gone.
  TempDir tmp;
  Store store(tmp.path() / "h.sqlite");
  auto long_text = [](const std::string& what, int i) { return what + " " + std::to_string(i) + std::string(40, 'x'); };
  for (int i = 0; i < 3; ++i) {
    std::vector<StoredRecord> records(2);
    for (int j = 0; j < 2; ++j) {
      StoredRecord& r = records[static_cast<std::size_t>(j)];
      int n = i * 2 + j;
      r.date = "2026-11-0" + std::to_string(n + 1) + "T10:00:00Z";
      r.recipient = "user" + std::to_string(n) + "@" + long_text("domain", n) + ".example";
      r.recipient_domain = long_text("domain", n) + ".example";
      r.reason = long_text("reason", n);
      r.bounce = long_text("bounce", n);
      r.action_owner = long_text("owner", n);
      r.status = long_text("status", n);
      r.reply_code = long_text("reply", n);
      r.remote_mta = long_text("mta", n);
      r.diagnostic = long_text("diagnostic", n);
      r.decoded_by = long_text("decoder", n);
      r.feedback_type = long_text("feedback", n);
      r.action = long_text("action", n);
      r.smtp_command = long_text("command", n);
      r.diagnostic_type = long_text("type", n);
      r.reporting_mta = long_text("reporter", n);
      r.hint = long_text("hint", n);
      r.inferred_status = long_text("inferred", n);
      r.evidence = long_text("evidence", n);
      r.rule = long_text("rule", n);
    }
    store.add(message("message " + std::to_string(i), long_text("origin", i)), std::move(records));
  }
  store.commit();
  int n = 0;
  store.for_each_record("", [&](const StoredRecord& r) {
    EXPECT_EQ(r.fingerprint, bouncekit::history::fingerprint("message " + std::to_string(n / 2)));
    EXPECT_EQ(r.origin, long_text("origin", n / 2));
    EXPECT_EQ(r.date, "2026-11-0" + std::to_string(n + 1) + "T10:00:00Z");
    EXPECT_EQ(r.recipient, "user" + std::to_string(n) + "@" + long_text("domain", n) + ".example");
    EXPECT_EQ(r.recipient_domain, long_text("domain", n) + ".example");
    EXPECT_EQ(r.reason, long_text("reason", n));
    EXPECT_EQ(r.bounce, long_text("bounce", n));
    EXPECT_EQ(r.action_owner, long_text("owner", n));
    EXPECT_EQ(r.status, long_text("status", n));
    EXPECT_EQ(r.reply_code, long_text("reply", n));
    EXPECT_EQ(r.remote_mta, long_text("mta", n));
    EXPECT_EQ(r.diagnostic, long_text("diagnostic", n));
    EXPECT_EQ(r.decoded_by, long_text("decoder", n));
    EXPECT_EQ(r.feedback_type, long_text("feedback", n));
    EXPECT_EQ(r.action, long_text("action", n));
    EXPECT_EQ(r.smtp_command, long_text("command", n));
    EXPECT_EQ(r.diagnostic_type, long_text("type", n));
    EXPECT_EQ(r.reporting_mta, long_text("reporter", n));
    EXPECT_EQ(r.hint, long_text("hint", n));
    EXPECT_EQ(r.inferred_status, long_text("inferred", n));
    EXPECT_EQ(r.evidence, long_text("evidence", n));
    EXPECT_EQ(r.rule, long_text("rule", n));
    ++n;
  });
  EXPECT_EQ(n, 6);
}

TEST(Store, ASmallerCacheReadsTheSameRecords) {
  // nightly::run reads the window's records on a second Store with a 1 MB cache.
  TempDir tmp;
  fs::path db = tmp.path() / "h.sqlite";
  {
    Store writer(db);
    for (int i = 0; i < 50; ++i)
      writer.add(message("m" + std::to_string(i)), {record("u" + std::to_string(i) + "@example.org",
                                                           "2026-11-01T10:00:00Z")});
    writer.commit();
  }
  Store reader(db);
  reader.set_cache_kib(1024);
  reader.set_cache_kib(0);  // taken as the smallest cache, not as SQLite's "0 pages"
  int n = 0;
  reader.for_each_record("", [&](const StoredRecord& r) {
    EXPECT_EQ(r.recipient, "u" + std::to_string(n) + "@example.org");
    ++n;
  });
  EXPECT_EQ(n, 50);
}
