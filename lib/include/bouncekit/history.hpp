// bouncekit/history.hpp — the history database that makes nightly runs incremental.
//
// An SQLite file (or, for a fleet of hosts, a PostgreSQL database: docs/history.md) remembers every message already counted (by a fingerprint of its bytes,
// so a Maildir file moving from new/ to cur/ or a rotated mbox is not counted twice) and
// the essentials of every record (analysis::StoredRecord). Writes go in transactions of a
// batch of messages: a message and its records commit together or not at all, so a run
// killed at any point and run again ends with the same contents as one uninterrupted run.
// docs/cron.md describes the file, the lock and the schema.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "bouncekit/analysis.hpp"

namespace bouncekit::history {

/// Stable fingerprint of a message: XXH3-128 of its raw bytes (source::RawMessage::bytes:
/// LF line ends, no mbox postmark), as 32 lower-case hex digits.
std::string fingerprint(std::string_view bytes);

/// Any failure of the database: cannot open or create it, not a bouncekit history,
/// written by a newer version, disk full, ... what() says which file and why.
class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The connection to a PostgreSQL history was lost (the server stopped or restarted, the
/// network failed): what the current batch wrote is rolled back by the server, and a rerun
/// finishes the work.
class ConnectionLost : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
};

/// Whether `target` names a PostgreSQL history rather than an SQLite file: a libpq URI
/// (`postgresql://...`, `postgres://...`) or a key=value connection string (with `host=` or
/// `dbname=`). Every function here that takes a database path also takes such a target.
bool is_server(std::string_view target);

/// The local file of this host that stands for a PostgreSQL history `target` (the lock and the
/// quarantine list live beside it): $XDG_STATE_HOME/bouncekit/postgresql/<hash of target and
/// host>.lock (or under $HOME/.local/state). For an SQLite file, the file itself.
std::filesystem::path local_file(const std::filesystem::path& target, std::string_view host);

/// The system's host name (gethostname), "localhost" when it has none.
std::string system_host_name();

/// Another process holds the lock on the database and did not release it in time.
class LockBusy : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The default database: $XDG_STATE_HOME/bouncekit/history.sqlite, else
/// $HOME/.local/state/bouncekit/history.sqlite. Throws DatabaseError if neither is set.
std::filesystem::path default_path();

/// An exclusive flock(2) on the database file itself, held while the object lives, so that two
/// runs over one database (cron overlap) never interleave. The lock belongs to the file (its
/// device and inode), not to a name: a hard link, a symbolic link or another spelling of the
/// path takes the same lock. The lock dies with the process. SQLite's own locks are fcntl(2)
/// locks, which on Linux do not interact with flock(2) on local file systems.
class Lock {
 public:
  /// Opens `database` (creating it when it does not exist: made with its schema under a
  /// temporary name, O_CREAT|O_EXCL|O_NOFOLLOW, and linked into place) and tries for up to
  /// `wait_seconds` (0 = once; NaN or negative = once); throws LockBusy when another process
  /// keeps it, DatabaseError when it cannot be opened or is not a regular file. Must outlive
  /// every Store on the database: closing its descriptor would drop SQLite's fcntl(2) locks
  /// held by this process on the same file (POSIX record-lock semantics).
  /// For a PostgreSQL history (is_server), the lock is an flock(2) on local_file(database, host):
  /// runs of one host over one database exclude each other, runs of different hosts never wait.
  Lock(const std::filesystem::path& database, double wait_seconds, std::string_view host = {});
  ~Lock();
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;

  /// True when the file existed and was empty (0 bytes) when the lock was taken: a database
  /// that lost its content, not a new one (the caller refuses it unless told to start anew).
  bool found_empty() const { return found_empty_; }
  /// True when this object created the database.
  bool created() const { return created_; }

