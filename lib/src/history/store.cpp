// The history store: batched writes of messages with their records, and the two streaming
// queries the report aggregates from.
#include <algorithm>
#include <optional>
#include <unordered_map>
#include <iterator>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "bouncekit/history.hpp"
#include "history/schema.hpp"
#include "history/connection.hpp"
#include "history/pg_batch.hpp"
#include "history/pg_lookup.hpp"
#include "history/pg_writer.hpp"

namespace bouncekit::history {
namespace {

// The record columns after the message's fingerprint and origin, in StoredRecord order.
#define BOUNCEKIT_RECORD_COLUMNS                                                                    \
  "r.date, r.recipient, r.recipient_domain, r.reason, r.bounce, r.action_owner, r.status, "       \
  "r.reply_code, r.remote_mta, r.diagnostic, r.decoded_by, r.feedback_type, r.action, r.smtp_command, " \
  "r.diagnostic_type, r.reporting_mta, r.hint, r.inferred_status, r.evidence, r.rule, "                   \
  "r.reported_recipient, r.mailing_list, r.sender, m.host"

constexpr const char* kRecordsInWindow =
    "SELECT m.fingerprint, m.origin, " BOUNCEKIT_RECORD_COLUMNS
    " FROM records r JOIN messages m ON m.id = r.message"
    " WHERE r.date >= ?1 ORDER BY r.id";

// The same on PostgreSQL, where hosts inserting at the same time take record ids from one
// sequence in turn: the ids of one message's records need not be consecutive, so the order is
// the message's id first, to keep its records next to each other. (On SQLite, one writer at a
// time, the two orders are the same, and r.id alone reads the table in order without a sort.)
constexpr const char* kRecordsInWindowByMessage =
    "SELECT m.fingerprint, m.origin, " BOUNCEKIT_RECORD_COLUMNS
    " FROM records r JOIN messages m ON m.id = r.message"
    " WHERE r.date >= ?1 ORDER BY r.message, r.id";

// Ordered by the records_by_recipient index: no sort, no temporary table.
constexpr const char* kRecipientsInWindow =
    "SELECT m.fingerprint, m.origin, " BOUNCEKIT_RECORD_COLUMNS
    " FROM records r INDEXED BY records_by_recipient JOIN messages m ON m.id = r.message"
    " WHERE r.date >= ?1 ORDER BY r.recipient, r.date, r.id";

// A batch of reclassify(): the record's id, then the same columns as above.
constexpr const char* kRecordBatch =
    "SELECT r.id, m.fingerprint, m.origin, " BOUNCEKIT_RECORD_COLUMNS
    " FROM records r JOIN messages m ON m.id = r.message"
    " WHERE r.date >= ?1 AND r.id > ?2 ORDER BY r.id LIMIT ?3";

#undef BOUNCEKIT_RECORD_COLUMNS

constexpr const char* kUpdateVerdict =
    "UPDATE records SET reason = ?2, bounce = ?3, action_owner = ?4, inferred_status = ?5, evidence = ?6,"
    " rule = ?7 WHERE id = ?1";

void read_record(const db::Statement& s, analysis::StoredRecord& r, int first_column = 0) {
  std::string* fields[] = {&r.fingerprint, &r.origin,     &r.date,         &r.recipient, &r.recipient_domain,
                           &r.reason,      &r.bounce,     &r.action_owner, &r.status,    &r.reply_code,
                           &r.remote_mta,  &r.diagnostic, &r.decoded_by,   &r.feedback_type, &r.action,
                           &r.smtp_command, &r.diagnostic_type, &r.reporting_mta, &r.hint, &r.inferred_status,
                           &r.evidence,    &r.rule, &r.reported_recipient, &r.list, &r.sender, &r.host};
  int column = first_column;
  for (std::string* field : fields) field->assign(s.column_text(column++));
}

// PostgreSQL: the most messages, records and bytes of their text held before they are written,
// however large the batch (a message may have up to decode::Options::max_records records, each
// field up to 8 KB: docs/limits.md).
constexpr std::size_t kMaxPendingMessages = 2000;
constexpr std::size_t kMaxPendingRecords = 20000;
constexpr std::size_t kMaxPendingBytes = std::size_t{16} << 20;

std::size_t text_bytes(const std::vector<analysis::StoredRecord>& records) {
  std::size_t bytes = 0;
  for (const analysis::StoredRecord& r : records)
    for (const std::string* field : {&r.date, &r.recipient, &r.recipient_domain, &r.reason, &r.bounce,
                                     &r.action_owner, &r.status, &r.reply_code, &r.remote_mta, &r.diagnostic,
                                     &r.decoded_by, &r.feedback_type, &r.action, &r.smtp_command,
                                     &r.diagnostic_type, &r.reporting_mta, &r.hint, &r.inferred_status,
                                     &r.evidence, &r.rule, &r.reported_recipient, &r.list, &r.sender})
      bytes += field->size();
  return bytes;
}

// SQLite: one prepared insert per record.
void insert_records(db::Statement& add_record, std::int64_t id, const std::vector<analysis::StoredRecord>& records) {
  for (const analysis::StoredRecord& r : records) {
    add_record.bind(1, id).bind_static(2, r.date).bind_static(3, r.recipient).bind_static(4, r.recipient_domain);
    add_record.bind_static(5, r.reason).bind_static(6, r.bounce).bind_static(7, r.action_owner);
    add_record.bind_static(8, r.status).bind_static(9, r.reply_code).bind_static(10, r.remote_mta);
    add_record.bind_static(11, r.diagnostic).bind_static(12, r.decoded_by).bind_static(13, r.feedback_type);
    add_record.bind_static(14, r.action).bind_static(15, r.smtp_command).bind_static(16, r.diagnostic_type);
    add_record.bind_static(17, r.reporting_mta).bind_static(18, r.hint).bind_static(19, r.inferred_status);
    add_record.bind_static(20, r.evidence).bind_static(21, r.rule);
    add_record.bind_static(22, r.reported_recipient).bind_static(23, r.list).bind_static(24, r.sender);
    add_record.run();
  }
}

}  // namespace

struct Store::Impl {
  std::unique_ptr<db::Connection> connection;
  db::Connection& db;
  std::optional<db::Statement> find_message, find_kind, any_message, insert_message, insert_record;
  bool in_transaction = false;
  // PostgreSQL: the messages added and not handed to the writer yet (history/pg_batch.hpp), a
  // part of a batch at a time, and the writer thread (history/pg_writer.hpp) that writes them
  // while the run goes on. `in_transaction` then says whether a BEGIN was handed over whose
  // COMMIT was not; `commit_owed`, that the batch is complete and its COMMIT goes with the next
  // call (so that the caller hears of one commit before the next batch's COMMIT is sent: a run
  // killed when told of its N-th commit keeps N batches, as on SQLite).
  const bool batched;
  std::vector<db::PendingMessage> pending;
  std::unordered_map<std::string, std::size_t> pending_index;  // fingerprint -> its last entry in `pending`
  std::size_t pending_records = 0, pending_bytes = 0;
  std::unique_ptr<db::BatchWriter> writer;
  std::optional<db::StoredLookup> lookup;  // PostgreSQL's kind_of and contains (history/pg_lookup.hpp)
  bool commit_owed = false;
  std::uint64_t& batches_committed;

