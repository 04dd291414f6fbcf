// db::Connection over libpq, PostgreSQL's C client library
// (https://www.postgresql.org/docs/15/libpq.html). One connection per object; statements are
// sent with PQsendQueryParams in single-row mode (libpq "Retrieving Query Results Row-by-Row"),
// so a query over the whole history streams instead of being loaded whole.
#pragma once

#include "history/connection.hpp"

struct pg_conn;

namespace bouncekit::history::db {

class PostgresConnection final : public Connection {
 public:
  /// Connects to `target` (a libpq URI or key=value connection string). A password written in
  /// the target is refused: libpq reads it from PGPASSFILE, ~/.pgpass or PGPASSWORD.
  explicit PostgresConnection(const std::string& target);
  ~PostgresConnection() override;
  Dialect dialect() const override { return Dialect::postgresql; }
  const std::string& name() const override { return name_; }
  void exec(std::string_view sql) override;
  std::unique_ptr<Cursor> prepare(std::string_view sql) override;
  void begin() override { exec("BEGIN"); }
  /// libpq's COPY FROM STDIN (https://www.postgresql.org/docs/15/libpq-copy.html): `data` sent in
  /// pieces of at most 1 MB, then the end of the data, then the statement's result.
  void copy_in(std::string_view sql, std::string_view data) override;

  pg_conn* handle() const { return conn_; }
  /// Throws ConnectionLost when the connection is gone (the server stopped, the network failed,
  /// the server ended the session), DatabaseError otherwise; `detail` is the server's message.
  [[noreturn]] void fail(std::string_view what, std::string_view detail, std::string_view sqlstate) const;

 private:
  pg_conn* conn_ = nullptr;
  std::string name_;
};

}  // namespace bouncekit::history::db