 private:
  int create(const std::filesystem::path& database);
  int fd_ = -1;
  bool found_empty_ = false, created_ = false;
};

/// One message as the history keeps it.
struct StoredMessage {
  std::string fingerprint;
  std::string origin;         ///< where it was first read
  std::string kind;           ///< decode::to_string(Kind): bounce, feedback, not_bounce, ...
  std::string first_counted;  ///< UTC ISO 8601: when a run first counted it
  std::string host;           ///< the host whose run counted it (--host-name); "" before schema 3
};

/// The database. Not thread-safe: one Store per thread (one per run, in practice).
class Store {
 public:
  /// The schema version this build writes (SQLite: PRAGMA user_version; PostgreSQL: the
  /// bouncekit_meta table).
  static constexpr int kSchemaVersion = 8;

  /// Opens `path`, creating it (and its folder) with the current schema if it does not exist.
  /// `batch_messages` messages go in one transaction. Throws DatabaseError.
  explicit Store(const std::filesystem::path& path, std::size_t batch_messages = 1000);
  /// Rolls back what was not committed: call commit() at the end of a successful run.
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  /// Whether a message with this fingerprint is stored (committed or pending).
  bool contains(std::string_view fingerprint);

  /// The stored kind (StoredMessage::kind) of the message with this fingerprint (committed or
  /// pending); nullopt when it is not stored.
  std::optional<std::string> kind_of(std::string_view fingerprint);

  /// Whether no message at all is stored (committed or pending).
  bool empty();

  /// Adds a message with its records (their `fingerprint` and `origin` are taken from
  /// `message`; a fingerprint already stored adds nothing). Commits when the batch is full;
  /// returns true then. `*stored`, when given, says whether the message was added (false: it
  /// was already stored), which saves a contains() before it. On PostgreSQL, asking for
  /// `*stored` writes the message at once, and commits the batch it fills, and waits for both
  /// (round trips); the overload below does not wait.
  bool add(const StoredMessage& message, const std::vector<analysis::StoredRecord>& records,
           bool* stored = nullptr);

  /// What became of a message given to add(): whether this add() stored it, and its kind as
  /// stored (the copy stored before it when not).
  using Added = std::function<void(bool stored, const std::string& kind)>;

  /// The same, with the outcome given to `done` once it is known: on SQLite before add()
  /// returns; on PostgreSQL later, the calls in the order of the add() calls. The message and
  /// its records are copied. An exception (e.g. ConnectionLost) leaves the pending calls uncalled.
  /// On PostgreSQL a thread of the Store writes the batch to the server (in parts of at most
  /// 2,000 messages, one statement each) while the caller goes on: the add() that fills a part
  /// hands it over, and the outcomes of the part before come back on the caller's thread at a
  /// handing over, commit() or any read. The COMMIT of a full batch is handed over by the next
  /// call, and this returns true from the call that finds it done: when it says true for the
  /// N-th batch, N batches are committed and no later one is until the next call (a run killed
  /// then keeps N batches whole, as on SQLite, where the add() that fills the batch commits it).
  bool add(const StoredMessage& message, const std::vector<analysis::StoredRecord>& records, Added done);

  /// Commits the pending batch, if any.
  void commit();

  /// Batches committed by this Store so far.
  std::uint64_t batches_committed() const { return batches_committed_; }

  /// Every stored record dated at or after `since` ("" = all), the records of one message
  /// next to each other, in the order they were stored. Streams: one record in memory.
  void for_each_record(const std::string& since, const std::function<void(const analysis::StoredRecord&)>& fn);

  /// Every recipient with a record dated at or after `since`, ordered by address, with its
  /// records in the window oldest first. Streams: one recipient's history in memory.
  void for_each_recipient(const std::string& since,
                          const std::function<void(const analysis::RecipientHistory&)>& fn);

  /// What reclassify() did.
  struct Reclassified {
    std::uint64_t records = 0;  ///< records decided again
    std::uint64_t changed = 0;  ///< of them, records whose verdict changed (rows rewritten)
    std::uint64_t batches = 0;  ///< committed transactions
  };