  Impl(const std::filesystem::path& path, std::uint64_t& committed)
      : connection(db::open(path)),
        db(*connection),
        batched(db.dialect() == db::Dialect::postgresql),
        batches_committed(committed) {
    prepare_schema(db);
    if (batched) {
      writer = std::make_unique<db::BatchWriter>(db);
      lookup.emplace(db);
    }
    find_message.emplace(db, "SELECT 1 FROM messages WHERE fingerprint = ?1");
    find_kind.emplace(db, "SELECT kind FROM messages WHERE fingerprint = ?1");
    any_message.emplace(db, "SELECT 1 FROM messages LIMIT 1");
    // A fingerprint already stored, by this run or by any host's, adds nothing: the unique
    // key decides, inside the database (PostgreSQL waits for a concurrent insert of the same
    // fingerprint to commit or roll back, then does nothing or inserts). RETURNING gives the
    // new row's id, and no row when nothing was inserted.
    insert_message.emplace(db,
                           "INSERT INTO messages (fingerprint, origin, kind, first_counted, host)"
                           " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (fingerprint) DO NOTHING RETURNING id");
    insert_record.emplace(db,
                          "INSERT INTO records (message, date, recipient, recipient_domain, reason, bounce,"
                          " action_owner, status, reply_code, remote_mta, diagnostic, decoded_by, feedback_type,"
                          " action, smtp_command, diagnostic_type, reporting_mta, hint, inferred_status, evidence,"
                          " rule, reported_recipient, mailing_list, sender)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
                          " ?19, ?20, ?21, ?22, ?23, ?24)");
  }

