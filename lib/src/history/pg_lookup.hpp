// "Is this message stored, and as what?" on PostgreSQL, without one round trip per message in
// the common case: a night that reads a mailbox again (an mbox that keeps growing, a Maildir
// read in the same order) meets the stored messages in the order they were stored. So a lookup
// that finds a message also fetches the messages stored after it (by id, a window of them, one
// query), and the lookups that follow are answered from that window. A window that answers too
// few of the lookups after it (the messages come in another order) turns the fetching off for a
// while, so an unordered input costs little more than one query per message. Used by Store
// (store.cpp) on PostgreSQL only; SQLite, in the same process as its file, looks each one up.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "history/connection.hpp"

namespace bouncekit::history::db {

class StoredLookup {
 public:
  explicit StoredLookup(Connection& connection);
  /// The kind the current window holds for `fingerprint`, if it holds it (no query). A window
  /// answers only for messages that were stored when it was fetched (they stay stored).
  std::optional<std::string> in_window(std::string_view fingerprint);
  /// The kind stored for `fingerprint`, or nothing when it is not stored: from the window, else
  /// one query (and, when it finds the message, maybe the window after it).
  std::optional<std::string> kind_of(std::string_view fingerprint);

  /// Messages a window holds, at most.
  static constexpr std::size_t kWindow = 1000;

 private:
  void fetch_after(std::int64_t id);

  Statement find_, after_;
  std::unordered_map<std::string, std::string> window_;  // fingerprint -> kind
  std::size_t hits_ = 0;   // lookups the current window answered
  int quiet_ = 0;          // lookups left before windows are fetched again
};

}  // namespace bouncekit::history::db
