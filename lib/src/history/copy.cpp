// history::copy_database: one consistent copy of a history, for a run that must not write it.
// SQLite's VACUUM INTO (https://sqlite.org/lang_vacuum.html#vacuuminto, SQLite 3.27) writes a
// snapshot of the database as one read transaction sees it, WAL content included.
#include <system_error>

#include "bouncekit/history.hpp"
#include "history/schema.hpp"
#include "history/sqlite.hpp"

namespace bouncekit::history {

void copy_database(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (is_server(from.string()) || is_server(to.string()))
    throw DatabaseError("a PostgreSQL history cannot be copied to a file (report --dry-run works on SQLite histories only)");
  std::error_code ec;
  if (!std::filesystem::exists(from, ec)) throw DatabaseError("no history database at " + from.string());
  sqlite::Connection source(from);
  prepare_schema(source);  // refuses a file that is not a bouncekit history (or is too new)
  sqlite::Statement vacuum(source, "VACUUM INTO ?1");
  vacuum.bind(1, to.string());
  vacuum.run();
}

}  // namespace bouncekit::history
