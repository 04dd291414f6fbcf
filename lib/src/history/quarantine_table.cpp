// history::QuarantineTable: the table of messages a run died decoding (history/quarantine_table.hpp).
#include "history/quarantine_table.hpp"

#include <algorithm>
#include <vector>

#include "history/connection.hpp"
#include "history/schema.hpp"

namespace bouncekit::history {

struct QuarantineTable::Impl {
  std::unique_ptr<db::Connection> connection;
  explicit Impl(const std::filesystem::path& target) : connection(db::open(target)) { prepare_schema(*connection); }
};

QuarantineTable::QuarantineTable(const std::filesystem::path& target) : impl_(std::make_unique<Impl>(target)) {}
QuarantineTable::~QuarantineTable() = default;

std::size_t QuarantineTable::add(const std::unordered_set<std::string>& fingerprints, const std::string& now,
                                 const std::string& host) {
  if (fingerprints.empty()) return 0;
  // In a fixed order, so that two hosts importing at once take the rows' locks in the same order.
  std::vector<std::string> sorted(fingerprints.begin(), fingerprints.end());
  std::sort(sorted.begin(), sorted.end());
  db::Connection& db = *impl_->connection;
  db.begin();
  try {
    db::Statement insert(db,
                         "INSERT INTO quarantine (fingerprint, since, host) VALUES (?1, ?2, ?3)"
                         " ON CONFLICT (fingerprint) DO NOTHING");
    std::size_t added = 0;
    for (const std::string& f : sorted) {
      insert.bind(1, f).bind(2, now).bind(3, host);
      added += insert.run() > 0 ? 1 : 0;
    }
    db.commit();
    return added;
  } catch (...) {
    db.rollback();
    throw;
  }
}

std::unordered_set<std::string> QuarantineTable::fingerprints() {
  std::unordered_set<std::string> out;
  db::Statement query(*impl_->connection,
                      "SELECT fingerprint FROM quarantine ORDER BY since DESC LIMIT " + std::to_string(kMaxLoaded));
  while (query.step()) out.emplace(query.column_text(0));
  return out;
}

}  // namespace bouncekit::history
