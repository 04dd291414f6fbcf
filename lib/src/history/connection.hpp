// The one database interface the history is written against: a connection and its prepared
// statements, with two implementations (history/sqlite_connection.cpp over the SQLite wrapper,
// history/postgresql.cpp over libpq). Queries are written once, in the SQL both accept, with
// `?N` parameters; the PostgreSQL side maps the few spellings that differ
// (history/dialect.cpp). Every failure throws history::DatabaseError.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "bouncekit/history.hpp"

namespace bouncekit::history::db {

enum class Dialect { sqlite, postgresql };

/// One prepared statement of a Connection. Parameters are 1-based, columns 0-based.
class Cursor {
 public:
  virtual ~Cursor() = default;
  /// `stable`: the caller keeps `text` alive and unchanged until the statement is reset.
  virtual void bind_text(int index, std::string_view text, bool stable) = 0;
  virtual void bind_int(int index, std::int64_t value) = 0;
  /// Next row: true while there is one; false when done (the statement is then reset).
  virtual bool step() = 0;
  /// Runs a statement to its end; returns the rows it inserted, updated or deleted.
  virtual std::int64_t run() = 0;
  /// Clears the bindings and ends the statement (also done when step() reaches the end).
  virtual void reset() = 0;
  virtual std::int64_t column_int(int index) const = 0;
  /// Text of a column ("" for NULL).
  virtual std::string_view column_text(int index) const = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  /// What error messages call the database: a file name, or PostgreSQL's database and host
  /// (never a password).
  virtual const std::string& name() const = 0;
  /// Runs one or more statements that return nothing (schema, BEGIN/COMMIT).
  virtual void exec(std::string_view sql) = 0;
  virtual std::unique_ptr<Cursor> prepare(std::string_view sql) = 0;
  /// Starts a write transaction (SQLite: BEGIN IMMEDIATE, which takes the write lock at once).
  virtual void begin() = 0;
  /// PostgreSQL: runs `sql`, a `COPY ... FROM STDIN`, with `data` as its input (in the format the
  /// statement names). SQLite has no COPY: DatabaseError.
  virtual void copy_in(std::string_view sql, std::string_view data) {
    (void)data;
    throw DatabaseError(name() + ": cannot run " + std::string(sql.substr(0, 40)) + ": not a PostgreSQL database");
  }
  void commit() { exec("COMMIT"); }
  /// Rolls back, ignoring a failure (the connection may be gone).
  void rollback() noexcept;
};

/// A prepared statement as a value, with chained binds.
class Statement {
 public:
  Statement(Connection& connection, std::string_view sql) : cursor_(connection.prepare(sql)) {}
  Statement& bind(int index, std::string_view text) {
    cursor_->bind_text(index, text, false);
    return *this;
  }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind_static(int index, std::string_view text) {
    cursor_->bind_text(index, text, true);
    return *this;
  }
  Statement& bind(int index, std::int64_t value) {
    cursor_->bind_int(index, value);
    return *this;
  }
  bool step() { return cursor_->step(); }
  std::int64_t run() { return cursor_->run(); }
  void reset() { cursor_->reset(); }
  std::int64_t column_int(int index) const { return cursor_->column_int(index); }
  std::string_view column_text(int index) const { return cursor_->column_text(index); }

 private:
  std::unique_ptr<Cursor> cursor_;
};

/// Opens the history at `target`: a PostgreSQL connection string (history::is_server) or an
/// SQLite file (created, with its folder, when missing). The schema is not touched: see
/// prepare_schema (history/schema.hpp).
std::unique_ptr<Connection> open(const std::filesystem::path& target);

/// The PostgreSQL spelling of a statement written for both: `?N` -> `$N`, and the few
/// SQLite-only words mapped (history/dialect.cpp). Quoted text and comments are kept as written.
/// `*parameters`, when given, is set to the highest parameter number used.
std::string to_postgresql(std::string_view sql, int* parameters = nullptr);

}  // namespace bouncekit::history::db
