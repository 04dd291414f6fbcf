// Poison messages (docs/cron.md, "Poison messages"): a message whose decoding crashes the process
// is written down by the crash handler, and the next run counts it as undecodable without
// decoding it again, instead of dying at the same place every night.
//
// Each decoding thread keeps the fingerprint of the message it is decoding in thread-local
// memory (no system call per message). A fatal signal (SIGABRT, SIGSEGV, ...) on that thread
// appends the fingerprint to DATABASE-quarantine, from the signal handler: open(2) and write(2)
// are async-signal-safe (POSIX.1-2017, XSH 2.4.3). The next run reads the file, counts those
// messages as undecodable ("quarantined: ..."), stores them in the history with the batch they
// fall in, and removes the file once everything is committed.
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

/// Makes `path` the file crash handlers append to (an empty path: none). Not thread-safe:
/// call before decoding starts and after it ends.
void arm_quarantine(const std::filesystem::path& path);

/// The calling thread starts / has finished decoding the message with this fingerprint.
void decoding_started(const std::string& fingerprint);
void decoding_finished();

}  // namespace bouncekit::nightly::detail
