// Where the history lives when --db is not given (XDG Base Directory: state data).
#include <cstdlib>

#include "bouncekit/history.hpp"

namespace bouncekit::history {

std::filesystem::path default_path() {
  const char* state = std::getenv("XDG_STATE_HOME");
  // The specification says a relative XDG_STATE_HOME is invalid and must be ignored.
  if (state && *state && std::filesystem::path(state).is_absolute())
    return std::filesystem::path(state) / "bouncekit" / "history.sqlite";
  const char* home = std::getenv("HOME");
  if (home && *home) return std::filesystem::path(home) / ".local" / "state" / "bouncekit" / "history.sqlite";
  throw DatabaseError("no place for the history database: neither XDG_STATE_HOME nor HOME is set (use --db FILE)");
}

}  // namespace bouncekit::history
