// `bouncekit suppressions`: the suppression list from the history, in the format a list manager
// or an ESP imports (docs/list-managers.md), and the overrides: allow, unallow, forget, log.
#pragma once

#include <string>
#include <vector>

#include "policy_options.hpp"

namespace CLI {
class App;
}

namespace bouncekit::app {

struct SuppressionsOptions {
  std::string db;          ///< --db FILE; "" = the default path
  bool db_given = false;   ///< --db was on the command line (an empty value is a usage error)
  std::string since = "all";
  std::string list;  ///< --list ID: one list only
  std::string format = "plain";
  bool csv_raw = false;
  double wait_seconds = 0;
  PolicyOptions policy;
  std::vector<std::string> addresses;  ///< allow / unallow / forget
  std::string note;                    ///< --note
  CLI::App* allow = nullptr;
  CLI::App* unallow = nullptr;
  CLI::App* forget = nullptr;
  CLI::App* log = nullptr;
};

/// Adds the `suppressions` subcommand (and allow, unallow, forget, log under it) to `app`.
CLI::App* add_suppressions_command(CLI::App& app, SuppressionsOptions& options);

/// Runs it; returns the exit code.
int run_suppressions(const SuppressionsOptions& options);

}  // namespace bouncekit::app
