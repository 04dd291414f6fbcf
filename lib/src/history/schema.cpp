// The history's tables and their versions, for both back ends: SQLite keeps the version in
// PRAGMA user_version, PostgreSQL in the bouncekit_meta table; the tables and every migration
// step are the same statements (mapped for PostgreSQL by history/dialect.cpp).
#include "history/schema.hpp"

#include <algorithm>
#include <iterator>
#include <string>

namespace bouncekit::history {
namespace {

// PRAGMA application_id marks the file as ours ("bkhi"), so a foreign SQLite file is refused
// instead of being written into.
constexpr std::int64_t kApplicationId = 0x626b6869;

// Version 1, as it shipped: a new database is created with it and then migrated like an old
// one, so a new file and a migrated one are made by the same statements and cannot differ.
// Dates are UTC ISO 8601 text ("2026-11-22T02:30:00Z"), which sorts as time does.
// records.recipient is lower-cased: suppression treats addresses case-insensitively.
constexpr const char* kSchemaVersion1 = R"sql(
CREATE TABLE messages (
  id            INTEGER PRIMARY KEY,
  fingerprint   TEXT NOT NULL UNIQUE,  -- XXH3-128 of the raw bytes, hex
  origin        TEXT NOT NULL,         -- where the message was first read
  kind          TEXT NOT NULL,         -- bounce, feedback, vacation, delivered, not_bounce, undecodable
  first_counted TEXT NOT NULL          -- when a run first counted it
);
CREATE TABLE records (
  id               INTEGER PRIMARY KEY,
  message          INTEGER NOT NULL REFERENCES messages(id),
  date             TEXT NOT NULL,
  recipient        TEXT NOT NULL,
  recipient_domain TEXT NOT NULL,
  reason           TEXT NOT NULL,
  bounce           TEXT NOT NULL,
  action_owner     TEXT NOT NULL,
  status           TEXT NOT NULL,
  reply_code       TEXT NOT NULL,
  remote_mta       TEXT NOT NULL,
  diagnostic       TEXT NOT NULL,
  decoded_by       TEXT NOT NULL,
  feedback_type    TEXT NOT NULL
);
-- One recipient's history in date order without a sort (the rowid is the last key).
CREATE INDEX records_by_recipient ON records(recipient, date);
)sql";

// The migrations: kMigrations[i] takes a database from version i + 1 to version i + 2. Append a
// step for each change of tables or columns and raise Store::kSchemaVersion with it; never edit
// a step that shipped. All the steps an open needs run in one transaction together with the
// user_version update, so a killed migration leaves the file at its old version, whole.
// ALTER TABLE ... ADD COLUMN with a constant default rewrites no row (SQLite stores the default
// in the schema), so a step like version 2's costs the same on a million records as on ten.
// A step is one SQL text both back ends run, or, where they must differ, what each runs: a plain
// string literal is a portable step (Step's constructor), Step{sqlite, postgresql} a split one.
struct Step {
  constexpr Step(const char* both) : sqlite(both), postgresql(both) {}
  constexpr Step(const char* on_sqlite, const char* on_postgresql) : sqlite(on_sqlite), postgresql(on_postgresql) {}
  const char* sqlite;
  const char* postgresql;
};

constexpr Step kMigrations[] = {
    // 1 -> 2: the rest of each record's finding (what the bounce said, which a later
    // classifier needs to decide again without the mail: `report --reclassify`) and the
    // verdict's extras. Rows stored by version 1 keep '' in all of them (docs/history.md).
    R"sql(
ALTER TABLE records ADD COLUMN action          TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN smtp_command    TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN diagnostic_type TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN reporting_mta   TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN hint            TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN inferred_status TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN evidence        TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN rule            TEXT NOT NULL DEFAULT '';
)sql",
    // 2 -> 3: the host whose run counted each message (`report --host-name`), so that a fleet
    // writing one PostgreSQL history can tell its hosts apart (docs/fleet.md). Messages stored
    // before keep '' (an SQLite history of one host: that host).
    R"sql(
ALTER TABLE messages ADD COLUMN host TEXT NOT NULL DEFAULT '';
)sql",
    // 3 -> 4 (issue 18, deltas): each `report` run that writes the history, and what it
    // published, so the next run can say what changed (docs/history.md, "Runs"). `runs` keeps one
    // row per run; run_suppressions and run_flags hold the suppression list and the domains and
    // providers flagged for sender-side refusals of the latest recorded run only (a new run
    // replaces them), so they stay the size of one list. Portable SQL (PostgreSQL runs it too).
    R"sql(
