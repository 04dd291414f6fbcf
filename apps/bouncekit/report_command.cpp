#include "report_command.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <array>
#include <csignal>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <functional>
#include <iostream>
#include <optional>

#include "bouncekit/classify.hpp"
#include "bouncekit/history.hpp"
#include "bouncekit/nightly.hpp"
#include "exit_codes.hpp"
#include "progress_bar.hpp"
#include "rules_option.hpp"

namespace bouncekit::app {
namespace {

// For reproducible runs (tests, comparisons): the run's clock instead of the system clock.
constexpr const char* kNowVariable = "BOUNCEKIT_NOW";
// Test only: the process kills itself with SIGKILL after this many committed batches, so the
// kill-and-rerun test can stop a run at an exact point (tests/nightly/kill_rerun_test.cpp).
constexpr const char* kKillAfterBatchesVariable = "BOUNCEKIT_TEST_KILL_AFTER_BATCHES";
// Test only: the same after this many committed pruning transactions (--keep-days), so a run can
// be stopped halfway through its pruning (tests/nightly/prune_run_test.cpp).
constexpr const char* kKillAfterPruneBatchesVariable = "BOUNCEKIT_TEST_KILL_AFTER_PRUNE_BATCHES";
constexpr const char* kKillAfterReclassifyBatchesVariable = "BOUNCEKIT_TEST_KILL_AFTER_RECLASSIFY_BATCHES";
// Test only: at the named step of writing the report set (nightly/report_files.cpp), the process
// kills itself with SIGKILL, or fails as if that file could not be written
// (tests/nightly/report_set_test.cpp).
constexpr const char* kKillAtReportStepVariable = "BOUNCEKIT_TEST_KILL_AT_REPORT_STEP";
constexpr const char* kFailAtReportStepVariable = "BOUNCEKIT_TEST_FAIL_AT_REPORT_STEP";

// Test only: decoding a message whose bytes contain this text aborts the process, as a decoder
// crash would, so the quarantine test can check the next run (tests/nightly/quarantine_test.cpp).
constexpr const char* kAbortOnVariable = "BOUNCEKIT_TEST_ABORT_ON";

// A fatal signal while a message is being decoded writes its fingerprint down for the next run
// (nightly::record_crash_in_flight), then ends the process as the signal would have.
void on_fatal_signal(int signal) {
  nightly::record_crash_in_flight();
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

void install_crash_handlers() {
  for (int s : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(s, on_fatal_signal);
}

std::function<void(const source::RawMessage&)> abort_on_marker() {
  const char* value = std::getenv(kAbortOnVariable);
  if (!value || !*value) return {};
  std::string marker = value;
  return [marker](const source::RawMessage& message) {
    if (message.bytes.find(marker) != std::string::npos) std::abort();
  };
}

nightly::Format format_of(const std::string& name) {
  if (name == "json") return nightly::Format::json;
  if (name == "csv") return nightly::Format::csv;
  return nightly::Format::text;
}

// The test hook named by `variable`: a callback, given a count of committed transactions, that
// sends the process SIGKILL once the count reaches the variable's value; empty when the
// variable is unset or not a number.
std::function<void(std::uint64_t)> sigkill_after(const char* variable) {
  const char* value = std::getenv(variable);
  if (!value || !*value) return {};
  char* end = nullptr;
  unsigned long long limit = std::strtoull(value, &end, 10);
  if (*end != '\0') return {};
  return [limit](std::uint64_t committed) {
    if (committed >= limit) std::raise(SIGKILL);
  };
}

// The report-set test hook: empty unless one of the two variables is set.
std::function<void(std::string_view)> report_step_hook() {
  const char* kill_at = std::getenv(kKillAtReportStepVariable);
  const char* fail_at = std::getenv(kFailAtReportStepVariable);
  std::string kill_step = kill_at ? kill_at : "", fail_step = fail_at ? fail_at : "";
  if (kill_step.empty() && fail_step.empty()) return {};
  return [kill_step, fail_step](std::string_view step) {
    if (step == kill_step) std::raise(SIGKILL);
    if (step == fail_step) throw nightly::OutputError("injected failure at " + std::string(step) + " (test hook)");
  };
}

// What --feed-only refuses (exit 2): the options that only shape the report it does not write,
// and those under which nothing would be stored (docs/cli.md).
constexpr std::array kNotWithFeedOnly = {
    // the report's shape, and --reclassify, which decides the report window's records again
    "--out", "--format", "--since", "--csv-raw", "--list", "--only", "--exclude-reason", "--policy-soft-count",
    "--policy-soft-days", "--reclassify",
    // nothing would be stored
    "--no-input", "--no-history", "--dry-run"};

// --wait: a finite number of seconds (CLI::Range lets NaN through: no comparison is true for it).
std::string finite_seconds(const std::string& text) {
  try {
    std::size_t used = 0;
    double v = std::stod(text, &used);
    if (used == text.size() && std::isfinite(v)) return {};
  } catch (const std::exception&) {
  }
  return "not a number of seconds: " + text;
}

}  // namespace

CLI::App* add_report_command(CLI::App& app, ReportOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "report", "The nightly job: per-domain and per-provider summary, suppression list, history, report files");
  auto* paths = cmd->add_option("paths", o.paths,
                                 "mbox files, Maildir folders, .eml files, directories, - for stdin (.gz too)");
  cmd->add_option("--input-format", o.input_format,
                  "auto: paths ending .jsonl or .jsonl.gz are files of `parse --ship`, the rest is mail; "
                  "jsonl: every path (- too) is such a file; mail: every path is mail (docs/fleet.md)")
      ->check(CLI::IsMember({"auto", "mail", "jsonl"}))
      ->capture_default_str();
  // A fleet's central report (docs/fleet.md): the hosts feed the history, one run publishes it.
  cmd->add_flag("--no-input", o.no_input,
                "Read no mail: only the history, then write the report (the whole fleet's, on PostgreSQL)")
      ->excludes(paths);
  // The hosts of a fleet that only feed the history; one publishes with --no-input (docs/fleet.md).
  auto* feed_only = cmd->add_flag(
      "--feed-only", o.feed_only,
      "Store what is new in the history, then stop: no report (nothing on stdout, no files, no run recorded)");
  auto* db = cmd->add_option("--db", o.db,
                             "History database: an SQLite file (default $XDG_STATE_HOME/bouncekit/history.sqlite, "
                             "else ~/.local/state/bouncekit/history.sqlite) or a PostgreSQL connection string "
                             "(postgresql://user@host/db; the password from ~/.pgpass, docs/fleet.md)");
  db->each([&o](const std::string&) { o.db_given = true; });
  cmd->add_option("--host-name", o.host_name,
                  "The host name kept with each message this run counts (default: the system's host name)");
  cmd->add_flag("--no-history", o.no_history, "Use a temporary database, removed after the run")->excludes(db);
  cmd->add_flag("--init", o.init,
                "Start a new history in an existing empty (0-byte) database file, which is otherwise refused");
  cmd->add_flag("--csv-raw", o.csv_raw,
                "CSV cells as they are: no quote before cells starting with = + - @ (docs/security.md)");
  cmd->add_option("--since", o.since, "Report window: 7d, 30d, 12h, 2026-11-01, or all")->capture_default_str();
  cmd->add_option("--format", o.format, "What goes to stdout: text summary, summary JSON, or suppressions CSV")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();
  cmd->add_option("--out", o.out_dir,
                  "Also write summary.json, domains.csv, providers.csv, suppressions.csv, suppressions.txt, records.jsonl, "
                  "recipients.jsonl, report.html as one set: DIR becomes a link to it, switched at once "
                  "(docs/report.md)");
  cmd->add_option("--rules", o.rules,
                  "Classification rules tried before the built-in ones (format: docs/classifier.md)");
  add_policy_options(*cmd, o.policy);
  // "Who is blocking me" (docs/report.md): the threshold that flags a domain or provider.
  cmd->add_option("--blocking-min-messages", o.blocking.min_messages,
                  "Flag a domain or provider as blocking you from this many bounce messages with a "
                  "sender-side refusal ...")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1000000}))
      ->capture_default_str();
  cmd->add_option("--blocking-min-share", o.blocking.min_share_percent,
                  "... when such refusals are at least this percentage of its records (0-100)")
      ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{100}))
      ->capture_default_str();
  cmd->add_flag("--dry-run", o.dry_run,
                "Read and report as usual, but write nothing to the history (the run works on a copy of it)")
      ->excludes("--no-history");
  cmd->add_flag("--reclassify", o.reclassify,
                "Before the report, classify every stored record of the --since window again from what its "
                "bounce said, with the current rules (and --rules), and store the new verdicts (docs/history.md)");
  cmd->add_option("--wait", o.wait_seconds, "Seconds to wait for another run's lock on the database")
      ->check(CLI::Validator(finite_seconds, "SECONDS") & CLI::Range(0.0, 86400.0))
      ->capture_default_str();
  cmd->add_option("--progress", o.progress, "Progress line on stderr (auto: only when stderr is a terminal)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_option("--max-message-size", o.max_message_mb, "Largest message read whole, in MB")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  cmd->add_option("--threads", o.threads, "Decoding threads (0 = one per core); the report is the same for any count")
      ->check(CLI::Range(0u, 1024u))
      ->capture_default_str();
  cmd->add_option("--max-records-per-message", o.max_records,
                  "Recipients kept from one report; the rest are left out (docs/limits.md)")
      ->check(CLI::Range(1, 10000000))
      ->capture_default_str();
  cmd->add_option("--batch-size", o.batch_size,
                  "New messages stored per database transaction: a killed run loses at most this many "
                  "(the next run counts them)")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--keep-days", o.keep_days,
                  "Forget messages first counted more than N days ago, with their records (all = keep "
                  "everything); N must exceed how long mail stays in the folders (docs/report.md)")
      ->check(CLI::Range(1, 36600) | CLI::IsMember({"all"}))
      ->capture_default_str();
  add_verp_options(*cmd, o.verp);
  cmd->add_option("--list", o.list,
                  "Only this list: its List-Id (announce.example.org) or VERP list address "
                  "(mylist-bounces@lists.example.org); docs/verp.md");
  for (const char* name : kNotWithFeedOnly) feed_only->excludes(name);
  cmd->footer(
      "A summary line goes to stderr (not with --quiet; --log-file keeps it):\n"
      "read = bounces + non_bounces + undecodable = new + already_counted.\n"
      "Exit codes: 0 ok, 1 some input unreadable, 2 usage error or malformed --rules file,\n"
      "3 another run holds the database lock, 4 database error, 5 output files not written,\n"
      "6 standard output could not be written (the files were), 7 the connection to a PostgreSQL\n"
      "history was lost (run again). See docs/cli.md.");
  return cmd;
}

