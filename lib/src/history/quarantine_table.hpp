// The history's quarantine table (schema version 6): fingerprints of messages that were being
// decoded when a run died of a fatal signal (docs/cron.md, "Poison messages"). A signal handler
// cannot write a database, so it appends to a local file (nightly/quarantine.hpp); the next run
// imports that file here and skips the messages listed, on every host of a fleet.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <unordered_set>

namespace bouncekit::history {

class QuarantineTable {
 public:
  /// The most fingerprints fingerprints() returns (a run keeps them in memory).
  static constexpr std::size_t kMaxLoaded = 100000;

  /// Its own connection to the history at `target` (an SQLite file or a PostgreSQL target),
  /// brought to the current schema as Store does. Throws DatabaseError.
  explicit QuarantineTable(const std::filesystem::path& target);
  ~QuarantineTable();
  QuarantineTable(const QuarantineTable&) = delete;
  QuarantineTable& operator=(const QuarantineTable&) = delete;

  /// Adds `fingerprints` (imported at `now` from a run of `host`) in one transaction; one already
  /// listed is kept as it was. Returns how many were new. Take the database's Lock first.
  std::size_t add(const std::unordered_set<std::string>& fingerprints, const std::string& now,
                  const std::string& host);

  /// The listed fingerprints (at most kMaxLoaded, the latest imported first).
  std::unordered_set<std::string> fingerprints();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bouncekit::history