  // The pending message with this fingerprint, if any.
  const db::PendingMessage* pending_copy(std::string_view fingerprint) const {
    if (pending.empty()) return nullptr;
    auto it = pending_index.find(std::string(fingerprint));
    return it == pending_index.end() ? nullptr : &pending[it->second];
  }

  // Tells each caller what became of the messages of a job the writer finished, in the order
  // they were added; counts its COMMIT. Returns whether the job committed a batch.
  bool deliver(std::optional<db::WriteJob> job) {
    if (!job) return false;
    for (db::PendingMessage& p : job->batch)
      if (p.done) p.done(p.stored, p.kind);
    if (job->commit) ++batches_committed;
    return job->commit;
  }

  // Hands the pending messages to the writer (BEGIN first when no transaction is open), with
  // the COMMIT when `commit`; delivers the job before. Returns whether that job committed.
  bool hand_over(bool commit) {
    if (pending.empty() && !(commit && in_transaction)) return deliver(writer->finished());
    db::WriteJob job;
    job.begin = !in_transaction && !pending.empty();
    job.batch = std::move(pending);
    job.commit = commit;
    pending.clear();
    pending_index.clear();
    pending_records = 0;
    pending_bytes = 0;
    if (job.begin) in_transaction = true;
    if (commit) in_transaction = false;
    return deliver(writer->start(std::move(job)));
  }

  // The COMMIT owed to a complete batch, handed over. Returns whether the job before committed.
  bool pay_commit() {
    if (!commit_owed) return false;
    commit_owed = false;
    return hand_over(true);
  }

  // Everything added so far written (the last batch's COMMIT too, when owed; what is pending
  // stays in the open transaction), each caller told, and the connection free for a read,
  // which then sees it all. Returns whether a batch was committed meanwhile.
  bool write_pending() {
    if (!batched) return false;
    bool committed = pay_commit();
    committed = hand_over(false) || committed;
    return deliver(writer->finished()) || committed;
  }