  /// Decides again the verdict of every stored record dated at or after `since` ("" = all):
  /// `decide` gets each record as stored and may change its verdict fields (reason, bounce,
  /// action_owner, inferred_status, evidence, rule; changes to other fields are not stored);
  /// the rows whose verdict changed are rewritten. Works in id order, `batch_records` records
  /// per transaction (each batch is read whole, then written): a run killed at any point leaves
  /// each row either as it was or decided again, and running it again finishes the work with
  /// the same result. Commits what add() left pending first. `on_batch`, when set, is called
  /// after each committed batch with the counts so far. Throws DatabaseError.
  Reclassified reclassify(const std::string& since, const std::function<void(analysis::StoredRecord&)>& decide,
                          std::size_t batch_records = 10000,
                          const std::function<void(const Reclassified&)>& on_batch = {});

  /// The reads that follow, until end_snapshot(), see the history as it was at one moment, whatever
  /// other hosts commit meanwhile (PostgreSQL: a REPEATABLE READ, READ ONLY transaction; SQLite:
  /// a read transaction). Commits what add() left pending first. Throws DatabaseError.
  /// Returns, on PostgreSQL, the snapshot's name, which another Store of the same history can
  /// read in with join_snapshot() while this one's snapshot lasts; "" on SQLite.
  std::string begin_snapshot();
  /// PostgreSQL: the reads that follow, until end_snapshot(), see the snapshot another Store's
  /// begin_snapshot() named (that Store must not end it first): two connections reading one
  /// snapshot at the same time (https://www.postgresql.org/docs/15/functions-admin.html,
  /// pg_export_snapshot). Throws DatabaseError, and std::logic_error on SQLite.
  void join_snapshot(const std::string& name);
  void end_snapshot();

  /// Caps this connection's page cache at `kib` KiB (8 MB from the constructor). A Store opened
  /// only for for_each_record, which reads the file in order, needs little (1 MB reads as fast).
  void set_cache_kib(std::int64_t kib);

  /// Number of stored messages and records (all dates).
  std::uint64_t message_count();
  std::uint64_t record_count();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::size_t batch_messages_;
  std::size_t pending_ = 0;
  std::uint64_t batches_committed_ = 0;
};

/// One change a person made to the suppression list (`bouncekit suppressions allow|unallow|forget`).
struct OverrideEvent {
  std::string time;     ///< UTC ISO 8601
  std::string action;   ///< "allow", "unallow" or "forget"
  std::string address;  ///< lower-case
  std::string note;     ///< --note, "" when none
  std::uint64_t records = 0;  ///< forget: the records deleted
};

/// The overrides kept in the history database: the allowlist (addresses never suppressed) and
/// the log of every change made by hand. Its own connection to the file; each change is one
/// transaction. Take the database's Lock before a change (a nightly run must not interleave).
/// Throws DatabaseError.
class Overrides {
 public:
  /// Opens `path`, creating the database when it does not exist (as Store does).
  explicit Overrides(const std::filesystem::path& path);
  ~Overrides();
  Overrides(const Overrides&) = delete;
  Overrides& operator=(const Overrides&) = delete;

