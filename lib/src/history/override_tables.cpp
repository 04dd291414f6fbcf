// ---------------------------------------------------------------------------------------------
// OVERRIDE TABLES (issue 18): the allowlist and the log of changes made by hand.
// Created with CREATE TABLE IF NOT EXISTS when a history is opened, without a schema version
// bump: an older bouncekit ignores tables it does not know. To be folded into the next
// versioned migration of schema.cpp; this is the only place that defines them.
// ---------------------------------------------------------------------------------------------
#include "history/schema.hpp"

#include <string>

namespace bouncekit::history {
namespace {

constexpr const char* kOverrideTables = R"sql(
-- Addresses the suppression policy never suppresses, until `suppressions unallow`.
CREATE TABLE IF NOT EXISTS allowed_addresses (
  address TEXT PRIMARY KEY,  -- lower-case, as records.recipient
  since   TEXT NOT NULL,     -- UTC ISO 8601
  note    TEXT NOT NULL
) WITHOUT ROWID;
-- Every allow, unallow and forget, with its time and note (`suppressions log`).
CREATE TABLE IF NOT EXISTS override_log (
  id      INTEGER PRIMARY KEY,
  time    TEXT NOT NULL,
  action  TEXT NOT NULL,     -- allow, unallow, forget
  address TEXT NOT NULL,
  note    TEXT NOT NULL,
  records INTEGER NOT NULL   -- forget: records deleted; 0 otherwise
);
)sql";

}  // namespace

const char* override_tables_sql() { return kOverrideTables; }

void prepare_override_tables(sqlite::Connection& connection) {
  sqlite::Statement present(connection, "SELECT count(*) FROM sqlite_schema WHERE name = 'override_log'");
  const bool exists = present.step() && present.column_int(0) > 0;
  present.reset();
  if (!exists) connection.exec((std::string("BEGIN IMMEDIATE;") + kOverrideTables + "COMMIT;").c_str());  // a write only the first time
}

}  // namespace bouncekit::history
