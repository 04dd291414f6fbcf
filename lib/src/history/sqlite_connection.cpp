// db::Connection over the SQLite wrapper, and db::open, which picks the back end of a target.
#include "history/sqlite_connection.hpp"

#include <system_error>

#include "history/postgresql.hpp"

namespace bouncekit::history::db {
namespace {

class SqliteCursor final : public Cursor {
 public:
  SqliteCursor(sqlite::Connection& db, std::string_view sql) : db_(db), statement_(db, std::string(sql).c_str()) {}
  void bind_text(int index, std::string_view text, bool stable) override {
    if (stable)
      statement_.bind_static(index, text);
    else
      statement_.bind(index, text);
  }
  void bind_int(int index, std::int64_t value) override { statement_.bind(index, value); }
  bool step() override { return statement_.step(); }
  std::int64_t run() override {
    statement_.run();
    return db_.changes();
  }
  void reset() override { statement_.reset(); }
  std::int64_t column_int(int index) const override { return statement_.column_int(index); }
  std::string_view column_text(int index) const override { return statement_.column_text(index); }

 private:
  sqlite::Connection& db_;
  sqlite::Statement statement_;
};

}  // namespace

std::unique_ptr<Cursor> SqliteConnection::prepare(std::string_view sql) {
  return std::make_unique<SqliteCursor>(db_, sql);
}

void Connection::rollback() noexcept {
  try {
    exec("ROLLBACK");
  } catch (...) {
  }
}

std::unique_ptr<Connection> open(const std::filesystem::path& target) {
  if (is_server(target.string())) return std::make_unique<PostgresConnection>(target.string());
  std::error_code ec;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
  if (ec) throw DatabaseError("cannot create the folder of " + target.string() + ": " + ec.message());
  return std::make_unique<SqliteConnection>(target);
}

}  // namespace bouncekit::history::db