  /// Every allowed address.
  std::set<std::string> allowed();
  /// Allows `address` (lower-cased) from `time`; false (nothing logged) when it already was.
  bool allow(const std::string& address, const std::string& time, const std::string& note);
  /// Takes `address` off the allowlist; false (nothing logged) when it was not on it.
  bool unallow(const std::string& address, const std::string& time, const std::string& note);
  /// Deletes every record of `address` from the history (its messages stay, so they are not
  /// counted again) and logs it; returns the number of records deleted.
  std::uint64_t forget(const std::string& address, const std::string& time, const std::string& note);
  /// The log, oldest first.
  void for_each_event(const std::function<void(const OverrideEvent&)>& fn);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The form an address is kept in by the history (records.recipient, the allowlist): lower-case
/// ASCII letters, the rest as written.
std::string address_key(std::string_view address);

/// Copies the database at `from` to a new file `to` as one consistent snapshot (SQLite's
/// VACUUM INTO), for a run that must not write the history (`report --dry-run`). Throws DatabaseError.
void copy_database(const std::filesystem::path& from, const std::filesystem::path& to);

/// One `report` run as the history records it (table `runs`, docs/history.md).
struct RunRecord {
  std::string started;   ///< the run's clock, UTC ISO 8601
  std::string finished;  ///< when it was recorded, UTC ISO 8601
  std::string host;
  std::vector<std::string> inputs;
  std::string since;   ///< start of the window, "" = all history
  std::string policy;  ///< analysis::describe(policy)
  std::int64_t log_position = 0;  ///< highest override_log id the run knew
  std::uint64_t read_messages = 0, new_messages = 0, run_records = 0;
  /// The window's headline counts.
  std::uint64_t messages = 0, records = 0, hard = 0, soft = 0, recipients = 0, suppressed = 0, watched = 0;
  /// The list the run was scoped to (`report --list`; records' `list` key), "" for every list.
  /// Read back by Runs::previous(); Runs::commit() writes the scope the Runs was opened with.
  std::string list;
};

/// One address of the suppression list a recorded run published.
struct PublishedSuppression {
  std::string address, reason, rule, first_bounce, last_bounce;
};

/// The runs of the history of one scope (one list, or every list): what the latest recorded run
/// of that scope published, and recording a new one. A run compares with the previous run of its
/// own scope only: a run for one list has that list's suppressions, not everyone's.
/// Two connections of its own: one reads the previous run's list while the other writes the new
/// one, in one transaction that commit() ends (until then nothing of the new run is visible, and
/// the destructor rolls it back). Take the database's Lock first. Throws DatabaseError.
class Runs {
 public:
  /// `list`: the scope, the list's key as records keep it (nightly::list_key), "" for every list.
  explicit Runs(const std::filesystem::path& path, std::string_view list = {});
  ~Runs();
  Runs(const Runs&) = delete;
  Runs& operator=(const Runs&) = delete;

  /// The latest recorded run of the scope, nullopt when none is.
  std::optional<RunRecord> previous();
  /// The next address of that run's suppression list, in address order (byte order, as
  /// Store::for_each_recipient); nullopt after the last. Streams: one address in memory.
  std::optional<PublishedSuppression> next_previous_suppression();
  /// That run's flagged groups: {"domain"|"provider", name}.
  std::set<std::pair<std::string, std::string>> previous_flags();
  /// The highest override_log id now (0 when the log is empty).
  std::int64_t log_position();
  /// The addresses `forget` was logged for after override_log id `position`.
  std::set<std::string> forgotten_since(std::int64_t position);

  /// Starts the new run's transaction (the first add_*() does it too).
  void begin();
  /// Adds an address of the list the new run publishes (each address once).
  void add_suppression(const PublishedSuppression& suppression);
  /// Adds a group flagged for sender-side refusals ("domain" or "provider").
  void add_flag(std::string_view kind, std::string_view name);
  /// Records the run (in the scope) with the list and flags added, removes the list and flags of
  /// the scope's earlier runs, and commits. Returns the run's id.
  std::int64_t commit(const RunRecord& run);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// What prune() removed.
struct Pruned {
  std::uint64_t messages = 0;
  std::uint64_t records = 0;
  std::uint64_t batches = 0;  ///< committed transactions that removed messages
  std::uint64_t quarantined = 0;  ///< quarantine rows (fingerprints) imported before the cutoff
};

/// Forgets every message of the database at `database` first counted before `cutoff` (UTC ISO
/// 8601), together with all its records, whatever their own dates: the message is the unit,
/// since its fingerprint is what tells a later run it was already counted. Deletes in
/// transactions of `batch_messages` messages (a killed run keeps what it had committed; the
/// next prune finishes), on its own connection, with DELETE ... WHERE (no rows are loaded).
/// Cheap when nothing is old enough: an index probe (messages_by_first_counted). Call it with
/// the database's Lock held and no Store transaction open. Throws DatabaseError.
/// docs/report.md, "Pruning the history", says why a message must not be pruned while it is
/// still in the folders. `on_batch`, when set, is called after each committed batch that removed
/// messages, with what has been pruned so far. Then, in one more transaction, the quarantine
/// rows imported before `cutoff` go too (the same age rule; docs/history.md, "Schema version 7").
Pruned prune(const std::filesystem::path& database, const std::string& cutoff, std::size_t batch_messages = 10000,
             const std::function<void(const Pruned&)>& on_batch = {});

}  // namespace bouncekit::history