int run_report(const ReportOptions& o) {
  std::ios::sync_with_stdio(false);
  if (o.paths.empty() != o.no_input) {
    spdlog::error("report needs the mail to read (paths), or --no-input to report from the history alone");
    return kExitUsage;
  }
  if (o.no_input && o.no_history) {
    spdlog::error("--no-input reports from the history: it cannot go with --no-history");
    return kExitUsage;
  }
  nightly::Options options;
  options.now = nightly::now_utc();
  if (const char* now = std::getenv(kNowVariable); now && *now) {
    if (!nightly::is_utc_timestamp(now)) {
      spdlog::error("{} must be a UTC time like 2026-11-22T02:30:00Z, not '{}'", kNowVariable, now);
      return kExitUsage;
    }
    options.now = now;
  }
  std::optional<std::string> since = nightly::window_start(o.since, options.now);
  if (!since) {
    spdlog::error("--since: expected 7d, 12h, 2026-11-01, 2026-11-01T06:00:00Z or all, not '{}'", o.since);
    return kExitUsage;
  }
  options.since = *since;

  classify::Classifier classifier;
  if (!load_user_rules(classifier, o.rules)) return kExitUsage;
  // Mail goes through the decoders, files of `parse --ship` through the shipped reader.
  for (const std::string& path : o.paths) {
    const bool records = o.input_format == "jsonl" || (o.input_format == "auto" && nightly::is_record_file(path));
    (records ? options.record_files : options.paths).push_back(path);
  }
  options.pipeline.classifier = &classifier;
  options.reader.max_message_bytes = o.max_message_mb << 20;
  options.pipeline.threads = o.threads;
  options.decode.max_records = o.max_records;
  apply_verp_options(o.verp, options.decode);
  options.list = nightly::list_key(o.list);
  options.batch_messages = o.batch_size;
  if (!make_policy(o.policy, options.policy)) return kExitUsage;
  options.blocking = o.blocking;
  options.dry_run = o.dry_run;
  options.wait_seconds = o.wait_seconds;
  options.host_name = o.host_name;
  options.keep_days = o.keep_days == "all" ? std::nullopt
                                            : std::optional<unsigned>(std::stoul(o.keep_days));  // checked above
  options.feed_only = o.feed_only;
  options.out = o.feed_only ? nullptr : &std::cout;
  options.format = format_of(o.format);
  options.out_dir = o.out_dir;
  options.csv_raw = o.csv_raw;
  options.init = o.init;
  options.reclassify = o.reclassify;
  options.on_report_step = report_step_hook();
  if (o.db_given) {
    // The database must be a regular file (or not exist yet): not "", a folder or a device.
    std::error_code ec;
    auto status = std::filesystem::status(o.db, ec);
    if (o.db.empty() ||
        (!history::is_server(o.db) && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))) {
      spdlog::error("--db must name a database file, not '{}'", o.db);
      return kExitUsage;
    }
  }

  ProgressBar progress(o.progress, o.quiet);
  if (spdlog::should_log(spdlog::level::debug))
    options.on_undecodable = [&](const std::string& origin, const std::string& problem) {
      progress.clear();
      spdlog::debug("undecodable: {}: {}", origin, problem);
    };
  if (progress.enabled()) progress.set_total(ProgressBar::input_bytes(o.paths));
  if (progress.enabled())
    options.on_progress = [&](const nightly::Progress& p) { progress.update(p.messages, p.bytes); };
  options.on_batch_committed = sigkill_after(kKillAfterBatchesVariable);
  options.on_prune_batch_committed = sigkill_after(kKillAfterPruneBatchesVariable);
  options.on_reclassify_batch_committed = sigkill_after(kKillAfterReclassifyBatchesVariable);
  options.before_decode = abort_on_marker();
  install_crash_handlers();

  nightly::Counts c;
  try {
    if (!o.no_history) options.database = o.db.empty() ? history::default_path() : std::filesystem::path(o.db);
    spdlog::debug("history database: {}", options.database.empty() ? "(temporary)" : options.database.string());
    c = nightly::run(options);
  } catch (const history::LockBusy& e) {
    progress.clear();
    spdlog::error("{}; not waiting longer (--wait {})", e.what(), o.wait_seconds);
    return kExitLocked;
  } catch (const history::ConnectionLost& e) {
    progress.clear();
    spdlog::error("{} (the batch in progress was rolled back; run again to finish)", e.what());
    return kExitConnectionLost;
  } catch (const history::DatabaseError& e) {
    progress.clear();
    spdlog::error("{}", e.what());
    return kExitDatabase;
  } catch (const nightly::StreamError& e) {
    // The run itself is complete (history committed, --out switched): only stdout is missing.
    progress.clear();
    spdlog::error("{} (the history and the files under --out were written)", e.what());
    return kExitStdout;
  } catch (const nightly::OutputError& e) {
    progress.clear();
    spdlog::error("{}", e.what());
    return kExitOutput;
  }
  progress.clear();

  for (const auto& e : c.input_errors) spdlog::error("cannot read {}: {}", e.path, e.what);
  for (const auto& w : c.input_warnings) spdlog::warn("{}: {}", w.path, w.what);
  // --feed-only reads no window: the line leaves window_records= and suppressed= out.
  spdlog::info(
      "read={} bounces={} records={} non_bounces={} (feedback={} vacation={} delivered={} other={}) "
      "undecodable={} unreadable_inputs={} new={} already_counted={}{} pruned={} pruned_records={}{}{}",
      c.read, c.bounces, c.records, c.non_bounces(), c.feedback, c.vacation, c.delivered, c.other, c.undecodable,
      c.input_errors.size(), c.new_messages, c.already_counted,
      o.feed_only ? std::string() : fmt::format(" window_records={} suppressed={}", c.window_records, c.suppressed),
      c.pruned_messages, c.pruned_records,
      c.pruned_quarantined ? fmt::format(" pruned_quarantine={}", c.pruned_quarantined) : std::string(),
      o.reclassify ? fmt::format(" reclassified={} reclassified_changed={}", c.reclassified, c.reclassified_changed)
                   : std::string());
  return c.input_errors.empty() ? kExitOk : kExitUnreadable;
}

}  // namespace bouncekit::app