  // The connection free for a read on the calling thread (the writer idle), the callbacks of
  // its last job left for the thread that adds (the prefilter's lookups run on other threads).
  void settle() {
    if (writer) writer->wait();
  }
};

Store::Store(const std::filesystem::path& path, std::size_t batch_messages)
    : impl_(std::make_unique<Impl>(path, batches_committed_)), batch_messages_(batch_messages ? batch_messages : 1) {}

Store::~Store() {
  if (!impl_) return;
  // The job in flight ends first (a COMMIT handed over is carried out, as commit() would have).
  impl_->writer.reset();
  // Whatever was not committed is rolled back: a message half-added when an exception left
  // add() must not be kept. Closing the connection inside a transaction rolls it back.
  if (impl_->in_transaction) impl_->db.rollback();
}

bool Store::contains(std::string_view fingerprint) {
  if (impl_->pending_copy(fingerprint)) return true;
  if (impl_->lookup) return kind_of(fingerprint).has_value();
  impl_->settle();
  db::Statement& find = *impl_->find_message;
  find.bind(1, fingerprint);
  bool found = find.step();
  find.reset();
  return found;
}

std::optional<std::string> Store::kind_of(std::string_view fingerprint) {
  if (const db::PendingMessage* copy = impl_->pending_copy(fingerprint)) return copy->message.kind;
  if (impl_->lookup) {
    // The window needs no query, so it does not wait for the writer; a query does.
    if (std::optional<std::string> known = impl_->lookup->in_window(fingerprint)) return known;
    impl_->settle();
    return impl_->lookup->kind_of(fingerprint);
  }
  impl_->settle();
  db::Statement& find = *impl_->find_kind;
  find.bind(1, fingerprint);
  if (!find.step()) return std::nullopt;
  std::string kind(find.column_text(0));
  find.reset();
  return kind;
}

bool Store::empty() {
  if (!impl_->pending.empty()) return false;
  impl_->settle();
  db::Statement& any = *impl_->any_message;
  bool found = any.step();
  any.reset();
  return !found;
}

bool Store::add(const StoredMessage& message, const std::vector<analysis::StoredRecord>& records, bool* stored) {
  if (stored) *stored = false;
  Added answer;
  if (stored) answer = [stored](bool added, const std::string&) { *stored = added; };
  bool committed = add(message, records, std::move(answer));
  // PostgreSQL: the caller waits for its answer, so this message is written now (with any
  // pending before it); SQLite has answered already.
  // The batch it filled is committed then too (its COMMIT handed over, as the next call would).
  if (stored && impl_->batched) committed = impl_->write_pending() || committed;
  return committed;
}

bool Store::add(const StoredMessage& message, const std::vector<analysis::StoredRecord>& records, Added done) {
  if (impl_->batched) {
    // The writer thread writes; this thread goes on with the next messages meanwhile. A batch
    // complete with the last call gets its COMMIT now, the outcome of the job before is
    // delivered at each handing over, and add() returns true when a COMMIT is done.
    bool committed = impl_->pay_commit();
    impl_->pending_index[message.fingerprint] = impl_->pending.size();
    impl_->pending.push_back(db::PendingMessage{message, records, std::move(done), false, {}});
    impl_->pending_records += records.size();
    impl_->pending_bytes += text_bytes(records) + message.origin.size();
    if (++pending_ < batch_messages_) {
      // A batch larger than this is written in parts (one transaction still): the memory held
      // stays bounded (a part pending, a part in flight); the parts' lock order is then per
      // part (docs/fleet.md).
      if (impl_->pending.size() >= kMaxPendingMessages || impl_->pending_records >= kMaxPendingRecords ||
          impl_->pending_bytes >= kMaxPendingBytes)
        committed = impl_->hand_over(false) || committed;
      return committed;
    }
    committed = impl_->hand_over(false) || committed;
    impl_->commit_owed = true;
    pending_ = 0;
    return committed;
  }
  if (!impl_->in_transaction) {
    impl_->db.begin();
    impl_->in_transaction = true;
  }
  // bind_static: `message` and `records` outlive each run(), which resets the statement.
  db::Statement& insert = *impl_->insert_message;
  insert.bind_static(1, message.fingerprint).bind_static(2, message.origin).bind_static(3, message.kind);
  insert.bind_static(4, message.first_counted).bind_static(5, message.host);
  if (!insert.step()) {  // already stored: nothing doubles
    if (done) done(false, kind_of(message.fingerprint).value_or(""));
  } else {
    std::int64_t id = insert.column_int(0);
    insert.reset();
    insert_records(*impl_->insert_record, id, records);
    if (done) done(true, message.kind);
  }
  if (++pending_ < batch_messages_) return false;
  commit();
  return true;
}

void Store::commit() {
  if (impl_->batched) {
    // Synchronous: the pending messages and the COMMIT handed over, and waited for.
    impl_->commit_owed = false;
    impl_->hand_over(true);
    impl_->deliver(impl_->writer->finished());
    pending_ = 0;
    return;
  }
  if (!impl_->in_transaction) return;
  impl_->db.commit();
  impl_->in_transaction = false;
  pending_ = 0;
  ++batches_committed_;
}

void Store::for_each_record(const std::string& since,
                            const std::function<void(const analysis::StoredRecord&)>& fn) {
  impl_->write_pending();
  db::Statement query(impl_->db, impl_->db.dialect() == db::Dialect::sqlite ? kRecordsInWindow
                                                                            : kRecordsInWindowByMessage);
  query.bind(1, since);
  analysis::StoredRecord record;
  while (query.step()) {
    read_record(query, record);
    fn(record);
  }
}

void Store::for_each_recipient(const std::string& since,
                               const std::function<void(const analysis::RecipientHistory&)>& fn) {
  impl_->write_pending();
  db::Statement query(impl_->db, kRecipientsInWindow);
  query.bind(1, since);
  analysis::RecipientHistory history;
  analysis::StoredRecord record;
  while (query.step()) {
    read_record(query, record);
    if (!history.records.empty() && record.recipient != history.recipient) {
      fn(history);
      history.records.clear();
    }
    history.recipient = record.recipient;
    history.records.push_back(record);
  }
  if (!history.records.empty()) fn(history);
}

Store::Reclassified Store::reclassify(const std::string& since,
                                     const std::function<void(analysis::StoredRecord&)>& decide,
                                     std::size_t batch_records,
                                     const std::function<void(const Reclassified&)>& on_batch) {
  commit();
  if (batch_records == 0) batch_records = 1;
  db::Statement select(impl_->db, kRecordBatch);
  db::Statement update(impl_->db, kUpdateVerdict);
  Reclassified done;
  std::vector<std::pair<std::int64_t, analysis::StoredRecord>> batch;
  std::int64_t last_id = 0;
  for (;;) {
    impl_->db.begin();
    impl_->in_transaction = true;
    batch.clear();
    select.bind(1, since).bind(2, last_id).bind(3, static_cast<std::int64_t>(batch_records));
    while (select.step()) {
      batch.emplace_back(select.column_int(0), analysis::StoredRecord{});
      read_record(select, batch.back().second, 1);
    }
    for (auto& [id, record] : batch) {
      const std::string old[] = {record.reason, record.bounce, record.action_owner,
                                 record.inferred_status, record.evidence, record.rule};
      decide(record);
      ++done.records;
      const std::string* now[] = {&record.reason, &record.bounce, &record.action_owner,
                                  &record.inferred_status, &record.evidence, &record.rule};
      bool same = true;
      for (std::size_t i = 0; i < std::size(old); ++i) same = same && old[i] == *now[i];
      if (same) continue;
      update.bind(1, id).bind_static(2, record.reason).bind_static(3, record.bounce);
      update.bind_static(4, record.action_owner).bind_static(5, record.inferred_status);
      update.bind_static(6, record.evidence).bind_static(7, record.rule);
      update.run();
      ++done.changed;
    }
    impl_->db.commit();
    impl_->in_transaction = false;
    if (batch.empty()) break;
    last_id = batch.back().first;
    ++done.batches;
    if (on_batch) on_batch(done);
    if (batch.size() < batch_records) break;
  }
  return done;
}

std::string Store::begin_snapshot() {
  commit();
  // https://www.postgresql.org/docs/15/transaction-iso.html#XACT-REPEATABLE-READ: every statement
  // of the transaction sees the snapshot taken at its first one.
  const bool postgresql = impl_->db.dialect() == db::Dialect::postgresql;
  impl_->db.exec(postgresql ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
  impl_->in_transaction = true;
  if (!postgresql) return {};
  // The snapshot is taken here, by the first statement, and named for join_snapshot().
  db::Statement name(impl_->db, "SELECT pg_export_snapshot()");
  std::string snapshot = name.step() ? std::string(name.column_text(0)) : std::string();
  name.reset();
  return snapshot;
}

void Store::join_snapshot(const std::string& name) {
  if (impl_->db.dialect() != db::Dialect::postgresql)
    throw std::logic_error("join_snapshot: a PostgreSQL history only");
  commit();
  // SET TRANSACTION SNAPSHOT must be the transaction's first statement
  // (https://www.postgresql.org/docs/15/sql-set-transaction.html). The name is the server's
  // (hex digits and dashes), quoted as a literal.
  std::string literal;
  for (char c : name) {
    if (c == '\'') literal += '\'';
    literal += c;
  }
  impl_->db.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '" + literal + "'");
  impl_->in_transaction = true;
}

void Store::end_snapshot() {
  if (!impl_->in_transaction) return;
  impl_->db.commit();
  impl_->in_transaction = false;
}

void Store::set_cache_kib(std::int64_t kib) {
  // A negative cache_size is in KiB (a positive one would be in pages). PostgreSQL's cache is
  // the server's.
  if (impl_->db.dialect() != db::Dialect::sqlite) return;
  impl_->db.exec(("PRAGMA cache_size = " + std::to_string(-std::max<std::int64_t>(kib, 1))).c_str());
}

std::uint64_t Store::message_count() {
  impl_->write_pending();
  db::Statement count(impl_->db, "SELECT count(*) FROM messages");
  std::uint64_t n = count.step() ? static_cast<std::uint64_t>(count.column_int(0)) : 0;
  count.reset();
  return n;
}

std::uint64_t Store::record_count() {
  impl_->write_pending();
  db::Statement count(impl_->db, "SELECT count(*) FROM records");
  std::uint64_t n = count.step() ? static_cast<std::uint64_t>(count.column_int(0)) : 0;
  count.reset();
  return n;
}

}  // namespace bouncekit::history
