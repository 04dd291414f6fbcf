// Running the built `bouncekit` program from a test: arguments, extra environment, captured
// stdout and stderr, and the exit code (or the signal that ended it).
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace bouncekit::test {

struct CliRun {
  int exit_code = -1;  ///< -1 when ended by a signal
  int signal = 0;      ///< the signal that ended it, 0 if it exited
  std::string out, err;
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// Runs `env VAR=VALUE... bouncekit ARGS...` with stdin from `stdin_path` (/dev/null by default).
inline CliRun run_cli(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {},
                      const std::string& stdin_path = "/dev/null") {
  TempDir tmp;
  std::string cmd = "env";
  for (const auto& [name, value] : env) cmd += " " + shell_quote(name + "=" + value);
  cmd += " " + shell_quote(BOUNCEKIT_CLI);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  cmd += " < " + shell_quote(stdin_path) + " > " + shell_quote((tmp.path() / "out").string()) + " 2> " +
         shell_quote((tmp.path() / "err").string());
  // `exec` so that a signal ending bouncekit is seen here, not hidden behind the shell's exit code.
  int status = std::system(("exec " + cmd).c_str());
  CliRun r;
  if (WIFEXITED(status)) {
    r.exit_code = WEXITSTATUS(status);
    // A shell reports a child killed by signal N as 128 + N.
    if (r.exit_code > 128 && r.exit_code < 160) {
      r.signal = r.exit_code - 128;
      r.exit_code = -1;
    }
  } else if (WIFSIGNALED(status)) {
    r.signal = WTERMSIG(status);
  }
  r.out = read_file(tmp.path() / "out");
  r.err = read_file(tmp.path() / "err");
  return r;
}

/// The value of `name=` in the stderr summary line ("read=12 ... new=3"), or -1.
inline long summary_value(const std::string& err, const std::string& name) {
  std::string key = " " + name + "=";
  std::size_t line = err.rfind("bouncekit: info: read=");
  if (line == std::string::npos) return -1;
  std::size_t at = err.find(key, line);
  if (name == "read") at = err.find("read=", line) - 1;
  if (at == std::string::npos) return -1;
  return std::strtol(err.c_str() + at + key.size(), nullptr, 10);
}

}  // namespace bouncekit::test
