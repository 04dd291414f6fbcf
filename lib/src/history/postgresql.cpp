// db::Connection over libpq (history/postgresql.hpp).
#include "history/postgresql.hpp"

#include <libpq-fe.h>

#include <atomic>
#include <charconv>
#include <optional>
#include <vector>

namespace bouncekit::history::db {
namespace {

// Seconds libpq waits for a server that does not answer, unless the target says otherwise.
constexpr const char* kConnectTimeout = "30";

// libpq prints the server's notices (e.g. "relation already exists, skipping") on stderr by
// default; the history has nothing to tell the user through them.
void ignore_notice(void*, const char*) {}

std::string trimmed(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// A password in the target would sit in crontabs, shell histories and `ps` output.
void refuse_password(const std::string& target) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(target.c_str(), &error);
  if (!options) {
    std::string message = trimmed(error);
    PQfreemem(error);
    throw DatabaseError("not a PostgreSQL connection string: " + message);
  }
  bool password = false;
  for (PQconninfoOption* o = options; o->keyword; ++o)
    if (std::string_view(o->keyword) == "password" && o->val && *o->val) password = true;
  PQconninfoFree(options);
  if (password)
    throw DatabaseError(
        "the PostgreSQL connection string holds a password: put it in ~/.pgpass (or the file PGPASSFILE "
        "names, or PGPASSWORD) instead");
}

class PostgresCursor final : public Cursor {
 public:
  // Prepared once on the server (parsed and planned once, however often it runs: the insert
  // statements run once per message and record).
  PostgresCursor(PostgresConnection& connection, std::string_view sql) : connection_(connection) {
    int parameters = 0;
    std::string mapped = to_postgresql(sql, &parameters);
    values_.resize(static_cast<std::size_t>(parameters));
    static std::atomic<std::uint64_t> counter{0};  // unique within the process, hence within each session
    name_ = "bouncekit_" + std::to_string(++counter);
    PGresult* result = PQprepare(connection_.handle(), name_.c_str(), mapped.c_str(), parameters, nullptr);
    if (!result || PQresultStatus(result) != PGRES_COMMAND_OK) {
      std::string detail = trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(connection_.handle()));
      const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
      std::string sqlstate = state ? state : "";
      PQclear(result);
      connection_.fail("cannot prepare a statement", detail, sqlstate);
    }
    PQclear(result);
  }
  ~PostgresCursor() override {
    finish();
    // Outside a failed transaction the server forgets it at once; otherwise at the session's end.
    pg_conn* conn = connection_.handle();
    if (PQstatus(conn) == CONNECTION_OK && PQtransactionStatus(conn) != PQTRANS_INERROR)
      PQclear(PQexec(conn, ("DEALLOCATE " + name_).c_str()));
  }

  void bind_text(int index, std::string_view text, bool) override { slot(index).emplace(text); }
  void bind_int(int index, std::int64_t value) override { slot(index).emplace(std::to_string(value)); }

  bool step() override {
    if (!active_) start();
    PQclear(row_);
    row_ = PQgetResult(connection_.handle());
    ExecStatusType status = row_ ? PQresultStatus(row_) : PGRES_FATAL_ERROR;
    if (status == PGRES_SINGLE_TUPLE) return true;
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
      const char* tuples = PQcmdTuples(row_);
      changes_ = 0;
      std::from_chars(tuples, tuples + std::char_traits<char>::length(tuples), changes_);
      reset();
      return false;
    }
    std::string detail = row_ ? trimmed(PQresultErrorMessage(row_)) : trimmed(PQerrorMessage(connection_.handle()));
    if (detail.empty()) detail = trimmed(PQerrorMessage(connection_.handle()));
    const char* state = row_ ? PQresultErrorField(row_, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state ? state : "";
    reset();
    connection_.fail("statement failed", detail, sqlstate);
  }

  std::int64_t run() override {
    while (step()) {
    }
    return changes_;
  }

  void reset() override {
    finish();
    for (auto& value : values_) value.reset();
  }

  std::int64_t column_int(int index) const override {
    std::string_view text = column_text(index);
    std::int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }

  std::string_view column_text(int index) const override {
    if (!row_ || index < 0 || index >= PQnfields(row_) || PQntuples(row_) < 1 || PQgetisnull(row_, 0, index))
      return {};
    return {PQgetvalue(row_, 0, index), static_cast<std::size_t>(PQgetlength(row_, 0, index))};
  }

 private:
  std::optional<std::string>& slot(int index) {
    if (index < 1 || static_cast<std::size_t>(index) > values_.size())
      throw DatabaseError(connection_.name() + ": no parameter " + std::to_string(index) + " in a statement");
    return values_[static_cast<std::size_t>(index - 1)];
  }

  void start() {
    std::vector<const char*> values;
    values.reserve(values_.size());
    for (const auto& value : values_) values.push_back(value ? value->c_str() : nullptr);
    pg_conn* conn = connection_.handle();
    if (!PQsendQueryPrepared(conn, name_.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr,
                             0))
      connection_.fail("cannot send a statement", trimmed(PQerrorMessage(conn)), "");
    active_ = true;
    PQsetSingleRowMode(conn);
  }

