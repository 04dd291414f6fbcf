// Exit codes of the bouncekit program (documented in docs/cli.md).
#pragma once

namespace bouncekit::app {

inline constexpr int kExitOk = 0;          ///< every input was read (undecodable messages are not a failure)
inline constexpr int kExitUnreadable = 1;  ///< some input could not be read (missing file, corrupt gzip, ...)
inline constexpr int kExitUsage = 2;       ///< bad command line
inline constexpr int kExitLocked = 3;      ///< report: another run holds the history database's lock
inline constexpr int kExitDatabase = 4;    ///< report: the history database cannot be opened, read or written
inline constexpr int kExitOutput = 5;      ///< report: a file under --out cannot be written (none replaced)
inline constexpr int kExitStdout = 6;
/// report: the connection to a PostgreSQL history was lost during the run (nothing half-written: run again)
inline constexpr int kExitConnectionLost = 7;
inline constexpr int kExitStdout_ = kExitStdout;      ///< standard output cannot be written (EPIPE: its reader left; ENOSPC, EIO)

}  // namespace bouncekit::app