CREATE TABLE runs (
  id              INTEGER PRIMARY KEY,
  started         TEXT NOT NULL,            -- the run's clock (report --now / BOUNCEKIT_NOW, else the time)
  finished        TEXT NOT NULL,            -- wall clock when the run was recorded
  host            TEXT NOT NULL,
  inputs          TEXT NOT NULL,            -- the input paths, a JSON array
  since           TEXT NOT NULL,            -- start of the window, '' = all history
  policy          TEXT NOT NULL,            -- analysis::describe(policy)
  log_position    INTEGER NOT NULL,         -- highest override_log id when the run read the history
  read_messages   INTEGER NOT NULL,
  new_messages    INTEGER NOT NULL,
  run_records     INTEGER NOT NULL,
  messages        INTEGER NOT NULL,         -- the window's headline counts
  records         INTEGER NOT NULL,
  hard            INTEGER NOT NULL,
  soft            INTEGER NOT NULL,
  recipients      INTEGER NOT NULL,
  suppressed      INTEGER NOT NULL,
  watched         INTEGER NOT NULL
);
CREATE TABLE run_suppressions (
  run          INTEGER NOT NULL REFERENCES runs(id),
  address      TEXT NOT NULL,
  reason       TEXT NOT NULL,
  rule         TEXT NOT NULL,
  first_bounce TEXT NOT NULL,
  last_bounce  TEXT NOT NULL,
  PRIMARY KEY (run, address)
);
CREATE TABLE run_flags (
  run  INTEGER NOT NULL REFERENCES runs(id),
  kind TEXT NOT NULL,                       -- 'domain' or 'provider'
  name TEXT NOT NULL,
  PRIMARY KEY (run, kind, name)
);
)sql",
    // 4 -> 5 (issue 18, lists and VERP): which list each record belongs to and who sent the
    // returned message, so `report --list` and `suppressions --list` can scope to one list and
    // summary.json can split per list; and, for a VERP bounce whose subscriber differs from the
    // address the report names, that reported address (records.recipient then holds the
    // subscriber, which suppression decides about). Rows stored before keep '' (docs/history.md).
    R"sql(
ALTER TABLE records ADD COLUMN reported_recipient TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN mailing_list       TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN sender             TEXT NOT NULL DEFAULT '';
)sql",
    // 5 -> 6 (issue 18, runs per list): the list a recorded run was scoped to (`report --list`,
    // the key records.mailing_list holds; '' for a run over every list), so a run compares its
    // list only with the previous run of the same scope, and the latest list of each scope is
    // kept (docs/history.md, "Runs"). Runs recorded before were all whole runs: '' is right for
    // them. The index finds a scope's latest run without reading the others.
    R"sql(
ALTER TABLE runs ADD COLUMN mailing_list TEXT NOT NULL DEFAULT '';
CREATE INDEX runs_by_list ON runs(mailing_list, id);
)sql",
    // 6 -> 7 (issue 17, poison messages): the fingerprints of messages that were being decoded
    // when a run died of a fatal signal (docs/cron.md, "Poison messages"). The crash handler can
    // only append to a local file; the next run imports that file here, in one transaction, and
    // every later run of any host skips these messages without decoding them (a fleet shares its
    // quarantine). Portable SQL (PostgreSQL runs it too).
    R"sql(
CREATE TABLE quarantine (
  fingerprint TEXT PRIMARY KEY,  -- of the message in flight (messages.fingerprint)
  since       TEXT NOT NULL,     -- when a run imported it (UTC ISO 8601)
  host        TEXT NOT NULL      -- the host whose run died decoding it
);
)sql",
    // 7 -> 8 (issue 19, PostgreSQL's write speed): PostgreSQL no longer enforces the foreign key
    // records.message -> messages(id). Its check (a trigger per inserted row, each probing
    // messages' primary key) took 109 of the 251 ms a batch of 5,535 records cost the server
    // (EXPLAIN ANALYZE). The writer inserts a batch's records in the same transaction, in fact
    // the same statements, as the messages whose new ids it got back (history/pg_batch.cpp), and
    // prune deletes a message only once its records are gone (history/prune.cpp): nothing else
    // writes either table.
    // The fleet's tests check that no record lacks its message (tests/fleet). SQLite keeps its
    // key (its check is a lookup in the same process, and costs little): nothing to run there.
    // The constraint has the name PostgreSQL gave the version-1 column's REFERENCES
    // (https://www.postgresql.org/docs/15/sql-createtable.html: table_column_fkey).
    Step{"", "ALTER TABLE records DROP CONSTRAINT IF EXISTS records_message_fkey;"},
};

