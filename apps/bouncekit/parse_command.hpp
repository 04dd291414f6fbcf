// `bouncekit parse`: one record per failed recipient.
#pragma once

#include <string>
#include <vector>

#include "verp_options.hpp"

namespace CLI {
class App;
}

namespace bouncekit::app {

struct ParseOptions {
  std::vector<std::string> paths;
  std::string format = "jsonl";
  std::vector<std::string> headers;
  bool include_delivered = false;
  bool include_vacation = false;
  std::size_t max_message_mb = 64;
  std::size_t max_records = 10000;  ///< --max-records-per-message (docs/limits.md)
  std::string rules;  ///< --rules FILE: user classification rules
  unsigned threads = 0;  ///< --threads N: decoding threads, 0 = one per core
  bool csv_raw = false;  ///< --csv-raw: CSV cells without the formula guard
  bool generic_only = false;  ///< --generic-only: a measurement mode (docs/cli.md)
  VerpOptions verp;  ///< --verp, --no-verp-defaults
  /// --ship: every message and every record, tagged for a central `report` (docs/fleet.md)
  bool ship = false;
  std::string host_name;  ///< --host-name (with --ship); "" = the system's host name
};

/// Adds the `parse` subcommand and its options to `app`, filling `options`.
CLI::App* add_parse_command(CLI::App& app, ParseOptions& options);

/// Runs `parse`; returns the exit code.
int run_parse(const ParseOptions& options);

}  // namespace bouncekit::app
