// `bouncekit report`: the nightly job — summary, suppression list, history, report files.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "policy_options.hpp"
#include "verp_options.hpp"

namespace CLI {
class App;
}

namespace bouncekit::app {

struct ReportOptions {
  std::vector<std::string> paths;
  /// --input-format: auto (a path ending .jsonl or .jsonl.gz is a record file of `parse --ship`,
  /// the rest is mail), mail, or jsonl (every path, "-" included, is a record file)
  std::string input_format = "auto";
  std::string db;           ///< --db FILE or PostgreSQL connection string; "" = the default path
  std::string host_name;    ///< --host-name; "" = the system's host name
  bool no_input = false;    ///< --no-input: no paths, the report from the history alone
  bool feed_only = false;   ///< --feed-only: store what is new in the history, write no report
  bool db_given = false;    ///< --db was on the command line (an empty value is a usage error)
  bool init = false;        ///< --init: an existing empty database file starts a new history
  bool csv_raw = false;     ///< --csv-raw: CSV cells without the formula guard
  bool no_history = false;  ///< --no-history: a temporary database
  bool reclassify = false;  ///< --reclassify: decide the window's stored records again
  std::string since = "all";
  std::string format = "text";
  std::string out_dir;
  std::string rules;
  PolicyOptions policy;  ///< --policy-soft-count, --policy-soft-days, --only, --exclude-reason
  analysis::BlockingThreshold blocking;  ///< --blocking-min-messages, --blocking-min-share
  bool dry_run = false;  ///< --dry-run: read and report, write no history
  double wait_seconds = 0;
  std::string progress = "auto";
  std::size_t max_message_mb = 64;
  unsigned threads = 0;  ///< --threads N: decoding threads, 0 = one per core
  std::size_t max_records = 10000;  ///< --max-records-per-message N
  std::size_t batch_size = 10000;   ///< --batch-size N: messages per history transaction
  std::string keep_days = "400";   ///< --keep-days N|all: prune messages first counted longer ago
  bool quiet = false;  ///< set from the global --quiet
  VerpOptions verp;    ///< --verp, --no-verp-defaults
  std::string list;    ///< --list ID: one list only
};

/// Adds the `report` subcommand and its options to `app`, filling `options`.
CLI::App* add_report_command(CLI::App& app, ReportOptions& options);

/// Runs `report`; returns the exit code.
int run_report(const ReportOptions& options);

}  // namespace bouncekit::app
