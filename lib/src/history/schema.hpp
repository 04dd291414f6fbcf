// The history database's tables, and checking or creating them when a database is opened.
#pragma once

#include "history/connection.hpp"
#include "history/sqlite.hpp"
#include "history/sqlite_connection.hpp"

namespace bouncekit::history {

/// Makes sure the database holds the current schema: creates it in an empty database, migrates
/// an older one; throws DatabaseError for one written by a newer version or one that is not a
/// bouncekit history. SQLite: also sets the connection up (WAL, synchronous, timeouts).
void prepare_schema(db::Connection& connection);
void prepare_schema(sqlite::Connection& connection);

/// The override tables (allowlist and override log), CREATE TABLE IF NOT EXISTS, in SQL both back
/// ends run (history/override_tables.cpp).
const char* override_tables_sql();

/// Creates the override tables when they are missing (SQLite). Called by prepare_schema.
void prepare_override_tables(sqlite::Connection& connection);

}  // namespace bouncekit::history
