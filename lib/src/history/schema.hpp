// The history database's tables, and checking or creating them when a database is opened.
#pragma once

#include "history/sqlite.hpp"

namespace bouncekit::history {

/// Sets the connection up (WAL, synchronous, timeouts) and makes sure the file holds the
/// current schema: creates it in an empty file; throws DatabaseError for a file written by a
/// newer version or a database that is not a bouncekit history.
void prepare_schema(sqlite::Connection& connection);

/// Creates the override tables (allowlist and override log) when they are missing
/// (history/override_tables.cpp). Called by prepare_schema.
void prepare_override_tables(sqlite::Connection& connection);

}  // namespace bouncekit::history
