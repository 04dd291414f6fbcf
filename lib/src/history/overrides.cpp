// history::Overrides: the allowlist and the override log (tables in history/override_tables.cpp).
#include <optional>

#include "bouncekit/history.hpp"
#include "history/schema.hpp"
#include "history/connection.hpp"
#include "util/strings.hpp"

namespace bouncekit::history {

std::string address_key(std::string_view address) { return util::to_lower(address); }

struct Overrides::Impl {
  std::unique_ptr<db::Connection> connection;
  db::Connection& db;
  explicit Impl(const std::filesystem::path& path) : connection(db::open(path)), db(*connection) {
    prepare_schema(db);
  }

  // One change and its log line, in one transaction.
  template <typename Change>
  auto in_transaction(Change change) {
    db.begin();
    try {
      auto result = change();
      db.commit();
      return result;
    } catch (...) {
      db.rollback();
      throw;
    }
  }

  void log(const std::string& time, const char* action, const std::string& address, const std::string& note,
           std::int64_t records) {
    db::Statement insert(db,
                             "INSERT INTO override_log (time, action, address, note, records)"
                             " VALUES (?1, ?2, ?3, ?4, ?5)");
    insert.bind(1, time).bind(2, action).bind(3, address).bind(4, note).bind(5, records);
    insert.run();
  }
};

Overrides::Overrides(const std::filesystem::path& path) : impl_(std::make_unique<Impl>(path)) {}
Overrides::~Overrides() = default;

std::set<std::string> Overrides::allowed() {
  std::set<std::string> addresses;
  db::Statement query(impl_->db, "SELECT address FROM allowed_addresses");
  while (query.step()) addresses.emplace(query.column_text(0));
  return addresses;
}

bool Overrides::allow(const std::string& address, const std::string& time, const std::string& note) {
  const std::string key = address_key(address);
  return impl_->in_transaction([&] {
    db::Statement insert(impl_->db,
                             "INSERT INTO allowed_addresses (address, since, note) VALUES (?1, ?2, ?3)"
                         " ON CONFLICT (address) DO NOTHING");
    insert.bind(1, key).bind(2, time).bind(3, note);
    const bool added = insert.run() > 0;
    if (added) impl_->log(time, "allow", key, note, 0);
    return added;
  });
}

bool Overrides::unallow(const std::string& address, const std::string& time, const std::string& note) {
  const std::string key = address_key(address);
  return impl_->in_transaction([&] {
    db::Statement remove(impl_->db, "DELETE FROM allowed_addresses WHERE address = ?1");
    remove.bind(1, key);
    const bool removed = remove.run() > 0;
    if (removed) impl_->log(time, "unallow", key, note, 0);
    return removed;
  });
}

std::uint64_t Overrides::forget(const std::string& address, const std::string& time, const std::string& note) {
  const std::string key = address_key(address);
  return impl_->in_transaction([&] {
    // records_by_recipient finds them without a scan.
    db::Statement remove(impl_->db, "DELETE FROM records WHERE recipient = ?1");
    remove.bind(1, key);
    const std::int64_t deleted = remove.run();
    impl_->log(time, "forget", key, note, deleted);
    return static_cast<std::uint64_t>(deleted);
  });
}

void Overrides::for_each_event(const std::function<void(const OverrideEvent&)>& fn) {
  db::Statement query(impl_->db, "SELECT time, action, address, note, records FROM override_log ORDER BY id");
  OverrideEvent event;
  while (query.step()) {
    event.time.assign(query.column_text(0));
    event.action.assign(query.column_text(1));
    event.address.assign(query.column_text(2));
    event.note.assign(query.column_text(3));
    event.records = static_cast<std::uint64_t>(query.column_int(4));
    fn(event);
  }
}

}  // namespace bouncekit::history
