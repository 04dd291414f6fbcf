// history::Runs: each recorded `report` run, and the suppression list and sender-side flags of
// the latest one of each scope (tables in schema.cpp, steps 3 -> 4 and 5 -> 6; docs/history.md,
// "Runs"). A scope is one list (`report --list`) or, '', every list.
#include <nlohmann/json.hpp>

#include "bouncekit/history.hpp"
#include "history/schema.hpp"
#include "history/connection.hpp"
#include "history/pg_batch.hpp"

namespace bouncekit::history {

namespace {

// PostgreSQL: the suppression list goes to the server a part at a time, each column as an array
// unnest() turns back into rows (as history/pg_batch.cpp writes messages), one round trip per
// part instead of one per address: the list of a large history has tens of thousands of rows.
// On the 20 MB bench mbox's history (7,489 suppressed addresses), `report --no-input` took
// 0.61-1.84 s with one INSERT per address and 0.44-0.63 s this way (4 runs each, load average 5).
// SQLite, in the same process as its file, inserts row by row.
constexpr const char* kInsertSuppressions =
    "INSERT INTO run_suppressions (run, address, reason, rule, first_bounce, last_bounce)"
    " SELECT ?1::bigint, * FROM unnest(?2::text[], ?3::text[], ?4::text[], ?5::text[], ?6::text[])"
    " ON CONFLICT DO NOTHING";
constexpr std::size_t kSuppressionPartRows = 2000;
constexpr std::size_t kSuppressionPartBytes = std::size_t{4} << 20;

}  // namespace

struct Runs::Impl {
  std::unique_ptr<db::Connection> writer;  // writes the new run
  std::unique_ptr<db::Connection> reading;  // reads the previous run's list while the new one is written
  db::Connection& db;
  db::Connection& reader;
  std::optional<db::Statement> previous_list, insert_suppression, insert_flag;
  bool in_transaction = false;
  bool previous_list_done = false;
  std::int64_t previous_id = 0;  // 0: none recorded
  std::int64_t new_id = 0;
  std::string list;  // the scope: runs.mailing_list of the runs read and written
  // PostgreSQL: the suppressions added and not sent yet, a column each (flush_suppressions).
  db::TextArray pending[5];
  std::size_t pending_rows = 0, pending_bytes = 0;

  Impl(const std::filesystem::path& path, std::string_view scope)
      : writer(db::open(path)), reading(db::open(path)), db(*writer), reader(*reading), list(scope) {
    prepare_schema(db);
    prepare_schema(reader);
    db::Statement last(db, "SELECT COALESCE(MAX(id), 0) FROM runs WHERE mailing_list = ?1");
    last.bind(1, list);
    previous_id = last.step() ? last.column_int(0) : 0;
    last.reset();
  }

