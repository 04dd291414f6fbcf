// Poison messages (docs/cron.md, "Poison messages"): a message whose decoding crashes the process
// is written down by the crash handler, and the next run counts it as undecodable without
// decoding it again, instead of dying at the same place every night.
//
// Each decoding thread keeps the fingerprint of the message it is decoding in thread-local
// memory (no system call per message). A fatal signal (SIGABRT, SIGSEGV, ...) on that thread
// appends the fingerprint to DATABASE-quarantine, from the signal handler: open(2) and write(2)
// are async-signal-safe (POSIX.1-2017, XSH 2.4.3); a database cannot be written there. The next
// run imports the file into the history's quarantine table (history/quarantine_table.hpp) in one
// transaction and removes it; every run then counts the messages listed in the table as
// undecodable ("quarantined: ...") without decoding them. A plain kill (SIGKILL) runs no handler
// and quarantines nothing.
#pragma once

#include <filesystem>
#include <string>
#include <unordered_set>

namespace bouncekit::nightly::detail {

inline constexpr const char* kQuarantinedProblem = "quarantined: the process died while decoding it";

/// The file a crash appends to, next to the database ("-wal" and "-shm" live there too).
std::filesystem::path quarantine_path(const std::filesystem::path& database);

/// Fingerprints a crashed run left in `path` (at most 10,000; malformed lines are ignored).
std::unordered_set<std::string> read_quarantine(const std::filesystem::path& path);

/// The fingerprints a run must not decode: those of the quarantine table of the history at
/// `database`, and those a crashed run left in `file`. With `import`, the file's are first added
/// to the table (one transaction; `now` and `host` say when and whose) and the file is removed
/// once they are committed; without it (a dry run) neither is changed. Throws DatabaseError.
std::unordered_set<std::string> take_quarantined(const std::filesystem::path& database,
                                                 const std::filesystem::path& file, bool import,
                                                 const std::string& now, const std::string& host);

/// Makes `path` the file crash handlers append to (an empty path: none). Not thread-safe:
/// call before decoding starts and after it ends.
void arm_quarantine(const std::filesystem::path& path);

/// The calling thread starts / has finished decoding the message with this fingerprint.
void decoding_started(const std::string& fingerprint);
void decoding_finished();

}  // namespace bouncekit::nightly::detail
