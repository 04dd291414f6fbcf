// db::Connection over the SQLite wrapper (history/sqlite.hpp).
#pragma once

#include "history/connection.hpp"
#include "history/sqlite.hpp"

namespace bouncekit::history::db {

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::filesystem::path& path) : db_(path), name_(path.string()) {}
  Dialect dialect() const override { return Dialect::sqlite; }
  const std::string& name() const override { return name_; }
  void exec(std::string_view sql) override { db_.exec(std::string(sql).c_str()); }
  std::unique_ptr<Cursor> prepare(std::string_view sql) override;
  void begin() override { db_.exec("BEGIN IMMEDIATE"); }
  /// The wrapped connection, for what only SQLite has (PRAGMAs, VACUUM INTO).
  sqlite::Connection& raw() { return db_; }

 private:
  sqlite::Connection db_;
  std::string name_;
};

}  // namespace bouncekit::history::db
