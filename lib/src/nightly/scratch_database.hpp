// --no-history: a database in a fresh temporary folder, removed with the folder afterwards.
#pragma once

#include <filesystem>

namespace bouncekit::nightly {

class ScratchDatabase {
 public:
  /// Creates the folder under the system's temporary directory ($TMPDIR or /tmp).
  /// Throws history::DatabaseError when it cannot.
  ScratchDatabase();
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;
  std::filesystem::path path() const { return folder_ / "history.sqlite"; }

 private:
  std::filesystem::path folder_;
};

}  // namespace bouncekit::nightly