static_assert(std::size(kMigrations) + 1 == Store::kSchemaVersion,
              "one migration step per schema version after the first");

// Indexes added after version 1 shipped, created on every open when missing (so both new
// databases and old ones get them). They do not bump the schema version: an index changes no
// table, and a bouncekit that does not know it reads and writes the file as before (SQLite
// keeps every index up to date whoever writes). Bump the version only for changes of tables or
// columns, which an older reader would misread.
// - messages_by_first_counted: history::prune finds the messages old enough without a scan
//   (a scan of 1,000,000 messages took 0.7-0.9 s every night, the probe under 0.01 s).
// - records_by_message: prune deletes a message's records, and SQLite's foreign-key check on
//   deleting a message looks for them, without scanning every record.
constexpr const char* kLaterIndexes = R"sql(
CREATE INDEX IF NOT EXISTS messages_by_first_counted ON messages(first_counted);
CREATE INDEX IF NOT EXISTS records_by_message ON records(message);
)sql";

std::int64_t pragma_int(sqlite::Connection& connection, const char* sql) {
  sqlite::Statement statement(connection, sql);
  std::int64_t value = statement.step() ? statement.column_int(0) : 0;
  statement.reset();
  return value;
}

std::int64_t int_of(db::Connection& connection, std::string_view sql, std::string_view parameter = {}) {
  db::Statement statement(connection, sql);
  if (!parameter.empty()) statement.bind(1, parameter);
  std::int64_t value = statement.step() ? statement.column_int(0) : 0;
  statement.reset();
  return value;
}

// Brings the file to Store::kSchemaVersion in one transaction: the version-1 tables of a new
// file, every step still to run, the new user_version. The version is read again inside the
// transaction: another connection may have migrated the file since prepare_schema looked.
void migrate(sqlite::Connection& connection) {
  connection.exec("BEGIN IMMEDIATE");
  try {
    std::int64_t from = pragma_int(connection, "PRAGMA user_version");
    if (pragma_int(connection, "SELECT count(*) FROM sqlite_schema") == 0) from = 0;
    std::string steps;
    if (from == 0) {
      steps += kSchemaVersion1;
      steps += "PRAGMA application_id = " + std::to_string(kApplicationId) + ";";
    }
    for (std::int64_t v = std::max<std::int64_t>(from, 1); v < Store::kSchemaVersion; ++v)
      steps += kMigrations[v - 1].sqlite;
    steps += "PRAGMA user_version = " + std::to_string(Store::kSchemaVersion) + ";";
    if (from < Store::kSchemaVersion) connection.exec(steps.c_str());
    connection.exec("COMMIT");
  } catch (const DatabaseError&) {
    try {
      connection.exec("ROLLBACK");
    } catch (const DatabaseError&) {
    }
    throw;
  }
}

// PostgreSQL (docs/history.md, "PostgreSQL"). Key of the transaction-scoped advisory lock
// (https://www.postgresql.org/docs/15/explicit-locking.html#ADVISORY-LOCKS) under which a
// connection checks and migrates the schema: hosts opening the history at the same time take
// turns, and the second finds the work done. "bkhi", as SQLite's application_id.
constexpr std::int64_t kSchemaLockKey = 0x626b6869;

// Whether the current schema holds a table or index of this name.
bool has_relation(db::Connection& connection, std::string_view name) {
  return int_of(connection,
                "SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname = current_schema() AND c.relname = ?1",
                name) > 0;
}

