// bouncekit/nightly.hpp — the nightly job as one library call: read the bounce folders,
// remember what is new in the history database, aggregate the window and write the report.
//
//   nightly::Options o;
//   o.paths = {"/var/mail/bounces"};
//   o.database = history::default_path();
//   o.since = *nightly::window_start("30d", nightly::now_utc());
//   o.out = &std::cout;
//   nightly::Counts c = nightly::run(o);
//
// A message is counted once: its fingerprint (history::fingerprint) is stored with its
// records, and a later run that reads it again (moved from new/ to cur/, a rotated mbox)
// counts it as already counted, under the kind the history stored, without decoding it
// again and without adding its records to records.jsonl (docs/report.md, "Messages already
// counted"). The report covers every stored record in the window, so
// soft bounces escalate across nights. docs/cli.md (report) and docs/cron.md say more.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "bouncekit/analysis.hpp"
#include "bouncekit/decode.hpp"
#include "bouncekit/pipeline.hpp"
#include "bouncekit/source.hpp"

namespace bouncekit::nightly {

/// What goes to Options::out.
enum class Format {
  text,  ///< report::write_summary_text
  json,  ///< the content of summary.json
  csv,   ///< the content of suppressions.csv
};

/// Where reading stands, for a progress display.
struct Progress {
  std::uint64_t messages = 0;  ///< messages read so far
  std::uint64_t bytes = 0;     ///< their raw bytes
};

/// Options::keep_days by default: over a year, so a yearly comparison still has its data.
inline constexpr unsigned kDefaultKeepDays = 400;

struct Options {
  /// mbox files, Maildir folders, message files, directories, "-" (as source::Reader takes them).
  std::vector<std::string> paths;
  /// Files of `bouncekit parse --ship` ("-" = standard input; gzip-compressed too), read after
  /// `paths`, in the order given: each message in them is stored and counted exactly as if this
  /// run had decoded it (docs/fleet.md; the line format: docs/record-schema.md).
  std::vector<std::string> record_files;
  /// The history database: an SQLite file, or a PostgreSQL connection string (history::is_server);
  /// empty = a temporary database removed after the run (no history).
  std::filesystem::path database;
  /// The host this run counts messages for (kept with each new message; the key of the local
  /// lock on a PostgreSQL history); "" = history::system_host_name().
  std::string host_name;
  /// How long to wait for another run's lock on `database` before giving up (seconds).
  double wait_seconds = 0;
  /// An existing empty (0-byte) `database` is taken as a new history; without this it is a
  /// DatabaseError (a database that lost its content must not silently forget every night).
  bool init = false;
  /// Start of the report window, UTC ISO 8601 (window_start()); "" = all history.
  std::string since;
  /// The run's clock, UTC ISO 8601 ("YYYY-MM-DDTHH:MM:SSZ"); "" = now_utc(). Dates records
  /// without a timestamp and the messages first counted, and stamps the summary.
  std::string now;
  analysis::SuppressionPolicy policy;
  /// When a domain or provider is flagged as blocking the sender (`report --blocking-min-messages`,
  /// `--blocking-min-share`; docs/report.md, "Who is blocking me").
  analysis::BlockingThreshold blocking;
  source::ReaderOptions reader;
  decode::DecodeOptions decode;
  pipeline::Options pipeline;
  /// New messages per database transaction. Larger batches are faster (each commit rewrites
  /// the index pages it touched, keyed at random); a killed run loses at most one batch.
  std::size_t batch_messages = 10000;
  /// Pruning: after this run's messages are stored and before the window is read, the messages
  /// first counted more than this many days before `now` are forgotten with all their records
  /// (history::prune). nullopt = keep everything. A message pruned while it is still in the
  /// folders is counted again as new: keep it longer than mail stays there (docs/report.md).
  std::optional<unsigned> keep_days = kDefaultKeepDays;
  /// Before the window is read, every stored record dated at or after `since` is classified
  /// again from its stored finding with pipeline.classifier (the built-in rules and the user's),
  /// and its stored verdict updated (history::Store::reclassify; docs/history.md).
  bool reclassify = false;
  /// Called after each committed reclassify transaction, with the number of them so far.
  std::function<void(std::uint64_t)> on_reclassify_batch_committed;
  /// Where the `format` output goes; nullptr = nowhere.
  std::ostream* out = nullptr;
  Format format = Format::text;
  /// When set: summary.json, domains.csv, providers.csv, suppressions.csv, records.jsonl,
  /// recipients.jsonl and report.html are written as one set; out_dir becomes a symbolic link
  /// to the set, switched in one rename(2) at the end (docs/report.md, "The report folder").
  std::filesystem::path out_dir;
  /// Feeds the history and stops (`report --feed-only`, docs/fleet.md): the messages are stored
  /// as usual (the lock, the batches, the quarantine, pruning), then nothing more: the window
  /// is not read, no policy applied, `out` and `out_dir` not written, no run recorded. The
  /// Counts returned have window_records and suppressed at 0. Not with dry_run, reclassify or
  /// out_dir (std::invalid_argument), nor without a database (nothing would be kept).
  bool feed_only = false;
  /// Reads and reports without writing the history: the run works on a copy of `database`
  /// (history::copy_database, under the lock), removed afterwards (`report --dry-run`).
  bool dry_run = false;
  /// CSV cells written as they are: no quote put before cells a spreadsheet would evaluate.
  bool csv_raw = false;
  /// One list only (`report --list`, list_key()): the window's counts, suppressions and
  /// recipients, and records.jsonl, hold the records of this list (Record::list); "" = all.
  /// The run's message counts (read, bounces, ...) stay those of every message read.
  std::string list;
  /// Test hook: called at each step of writing and switching the report set (docs/cron.md).
  std::function<void(std::string_view step)> on_report_step;
  /// Called after each message read (from the pipeline's sink: one call at a time, on the
  /// calling thread with one decoding thread, possibly on a pool thread with more).
  std::function<void(const Progress&)> on_progress;
  /// Called for each undecodable message with its origin and why (for --verbose logs).
  std::function<void(const std::string& origin, const std::string& problem)> on_undecodable;
  /// Called after each committed batch with the number of batches committed by this run.
  std::function<void(std::uint64_t)> on_batch_committed;
  /// Called after each committed pruning transaction that removed messages (keep_days), with the
  /// number of such transactions so far.
  std::function<void(std::uint64_t)> on_prune_batch_committed;
  /// Test only: called on the decoding thread right before a new message is decoded (after it
  /// was marked as in flight), so a test can make decoding a chosen message crash the process.
  std::function<void(const source::RawMessage&)> before_decode;
};

/// For a handler of a fatal signal (SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL) during run():
/// when the crashing thread was decoding a message, appends its fingerprint to the file
/// DATABASE-quarantine, and the next run counts that message as undecodable without decoding it
/// ("quarantined: the process died while decoding it"; docs/cron.md). Async-signal-safe; does
/// nothing outside a run with a history database, or on a thread that was not decoding.
void record_crash_in_flight() noexcept;

/// What a run did. read = bounces + non_bounces + undecodable = new_messages + already_counted.
struct Counts {
  /// `records`: the reported records of the new messages (the lines of records.jsonl).
  std::uint64_t read = 0, bounces = 0, records = 0, undecodable = 0;
  std::uint64_t feedback = 0, vacation = 0, delivered = 0, other = 0;
  std::uint64_t new_messages = 0, already_counted = 0;
  /// Messages decoded by this run. A message the history held when the run started is not
  /// decoded again; a copy of a message first read in this same run may or may not be,
  /// depending on thread timing (it is counted as already counted either way).
  std::uint64_t decoded = 0;
  std::uint64_t window_records = 0, suppressed = 0;
  /// Messages and records pruned from the history (Options::keep_days).
  std::uint64_t pruned_messages = 0, pruned_records = 0;
  /// Quarantine rows pruned by the same age rule (history::Pruned::quarantined).
  std::uint64_t pruned_quarantined = 0;
  /// Stored records decided again (Options::reclassify), and of them those whose verdict changed.
  std::uint64_t reclassified = 0, reclassified_changed = 0;
  std::uint64_t bytes = 0;
  std::vector<source::InputError> input_errors;  ///< inputs that could not be read (the rest was)
  std::vector<source::InputWarning> input_warnings;  ///< inputs that hold no mail (read, nothing in them)
  std::uint64_t non_bounces() const { return feedback + vacation + delivered + other; }
};

/// An output (a file under out_dir, or `out`) could not be written.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// `out` (standard output) could not be written; the history and the files under out_dir were.
class StreamError : public OutputError {
 public:
  using OutputError::OutputError;
};

/// Runs the job. Throws history::LockBusy (another run holds the database),
/// history::DatabaseError, OutputError, and std::invalid_argument when `now` is set but not
/// "YYYY-MM-DDTHH:MM:SSZ" or keep_days is over 36600; an unreadable input is not an exception
/// (Counts::input_errors).
Counts run(const Options& options);

/// The suppression list of the history at `database` over the window from `since` ("" = all),
/// under `policy` (its allowlist read from the database unless `policy.allowed` is set), the
/// same list `run` writes to suppressions.csv: `fn` is called once per suppressed address, in
/// address order. Reads only (no lock: WAL lets it read beside a running job). Returns the
/// number of suppressions. Throws history::DatabaseError, also when `database` does not exist.
/// With `list` (list_key()) not "", only that list's records count: an address is suppressed
/// for the list by its bounces from that list.
std::uint64_t for_each_suppression(const std::filesystem::path& database, const std::string& since,
                                   analysis::SuppressionPolicy policy,
                                   const std::function<void(const analysis::Suppression&)>& fn,
                                   const std::string& list = "");

/// Whether a path names a record file by its name: it ends in `.jsonl` or `.jsonl.gz`.
bool is_record_file(std::string_view path);

/// A list as a user names it (`--list`: "announce.example.org", "<Announce.Example.ORG>",
/// "Announce <announce.example.org>" as List-Id shows it, "Mylist-Bounces@lists.example.org")
/// in the form records keep it (Record::list): the part in angle brackets if any, trimmed,
/// lower-cased.
std::string list_key(std::string_view list);

/// The current time, UTC ISO 8601 ("2026-11-22T02:30:00Z").
std::string now_utc();

/// Start of a report window: "all" -> "" (everything); "7d" / "12h" -> that long before
/// `now`; "2026-11-01" -> "2026-11-01T00:00:00Z"; "2026-11-01T06:00:00Z" as it is.
/// nullopt when `spec` is none of these (or `now` is not "YYYY-MM-DDTHH:MM:SSZ").
std::optional<std::string> window_start(std::string_view spec, std::string_view now);

/// Whether `text` is a valid "YYYY-MM-DDTHH:MM:SSZ" time.
bool is_utc_timestamp(std::string_view text);

}  // namespace bouncekit::nightly
