// Stored-message lookups a window at a time (history/pg_lookup.hpp).
#include "history/pg_lookup.hpp"

namespace bouncekit::history::db {
namespace {

constexpr const char* kFind = "SELECT id, kind FROM messages WHERE fingerprint = ?1";
// The primary key's index gives the rows after `id` in order: no sort, kWindow rows read.
constexpr const char* kAfter = "SELECT fingerprint, kind FROM messages WHERE id > ?1 ORDER BY id LIMIT ?2";

// A window that answered fewer than one lookup in this many of its messages was not worth its
// query; the next windows wait for kQuietLookups lookups. So a run whose messages come in no
// stored order fetches at most one window per kQuietLookups lookups: kWindow / kQuietLookups
// rows more per lookup, and one query more in kQuietLookups.
constexpr std::size_t kUsefulFraction = 8;
constexpr int kQuietLookups = 64;

}  // namespace

StoredLookup::StoredLookup(Connection& connection) : find_(connection, kFind), after_(connection, kAfter) {}

std::optional<std::string> StoredLookup::in_window(std::string_view fingerprint) {
  if (window_.empty()) return std::nullopt;
  auto it = window_.find(std::string(fingerprint));
  if (it == window_.end()) return std::nullopt;
  ++hits_;
  return it->second;
}

std::optional<std::string> StoredLookup::kind_of(std::string_view fingerprint) {
  if (std::optional<std::string> known = in_window(fingerprint)) return known;
  find_.bind(1, fingerprint);
  if (!find_.step()) return std::nullopt;
  const std::int64_t id = find_.column_int(0);
  std::string kind(find_.column_text(1));
  find_.reset();
  if (quiet_ > 0) {
    --quiet_;
  } else if (!window_.empty() && hits_ * kUsefulFraction < window_.size()) {
    window_.clear();
    quiet_ = kQuietLookups;
  } else {
    fetch_after(id);
  }
  return kind;
}

void StoredLookup::fetch_after(std::int64_t id) {
  window_.clear();
  hits_ = 0;
  after_.bind(1, id).bind(2, static_cast<std::int64_t>(kWindow));
  while (after_.step()) window_.emplace(after_.column_text(0), after_.column_text(1));
}

}  // namespace bouncekit::history::db