void prepare_postgresql(db::Connection& connection) {
  const std::string& name = connection.name();
  connection.begin();
  try {
    connection.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kSchemaLockKey) + ")");
    const bool meta = has_relation(connection, "bouncekit_meta");
    if (!meta && (has_relation(connection, "messages") || has_relation(connection, "records")))
      throw DatabaseError(name + " has tables named messages or records but is not a bouncekit history");
    const std::int64_t version =
        meta ? int_of(connection, "SELECT CAST(value AS BIGINT) FROM bouncekit_meta WHERE name = 'schema_version'")
             : 0;
    if (version > Store::kSchemaVersion)
      throw DatabaseError(name + " was written by a newer bouncekit (history schema version " +
                          std::to_string(version) + "; this version reads up to " +
                          std::to_string(Store::kSchemaVersion) + ")");
    if (meta && version < 1)
      throw DatabaseError(name + " has history schema version " + std::to_string(version) +
                          ", which this version cannot read");
    if (version < Store::kSchemaVersion) {
      std::string steps;
      if (version == 0) {
        steps += kSchemaVersion1;
        steps +=
            "CREATE TABLE bouncekit_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "INSERT INTO bouncekit_meta (name, value) VALUES ('application', 'bouncekit history'),"
            " ('schema_version', '1');";
      }
      for (std::int64_t v = std::max<std::int64_t>(version, 1); v < Store::kSchemaVersion; ++v)
        steps += kMigrations[v - 1].postgresql;
      steps += "UPDATE bouncekit_meta SET value = '" + std::to_string(Store::kSchemaVersion) +
               "' WHERE name = 'schema_version';";
      connection.exec(steps);
    }
    if (!has_relation(connection, "records_by_message")) connection.exec(kLaterIndexes);
    if (!has_relation(connection, "override_log")) connection.exec(override_tables_sql());
    connection.commit();
  } catch (...) {
    connection.rollback();
    throw;
  }
}

}  // namespace

void prepare_schema(db::Connection& connection) {
  if (connection.dialect() == db::Dialect::postgresql) return prepare_postgresql(connection);
  prepare_schema(static_cast<db::SqliteConnection&>(connection).raw());
}

void prepare_schema(sqlite::Connection& connection) {
  // A second reader (the sqlite3 shell, a backup) may hold the file briefly; runs themselves
  // are serialised by history::Lock.
  connection.exec("PRAGMA busy_timeout = 10000");
  std::int64_t version = pragma_int(connection, "PRAGMA user_version");  // fails on a non-database file
  std::int64_t application = pragma_int(connection, "PRAGMA application_id");
  std::int64_t objects = pragma_int(connection, "SELECT count(*) FROM sqlite_schema");
  const std::string name = connection.path().string();
  if (objects > 0 && application != kApplicationId)
    throw DatabaseError(name + " is an SQLite database but not a bouncekit history database");
  if (version > Store::kSchemaVersion)
    throw DatabaseError(name + " was written by a newer bouncekit (history schema version " +
                        std::to_string(version) + "; this version reads up to " +
                        std::to_string(Store::kSchemaVersion) + ")");
  // WAL: readers never block the writer, and a killed writer leaves the last committed state.
  // synchronous=NORMAL is durable against a killed process (what cron overlap and kill -9
  // do); a power cut may lose the last batches, which the next run then counts again.
  {
    sqlite::Statement wal(connection, "PRAGMA journal_mode = WAL");
    if (!wal.step() || wal.column_text(0) != "wal") connection.fail("cannot switch to WAL mode");
    wal.reset();
  }
  // cache_size: 8 MB instead of SQLite's 2 MB. New fingerprints and recipients land at random
  // places in their indexes; with 2 MB the pages fall out of the cache and are read back from
  // the file at each insert (on 46,000 new messages: 0.5 s of system time, 0.3 s with 8 MB, for
  // 7 MB more peak RSS; docs/performance.md).
  connection.exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -8192");
  if (objects > 0 && version < 1)
    throw DatabaseError(name + " has history schema version " + std::to_string(version) +
                        ", which this version cannot read");
  if (objects == 0 || version < Store::kSchemaVersion) migrate(connection);
  // On a version-1 file that lacks them this writes once (3-6 s per million messages, measured).
  if (pragma_int(connection, "SELECT count(*) FROM sqlite_schema WHERE name = 'records_by_message'") == 0)
    connection.exec((std::string("BEGIN IMMEDIATE;") + kLaterIndexes + "COMMIT;").c_str());
  prepare_override_tables(connection);  // history/override_tables.cpp (issue 18)
}

}  // namespace bouncekit::history
