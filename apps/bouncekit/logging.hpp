// Diagnostics on stderr through spdlog; results never go there.
#pragma once

#include <string>

namespace bouncekit::app {

/// Sets the default logger: stderr, "bouncekit: " prefix; debug when verbose, warnings only when quiet.
/// With `log_file`, the log also goes there, with times, at info level (debug when verbose) even when
/// quiet, through spdlog's rotating file sink (5 files of 10 MB). Returns false (logged on stderr) if
/// the file cannot be opened.
bool setup_logging(bool verbose, bool quiet, const std::string& log_file = {});

}  // namespace bouncekit::app
