// history::prune: forgets the messages first counted before a cutoff, with their records, so
// a nightly history stays bounded (docs/report.md, "Pruning the history").
#include "bouncekit/history.hpp"
#include "history/schema.hpp"
#include "history/connection.hpp"

namespace bouncekit::history {
namespace {

// One batch: the oldest messages before the cutoff (?1), at most ?2 of them. Both statements
// pick the same messages, in one transaction: the records go first, since the records'
// foreign key forbids a message with records to go. Ordered by the messages_by_first_counted
// index, so nothing is sorted and a history with nothing old enough costs one index probe.
#define BOUNCEKIT_OLDEST_BATCH \
  "SELECT id FROM messages WHERE first_counted < ?1 ORDER BY first_counted, id LIMIT ?2"

constexpr const char* kDeleteRecords =
    "DELETE FROM records WHERE message IN (" BOUNCEKIT_OLDEST_BATCH ")";  // by records_by_message
// Only messages whose records are gone: when another host prunes at the same time (a fleet's
// PostgreSQL history) and commits the batch first, the records DELETE above waits for it and then
// finds nothing, and the subquery here, run after that commit, picks the next batch, whose
// records were not deleted. Those messages stay for the next batch or night. PostgreSQL enforces
// no key there (schema 8, docs/history.md) and would keep their records without them; SQLite's
// key would refuse the DELETE. Each probe is one lookup in records_by_message.
constexpr const char* kDeleteMessages =
    "DELETE FROM messages WHERE id IN (" BOUNCEKIT_OLDEST_BATCH ")"
    " AND NOT EXISTS (SELECT 1 FROM records r WHERE r.message = messages.id)";

#undef BOUNCEKIT_OLDEST_BATCH

// The quarantine (schema version 7) ages by the same rule: a fingerprint imported before the
// cutoff goes. The run that imported it counted its message as undecodable, so the message's own
// row (first counted that night) goes with the same cutoff; until then the message is found
// there, already counted, and the quarantine row is no longer what keeps it from being decoded.
// A row whose message never came back (it left the folder before the next run) would otherwise
// stay for ever. One row per crash: one statement, after the messages' batches.
constexpr const char* kDeleteQuarantine = "DELETE FROM quarantine WHERE since < ?1";

}  // namespace

Pruned prune(const std::filesystem::path& database, const std::string& cutoff, std::size_t batch_messages,
             const std::function<void(const Pruned&)>& on_batch) {
  Pruned pruned;
  if (cutoff.empty()) return pruned;  // "" sorts before every date: nothing is older
  std::unique_ptr<db::Connection> connection = db::open(database);
  db::Connection& db = *connection;
  prepare_schema(db);  // refuses a foreign or newer file; creates the indexes used below
  db::Statement delete_records(db, kDeleteRecords);
  db::Statement delete_messages(db, kDeleteMessages);
  const auto limit = static_cast<std::int64_t>(batch_messages ? batch_messages : 1);
  for (;;) {
    std::int64_t messages = 0;
    db.begin();
    try {
      std::int64_t records = delete_records.bind(1, cutoff).bind(2, limit).run();
      messages = delete_messages.bind(1, cutoff).bind(2, limit).run();
      db.commit();
      pruned.records += static_cast<std::uint64_t>(records);
      pruned.messages += static_cast<std::uint64_t>(messages);
      if (messages > 0) ++pruned.batches;
    } catch (const DatabaseError&) {
      db.rollback();
      throw;
    }
    if (on_batch && messages > 0) on_batch(pruned);
    if (messages < limit) break;  // the last, partial batch: nothing older is left
  }
  db::Statement delete_quarantine(db, kDeleteQuarantine);
  db.begin();
  try {
    pruned.quarantined = static_cast<std::uint64_t>(delete_quarantine.bind(1, cutoff).run());
    db.commit();
  } catch (const DatabaseError&) {
    db.rollback();
    throw;
  }
  return pruned;
}

}  // namespace bouncekit::history
