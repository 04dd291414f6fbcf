// A small RAII wrapper over the SQLite C API: a connection and prepared statements.
// Every failure throws history::DatabaseError naming the database file and SQLite's message.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "bouncekit/history.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace bouncekit::history::sqlite {

class Connection {
 public:
  /// Opens (creating if needed) the database file.
  explicit Connection(const std::filesystem::path& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Runs one or more statements that return nothing (schema, pragmas, BEGIN/COMMIT).
  void exec(const char* sql);
  /// Throws DatabaseError with `what` and SQLite's last message.
  [[noreturn]] void fail(std::string_view what) const;

  /// Rows changed by the last INSERT/UPDATE/DELETE, and the rowid of the last INSERT.
  std::int64_t changes() const;
  std::int64_t last_insert_rowid() const;

  sqlite3* handle() const { return db_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

/// A prepared statement, reset after each use. Parameters are 1-based, columns 0-based.
class Statement {
 public:
  Statement(Connection& connection, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);
  /// Binds `text` without a copy (SQLITE_STATIC): the caller keeps it alive and unchanged until
  /// the statement is reset (run() and a step() that reaches the end do that).
  Statement& bind_static(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  /// Next row: true while there is one; false when done (the statement is then reset).
  bool step();
  /// Runs a statement that returns no row.
  void run();
  /// Clears the bindings and rewinds (also done when step() reaches the end).
  void reset();

  std::int64_t column_int(int index) const;
  /// Text of a column ("" for NULL).
  std::string_view column_text(int index) const;

 private:
  Connection& connection_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace bouncekit::history::sqlite