  // Reads what is left of the statement's results, so that the connection can take the next one.
  void finish() noexcept {
    PQclear(row_);
    row_ = nullptr;
    if (!active_) return;
    active_ = false;
    while (PGresult* rest = PQgetResult(connection_.handle())) PQclear(rest);
  }

  PostgresConnection& connection_;
  std::string name_;
  std::vector<std::optional<std::string>> values_;
  PGresult* row_ = nullptr;
  bool active_ = false;
  std::int64_t changes_ = 0;
};

}  // namespace

PostgresConnection::PostgresConnection(const std::string& target) {
  refuse_password(target);
  // expand_dbname: `target` is a whole connection string; the settings before it are defaults
  // it may override, those after it would override it.
  const char* keywords[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
  const char* values[] = {kConnectTimeout, "bouncekit", target.c_str(), nullptr};
  conn_ = PQconnectdbParams(keywords, values, 1);
  if (!conn_) throw DatabaseError("cannot connect to the PostgreSQL history: out of memory");
  const char* db = PQdb(conn_);
  const char* host = PQhost(conn_);
  const char* port = PQport(conn_);
  name_ = std::string("PostgreSQL database ") + (db ? db : "?") + " on " + (host ? host : "?") + ":" +
          (port && *port ? port : "5432");
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = trimmed(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw DatabaseError("cannot connect to the history, " + name_ + ": " + message);
  }
  PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
  // UTF-8 both ways, whatever the server's default; UTC for anything the server dates.
  exec("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'");
}

PostgresConnection::~PostgresConnection() { PQfinish(conn_); }

void PostgresConnection::exec(std::string_view sql) {
  std::string mapped = to_postgresql(sql);
  PGresult* result = PQexec(conn_, mapped.c_str());
  ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    PQclear(result);
    return;
  }
  std::string detail = trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
  if (detail.empty()) detail = trimmed(PQerrorMessage(conn_));
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state ? state : "";
  PQclear(result);
  fail("statement failed", detail, sqlstate);
}

void PostgresConnection::copy_in(std::string_view sql, std::string_view data) {
  constexpr std::size_t kPiece = std::size_t{1} << 20;
  const std::string mapped = to_postgresql(sql);
  PGresult* result = PQexec(conn_, mapped.c_str());
  ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COPY_IN) {
    std::string detail = trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
    if (detail.empty()) detail = trimmed(PQerrorMessage(conn_));
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state ? state : "";
    PQclear(result);
    // A COPY statement that did not start COPY IN (a mistake of ours) is not left in that state.
    while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
    fail("cannot start a COPY", detail, sqlstate);
  }
  PQclear(result);
  bool sent = true;
  for (std::size_t at = 0; sent && at < data.size(); at += kPiece) {
    const std::string_view piece = data.substr(at, kPiece);
    sent = PQputCopyData(conn_, piece.data(), static_cast<int>(piece.size())) == 1;
  }
  // On a failed send the COPY is ended as failed, so the server rolls it back (and the result
  // below says why, when the server can still say it).
  if (PQputCopyEnd(conn_, sent ? nullptr : "the client could not send the data") != 1 && sent)
    fail("cannot end a COPY", trimmed(PQerrorMessage(conn_)), "");
  std::string detail, sqlstate;
  bool ok = true;
  while (PGresult* rest = PQgetResult(conn_)) {
    const ExecStatusType rest_status = PQresultStatus(rest);
    if (rest_status != PGRES_COMMAND_OK && ok) {
      ok = false;
      detail = trimmed(PQresultErrorMessage(rest));
      const char* state = PQresultErrorField(rest, PG_DIAG_SQLSTATE);
      sqlstate = state ? state : "";
    }
    PQclear(rest);
    // Still in COPY (its end could not be sent): libpq would answer the same for ever.
    if (rest_status == PGRES_COPY_IN) break;
  }
  if (!ok || !sent) fail("COPY failed", detail.empty() ? trimmed(PQerrorMessage(conn_)) : detail, sqlstate);
}

std::unique_ptr<Cursor> PostgresConnection::prepare(std::string_view sql) {
  return std::make_unique<PostgresCursor>(*this, sql);
}

void PostgresConnection::fail(std::string_view what, std::string_view detail, std::string_view sqlstate) const {
  std::string message = "history " + name_ + ": " + std::string(what) + ": " + std::string(detail);
  // SQLSTATE class 08: connection exception; 57P01-57P03: the server is shutting down or not
  // accepting sessions (https://www.postgresql.org/docs/15/errcodes-appendix.html).
  const bool lost = PQstatus(conn_) != CONNECTION_OK || sqlstate.substr(0, 2) == "08" ||
                    sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
  if (lost) throw ConnectionLost(message);
  throw DatabaseError(message);
}

}  // namespace bouncekit::history::db
