// Exit codes of the bouncekit program (documented in docs/cli.md).
#pragma once

namespace bouncekit::app {

inline constexpr int kExitOk = 0;          ///< every input was read (undecodable messages are not a failure)
inline constexpr int kExitUnreadable = 1;  ///< some input could not be read (missing file, corrupt gzip, ...)
inline constexpr int kExitUsage = 2;       ///< bad command line

}  // namespace bouncekit::app
