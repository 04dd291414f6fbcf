// Where the history lives when --db is not given (XDG Base Directory: state data), what names a
// PostgreSQL history instead of a file, and the local file that stands for one.
#include <unistd.h>

#include <climits>
#include <cstdlib>

#include "bouncekit/history.hpp"

namespace bouncekit::history {
namespace {

std::filesystem::path state_dir() {
  const char* state = std::getenv("XDG_STATE_HOME");
  // The specification says a relative XDG_STATE_HOME is invalid and must be ignored.
  if (state && *state && std::filesystem::path(state).is_absolute()) return std::filesystem::path(state) / "bouncekit";
  const char* home = std::getenv("HOME");
  if (home && *home) return std::filesystem::path(home) / ".local" / "state" / "bouncekit";
  throw DatabaseError("no place for the history database: neither XDG_STATE_HOME nor HOME is set (use --db FILE)");
}

}  // namespace

std::filesystem::path default_path() { return state_dir() / "history.sqlite"; }

// libpq's two forms of a connection string (https://www.postgresql.org/docs/15/libpq-connect.html
// #LIBPQ-CONNSTRING): a URI with the scheme postgresql:// or postgres://, or keyword=value pairs.
bool is_server(std::string_view target) {
  return target.rfind("postgresql:", 0) == 0 || target.rfind("postgres:", 0) == 0 ||
         target.find("host=") != std::string_view::npos || target.find("dbname=") != std::string_view::npos;
}

std::filesystem::path local_file(const std::filesystem::path& target, std::string_view host) {
  if (!is_server(target.string())) return target;
  std::string key = target.string();
  key += '\n';
  key += host;
  return state_dir() / "postgresql" / (fingerprint(key) + ".lock");
}

std::string system_host_name() {
  char name[HOST_NAME_MAX + 1] = {};
  if (::gethostname(name, sizeof name - 1) != 0 || !*name) return "localhost";
  return name;
}

}  // namespace bouncekit::history