  void flush_suppressions() {
    if (pending_rows == 0) return;
    db::Statement insert(db, kInsertSuppressions);
    insert.bind(1, new_id);
    int parameter = 2;
    for (db::TextArray& column : pending) insert.bind(parameter++, column.done());
    pending_rows = 0;
    pending_bytes = 0;
    insert.run();
  }
};

namespace {

std::uint64_t u(const db::Statement& s, int column) { return static_cast<std::uint64_t>(s.column_int(column)); }
std::int64_t i(std::uint64_t value) { return static_cast<std::int64_t>(value); }

}  // namespace

Runs::Runs(const std::filesystem::path& path, std::string_view list) : impl_(std::make_unique<Impl>(path, list)) {}

Runs::~Runs() {
  impl_->previous_list.reset();  // ends the reader's read transaction
  if (impl_->in_transaction) {
    impl_->db.rollback();
  }
}

std::optional<RunRecord> Runs::previous() {
  if (impl_->previous_id == 0) return std::nullopt;
  db::Statement q(impl_->reader,
                      "SELECT started, finished, host, inputs, since, policy, log_position, read_messages,"
                      " new_messages, run_records, messages, records, hard, soft, recipients, suppressed, watched,"
                      " mailing_list FROM runs WHERE id = ?1");
  q.bind(1, impl_->previous_id);
  if (!q.step()) return std::nullopt;
  RunRecord r;
  r.started.assign(q.column_text(0));
  r.finished.assign(q.column_text(1));
  r.host.assign(q.column_text(2));
  // A column this version wrote; a damaged one reads as no inputs rather than failing the run.
  nlohmann::json inputs = nlohmann::json::parse(q.column_text(3), nullptr, false);
  if (inputs.is_array())
    for (const auto& input : inputs)
      if (input.is_string()) r.inputs.push_back(input.get<std::string>());
  r.since.assign(q.column_text(4));
  r.policy.assign(q.column_text(5));
  r.log_position = q.column_int(6);
  std::uint64_t* counts[] = {&r.read_messages, &r.new_messages, &r.run_records, &r.messages, &r.records,
                             &r.hard,          &r.soft,         &r.recipients,  &r.suppressed, &r.watched};
  int column = 7;
  for (std::uint64_t* count : counts) *count = u(q, column++);
  r.list.assign(q.column_text(17));
  q.reset();
  return r;
}

std::optional<PublishedSuppression> Runs::next_previous_suppression() {
  if (impl_->previous_id == 0 || impl_->previous_list_done) return std::nullopt;
  if (!impl_->previous_list) {
    impl_->previous_list.emplace(impl_->reader,
                                 "SELECT address, reason, rule, first_bounce, last_bounce FROM run_suppressions"
                                 " WHERE run = ?1 ORDER BY address");
    impl_->previous_list->bind(1, impl_->previous_id);
  }
  db::Statement& q = *impl_->previous_list;
  if (!q.step()) {
    impl_->previous_list_done = true;
    impl_->previous_list.reset();
    return std::nullopt;
  }
  PublishedSuppression p;
  p.address.assign(q.column_text(0));
  p.reason.assign(q.column_text(1));
  p.rule.assign(q.column_text(2));
  p.first_bounce.assign(q.column_text(3));
  p.last_bounce.assign(q.column_text(4));
  return p;
}

std::set<std::pair<std::string, std::string>> Runs::previous_flags() {
  std::set<std::pair<std::string, std::string>> flags;
  if (impl_->previous_id == 0) return flags;
  db::Statement q(impl_->reader, "SELECT kind, name FROM run_flags WHERE run = ?1");
  q.bind(1, impl_->previous_id);
  while (q.step()) flags.emplace(std::string(q.column_text(0)), std::string(q.column_text(1)));
  return flags;
}

std::int64_t Runs::log_position() {
  db::Statement q(impl_->reader, "SELECT COALESCE(MAX(id), 0) FROM override_log");
  std::int64_t position = q.step() ? q.column_int(0) : 0;
  q.reset();
  return position;
}

std::set<std::string> Runs::forgotten_since(std::int64_t position) {
  std::set<std::string> addresses;
  db::Statement q(impl_->reader, "SELECT address FROM override_log WHERE action = 'forget' AND id > ?1");
  q.bind(1, position);
  while (q.step()) addresses.emplace(q.column_text(0));
  return addresses;
}

void Runs::begin() {
  if (impl_->in_transaction) return;
  impl_->db.begin();
  impl_->in_transaction = true;
  // Hosts of a fleet record their runs in one PostgreSQL history: the next id is taken under a
  // table lock there, so two runs never pick the same one (SQLite's BEGIN IMMEDIATE already
  // serialises writers).
  if (impl_->db.dialect() == db::Dialect::postgresql) impl_->db.exec("LOCK TABLE runs IN SHARE ROW EXCLUSIVE MODE");
  db::Statement next(impl_->db, "SELECT COALESCE(MAX(id), 0) + 1 FROM runs");
  impl_->new_id = next.step() ? next.column_int(0) : 1;
  next.reset();
  // The row comes first (the lists refer to it); commit() fills it in.
  db::Statement row(impl_->db,
                        "INSERT INTO runs (id, started, finished, host, inputs, since, policy, log_position,"
                        " read_messages, new_messages, run_records, messages, records, hard, soft, recipients,"
                        " suppressed, watched, mailing_list)"
                        " VALUES (?1, '', '', '', '[]', '', '', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?2)");
  row.bind(1, impl_->new_id).bind(2, impl_->list);
  row.run();
  impl_->insert_suppression.emplace(impl_->db,
                                    "INSERT INTO run_suppressions (run, address, reason, rule, first_bounce, last_bounce)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING");
  impl_->insert_flag.emplace(impl_->db,
                             "INSERT INTO run_flags (run, kind, name) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING");
}

void Runs::add_suppression(const PublishedSuppression& s) {
  begin();
  if (impl_->db.dialect() == db::Dialect::postgresql) {
    const std::string* fields[] = {&s.address, &s.reason, &s.rule, &s.first_bounce, &s.last_bounce};
    for (std::size_t c = 0; c < std::size(fields); ++c) {
      impl_->pending[c].add(std::string_view(*fields[c]));
      impl_->pending_bytes += fields[c]->size();
    }
    if (++impl_->pending_rows >= kSuppressionPartRows || impl_->pending_bytes >= kSuppressionPartBytes)
      impl_->flush_suppressions();
    return;
  }
  db::Statement& insert = *impl_->insert_suppression;
  insert.bind(1, impl_->new_id).bind_static(2, s.address).bind_static(3, s.reason).bind_static(4, s.rule);
  insert.bind_static(5, s.first_bounce).bind_static(6, s.last_bounce);
  insert.run();
}

void Runs::add_flag(std::string_view kind, std::string_view name) {
  begin();
  db::Statement& insert = *impl_->insert_flag;
  insert.bind(1, impl_->new_id).bind_static(2, kind).bind_static(3, name);
  insert.run();
}

std::int64_t Runs::commit(const RunRecord& r) {
  begin();
  impl_->flush_suppressions();
  impl_->previous_list.reset();
  nlohmann::json inputs = r.inputs;
  db::Statement update(impl_->db,
                           "UPDATE runs SET started = ?2, finished = ?3, host = ?4, inputs = ?5, since = ?6,"
                           " policy = ?7, log_position = ?8, read_messages = ?9, new_messages = ?10,"
                           " run_records = ?11, messages = ?12, records = ?13, hard = ?14, soft = ?15,"
                           " recipients = ?16, suppressed = ?17, watched = ?18 WHERE id = ?1");
  update.bind(1, impl_->new_id).bind(2, r.started).bind(3, r.finished).bind(4, r.host);
  update.bind(5, inputs.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  update.bind(6, r.since).bind(7, r.policy).bind(8, r.log_position);
  const std::uint64_t counts[] = {r.read_messages, r.new_messages, r.run_records, r.messages, r.records,
                                  r.hard,          r.soft,         r.recipients,  r.suppressed, r.watched};
  int index = 9;
  for (std::uint64_t count : counts) update.bind(index++, i(count));
  update.run();
  // Only the latest run's list and flags of each scope are kept: the next run of the scope
  // compares with them. Other scopes' lists stay for their own next runs.
  for (const char* sql : {"DELETE FROM run_suppressions WHERE run <> ?1 AND run IN"
                          " (SELECT id FROM runs WHERE mailing_list = ?2)",
                          "DELETE FROM run_flags WHERE run <> ?1 AND run IN (SELECT id FROM runs WHERE mailing_list = ?2)"}) {
    db::Statement remove(impl_->db, sql);
    remove.bind(1, impl_->new_id).bind(2, impl_->list);
    remove.run();
  }
  impl_->insert_suppression.reset();
  impl_->insert_flag.reset();
  impl_->db.commit();
  impl_->in_transaction = false;
  impl_->previous_id = impl_->new_id;
  return impl_->new_id;
}

}  // namespace bouncekit::history
